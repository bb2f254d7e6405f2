/**
 * How Bluesky measures and annotates post text. Bluesky counts user-perceived
 * characters (grapheme clusters) and separately caps the UTF-8 size; facets point
 * into the text by UTF-8 byte offsets, never by JavaScript string indexes.
 */

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
const encoder = new TextEncoder();

export function graphemeLength(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count += 1;
  return count;
}

export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

export interface LinkFacet {
  index: { byteStart: number; byteEnd: number };
  features: [{ $type: 'app.bsky.richtext.facet#link'; uri: string }];
}

// A link starts the text or follows whitespace or "(" and runs to the next whitespace.
const LINK = /(^|[\s(])(https?:\/\/\S+)/giu;
const TRAILING_PUNCTUATION = /[.,;:!?'"]$/u;

/** Sentence punctuation after a link belongs to the sentence, and so does a ")" the link did not open. */
function trimLink(candidate: string): string {
  let link = candidate;
  for (;;) {
    if (TRAILING_PUNCTUATION.test(link)) {
      link = link.slice(0, -1);
      continue;
    }
    if (link.endsWith(')') && count(link, '(') < count(link, ')')) {
      link = link.slice(0, -1);
      continue;
    }
    return link;
  }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function isWebUrl(link: string): boolean {
  try {
    const url = new URL(link);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
  } catch {
    // Not parseable as a URL: leave it as plain text rather than publish a broken link.
    return false;
  }
}

/** Link facets for every http(s) URL in the text, with UTF-8 byte offsets. */
export function detectLinkFacets(text: string): LinkFacet[] {
  const facets: LinkFacet[] = [];
  for (const match of text.matchAll(LINK)) {
    const lead = match[1] ?? '';
    const link = trimLink(match[2] ?? '');
    if (!isWebUrl(link)) continue;
    const start = (match.index ?? 0) + lead.length;
    const byteStart = utf8Length(text.slice(0, start));
    facets.push({
      index: { byteStart, byteEnd: byteStart + utf8Length(link) },
      features: [{ $type: 'app.bsky.richtext.facet#link', uri: link }],
    });
  }
  return facets;
}
