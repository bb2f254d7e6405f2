/**
 * How Bluesky measures and annotates post text. Bluesky counts user-perceived
 * characters (grapheme clusters) and separately caps the UTF-8 size; facets point
 * into the text by UTF-8 byte offsets, never by JavaScript string indexes.
 */

import { findLinks } from '../../posts/text-links.ts';

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

/** Link facets for every http(s) URL in the text, with UTF-8 byte offsets. */
export function detectLinkFacets(text: string): LinkFacet[] {
  return findLinks(text).map(({ start, url }) => {
    const byteStart = utf8Length(text.slice(0, start));
    return {
      index: { byteStart, byteEnd: byteStart + utf8Length(url) },
      features: [{ $type: 'app.bsky.richtext.facet#link', uri: url }],
    };
  });
}
