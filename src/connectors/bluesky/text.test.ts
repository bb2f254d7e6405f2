import { RichText } from '@atproto/api';
import { describe, expect, it } from 'vitest';
import { detectLinkFacets, graphemeLength, utf8Length } from './text.ts';

/** The text a facet points at, cut by UTF-8 bytes exactly as a Bluesky client would. */
function byteSlice(text: string, start: number, end: number): string {
  return Buffer.from(text, 'utf8').subarray(start, end).toString('utf8');
}

describe('graphemeLength', () => {
  it.each([
    ['', 0],
    ['hello', 5],
    ['👍', 1],
    ['👨‍👩‍👧‍👦', 1], // one family emoji built from 7 code points
    ['🇫🇷🇩🇪', 2],
    ['é', 1], // e + combining acute accent
    ['日本語', 3],
  ])('%j has %i graphemes', (text, expected) => {
    expect(graphemeLength(text)).toBe(expected);
  });
});

describe('utf8Length', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['日本', 6],
    ['👍', 4],
    ['👨‍👩‍👧‍👦', 25],
  ])('%j is %i bytes', (text, expected) => {
    expect(utf8Length(text)).toBe(expected);
  });
});

describe('detectLinkFacets', () => {
  const vectors: { text: string; links: string[] }[] = [
    { text: 'no link here', links: [] },
    { text: 'https://example.com', links: ['https://example.com'] },
    { text: 'see https://example.com/a?b=1#c now', links: ['https://example.com/a?b=1#c'] },
    { text: 'end of sentence https://example.com.', links: ['https://example.com'] },
    {
      text: 'list https://a.example, https://b.example; done',
      links: ['https://a.example', 'https://b.example'],
    },
    { text: '(see https://example.com/x)', links: ['https://example.com/x'] },
    {
      text: 'wiki https://en.wikipedia.org/wiki/Foo_(bar)',
      links: ['https://en.wikipedia.org/wiki/Foo_(bar)'],
    },
    {
      text: '(wiki https://en.wikipedia.org/wiki/Foo_(bar)).',
      links: ['https://en.wikipedia.org/wiki/Foo_(bar)'],
    },
    { text: '👍🏽 café → http://example.org/ü 🎉', links: ['http://example.org/ü'] },
    { text: '👨‍👩‍👧‍👦 https://example.com/family!', links: ['https://example.com/family'] },
    { text: 'not a link: xhttps://example.com or https:// alone', links: [] },
    { text: 'ftp://example.com is not http', links: [] },
  ];

  it.each(vectors)('$text', ({ text, links }) => {
    const facets = detectLinkFacets(text);
    expect(facets.map((facet) => facet.features[0].uri)).toEqual(links);
    for (const facet of facets) {
      expect(byteSlice(text, facet.index.byteStart, facet.index.byteEnd)).toBe(facet.features[0].uri);
    }
  });

  it('counts offsets in bytes, not UTF-16 units', () => {
    // 👍 is 4 bytes but 2 UTF-16 units: the link starts at byte 5 and is 17 bytes long.
    expect(detectLinkFacets('👍 https://x.example')[0]?.index).toEqual({ byteStart: 5, byteEnd: 22 });
  });

  it('agrees with @atproto/api RichText on links it also detects', () => {
    for (const { text } of vectors.filter((v) => v.links.length > 0 && !v.text.includes('(bar))'))) {
      const rich = new RichText({ text });
      rich.detectFacetsWithoutResolution();
      const theirs = (rich.facets ?? []).map((facet) => ({
        index: facet.index,
        uri: (facet.features[0] as { uri?: string }).uri,
      }));
      const ours = detectLinkFacets(text).map((facet) => ({
        index: facet.index,
        uri: facet.features[0].uri,
      }));
      expect(ours).toEqual(theirs.filter((facet) => facet.uri?.startsWith('http')));
    }
  });
});
