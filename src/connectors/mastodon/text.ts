import type { PublishInput } from '../types.ts';

/**
 * A status's length as Mastodon counts it (StatusLengthValidator): the content warning
 * plus the text, in grapheme clusters, where every URL counts as
 * `characters_reserved_per_url` (23 by default, `GET /api/v2/instance`
 * configuration.statuses) whatever its real length, and a mention `@user@domain` counts as
 * `@user`. Mastodon finds URLs with twitter-text's extractor, protocol required; a URL
 * ends before trailing punctuation, as there.
 */

export const MAX_CHARACTERS = 500;
export const CHARACTERS_RESERVED_PER_URL = 23;

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

// A URL with its protocol, up to the next space (twitter-text then trims its ending below).
const URL_CANDIDATE = /https?:\/\/[^\s<>"]+/giu;
// Punctuation that ends a sentence rather than a URL.
const TRAILING = /[.,:;!?'"…]+$/u;
// Account::MENTION_RE: not after a word character, `=` or `/`; the domain part is what is not counted.
const MENTION =
  /(?<![=/\p{L}\p{N}_])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)@[\p{L}\p{N}_]+(?:[.-]+[\p{L}\p{N}_]+)*/giu;

/** Closing brackets a URL does not open are the sentence's, not the URL's. */
function trimUrl(candidate: string): string {
  let url = candidate.replace(TRAILING, '');
  for (const [open, close] of [
    ['(', ')'],
    ['[', ']'],
  ] as const) {
    while (url.endsWith(close) && url.split(close).length > url.split(open).length) {
      url = url.slice(0, -1).replace(TRAILING, '');
    }
  }
  return url;
}

function graphemes(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count += 1;
  return count;
}

export function mastodonLength(
  text: string,
  spoilerText = '',
  reservedPerUrl: number = CHARACTERS_RESERVED_PER_URL,
): number {
  const placeholder = 'x'.repeat(reservedPerUrl);
  const countable = text
    .replace(URL_CANDIDATE, (candidate) => {
      const url = trimUrl(candidate);
      return placeholder + candidate.slice(url.length);
    })
    .replace(MENTION, (_whole, username: string) => `@${username}`);
  return graphemes(spoilerText + countable);
}

/** The length of a post's status, its content warning (`mastodonOptions.spoilerText`) included. */
export function statusLength(input: Pick<PublishInput, 'text' | 'options'>): number {
  const spoiler = typeof input.options.spoilerText === 'string' ? input.options.spoilerText : '';
  return mastodonLength(input.text, spoiler);
}
