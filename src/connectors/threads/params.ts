import type { Params } from '../shared/graph-client.ts';
import type { MediaItem, PublishInput } from '../types.ts';

/**
 * Parameters of POST /{threads-user-id}/threads: a text post, one image or video with
 * its text, or a carousel (2–20 items, then the parent that names them).
 */

function countries(input: PublishInput): string | undefined {
  const given = input.options.allowCountries;
  const codes = Array.isArray(given) ? given.filter((c): c is string => typeof c === 'string') : [];
  return codes.length > 0 ? codes.join(',') : undefined;
}

function altText(item: MediaItem, input: PublishInput, index: number): string | undefined {
  const given = Array.isArray(input.options.altText) ? input.options.altText[index] : undefined;
  return typeof given === 'string' ? given : item.altText;
}

function mediaFields(item: MediaItem, input: PublishInput, index: number): Params {
  return item.kind === 'image'
    ? { media_type: 'IMAGE', image_url: item.url, alt_text: altText(item, input, index) }
    : { media_type: 'VIDEO', video_url: item.url, alt_text: altText(item, input, index) };
}

function postFields(input: PublishInput): Params {
  return { text: input.text === '' ? undefined : input.text, allowlisted_country_codes: countries(input) };
}

/** A text post or a single image/video; undefined for a carousel. */
export function singleParams(input: PublishInput): Params | undefined {
  const [item, ...more] = input.media;
  if (!item) return { media_type: 'TEXT', ...postFields(input) };
  if (more.length > 0) return undefined;
  return { ...mediaFields(item, input, 0), ...postFields(input) };
}

export function childParams(input: PublishInput, item: MediaItem, index: number): Params {
  return { ...mediaFields(item, input, index), is_carousel_item: true };
}

export function carouselParams(input: PublishInput, children: readonly string[]): Params {
  return { media_type: 'CAROUSEL', children: children.join(','), ...postFields(input) };
}
