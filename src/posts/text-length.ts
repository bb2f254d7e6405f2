import type { TextUnit } from '../connectors/types.ts';

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Length of a text as a network counts it. Counted by iterating, never by spreading into
 * an array: a megabyte of text would make a million segment objects per network checked.
 */
export function textLength(text: string, unit: TextUnit): number {
  let count = 0;
  switch (unit) {
    case 'graphemes':
      for (const _ of segmenter.segment(text)) count += 1;
      return count;
    case 'characters':
      for (const _ of text) count += 1;
      return count;
    case 'weighted':
      return weightedLength(text);
  }
}

/**
 * X's weighted length: URLs count 23, code points outside the Latin-1 and general
 * punctuation ranges count 2 (twitter-text's default configuration).
 */
export function weightedLength(text: string): number {
  let length = 0;
  const withoutUrls = text.replace(/https?:\/\/\S+/g, () => {
    length += 23;
    return '';
  });
  for (const char of withoutUrls) {
    const cp = char.codePointAt(0) ?? 0;
    const light =
      (cp >= 0 && cp <= 4351) ||
      (cp >= 8192 && cp <= 8205) ||
      (cp >= 8208 && cp <= 8223) ||
      (cp >= 8242 && cp <= 8247);
    length += light ? 1 : 2;
  }
  return length;
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
