import { describe, expect, it } from 'vitest';
import { buildErrorBody } from '../../errors/build.ts';
import { catalogEntry } from '../../errors/catalog/index.ts';
import type { GraphError } from '../shared/graph-client.ts';
import { graphAnswer } from '../shared/graph-test-kit.ts';
import { classifyAnswer, classifyContainer, INSTAGRAM_ERRORS } from './errors.ts';

type Retry = 'after-reset' | 'backoff' | undefined;

/** One vector per row, in table order: a Meta answer and what Herald makes of it. */
const vectors: { row: string; given: GraphError; code: number; variant?: string; retry?: Retry }[] = [
  { row: 'identity 4854002', given: graphAnswer(400, 368, 4854002), code: 326 },
  { row: 'identity 1404078', given: graphAnswer(400, 200, 1404078), code: 326 },
  { row: '2207085', given: graphAnswer(400, -1, 2207085), code: 258, variant: 'relink' },
  { row: '190', given: graphAnswer(400, 190, 463), code: 623 },
  { row: '102', given: graphAnswer(400, 102), code: 623 },
  { row: '429', given: graphAnswer(429), code: 435, retry: 'after-reset' },
  { row: '1390008', given: graphAnswer(400, 368, 1390008), code: 435, retry: 'after-reset' },
  { row: '9/2207042', given: graphAnswer(400, 9, 2207042), code: 435, retry: 'after-reset' },
  { row: '2207050', given: graphAnswer(400, 25, 2207050), code: 258 },
  { row: '2207051', given: graphAnswer(400, 4, 2207051), code: 258 },
  { row: '2207081', given: graphAnswer(400, 10, 2207081), code: 258 },
  { row: '10', given: graphAnswer(403, 10), code: 258, variant: 'relink' },
  { row: '200', given: graphAnswer(403, 200), code: 258, variant: 'relink' },
  { row: '9004/2207052', given: graphAnswer(400, 9004, 2207052), code: 440 },
  { row: '-2/2207003', given: graphAnswer(400, -2, 2207003), code: 436 },
  { row: '2207052 alone', given: graphAnswer(400, 1, 2207052), code: 138, variant: 'mediaFetch' },
  { row: '2207077', given: graphAnswer(400, 2, 2207077), code: 138, variant: 'mediaFetch' },
  { row: '2207003 alone', given: graphAnswer(400, 1, 2207003), code: 138, variant: 'mediaFetch' },
  { row: '9004', given: graphAnswer(400, 9004, 2207099), code: 138, variant: 'mediaFetch' },
  { row: '2207009', given: graphAnswer(400, 36003, 2207009), code: 138, variant: 'aspectRatio' },
  { row: '2207027', given: graphAnswer(400, 9007, 2207027), code: 436 },
  { row: '2207020', given: graphAnswer(400, -2, 2207020), code: 625, retry: 'backoff' },
  { row: '2207008', given: graphAnswer(400, 24, 2207008), code: 625, retry: 'backoff' },
  { row: '2207032', given: graphAnswer(400, -1, 2207032), code: 625, retry: 'backoff' },
  { row: '2207053', given: graphAnswer(400, -1, 2207053), code: 625, retry: 'backoff' },
  { row: '2207001', given: graphAnswer(400, -1, 2207001), code: 625, retry: 'backoff' },
  { row: '4', given: graphAnswer(400, 4), code: 435, retry: 'after-reset' },
  { row: '17', given: graphAnswer(400, 17), code: 435, retry: 'after-reset' },
  { row: '32', given: graphAnswer(400, 32), code: 435, retry: 'after-reset' },
  { row: '613', given: graphAnswer(400, 613), code: 435, retry: 'after-reset' },
  { row: '80002', given: graphAnswer(400, 80002), code: 435, retry: 'after-reset' },
  { row: '1', given: graphAnswer(500, 1), code: 625, retry: 'backoff' },
  { row: '2', given: graphAnswer(500, 2), code: 625, retry: 'backoff' },
  { row: '5xx', given: graphAnswer(502), code: 625, retry: 'backoff' },
  { row: 'catch-all', given: graphAnswer(400, 36001, 2207005), code: 138 },
];

describe('instagram error table', () => {
  it('has exactly one vector per row', () => {
    expect(vectors).toHaveLength(INSTAGRAM_ERRORS.length);
  });

  it.each(vectors.map((vector, index) => ({ ...vector, index })))(
    'row $index ($row) → $code $variant',
    ({ given, code, variant, retry, index }) => {
      const classified = classifyAnswer(given);
      expect(classified.row).toBe(INSTAGRAM_ERRORS[index]);
      expect(classified.spec.code).toBe(code);
      expect(classified.spec.variant).toBe(variant);
      expect(classified.row.retry).toBe(retry);
      expect(catalogEntry(code).platforms).toContain('instagram');
      expect(buildErrorBody(classified.spec).platform).toBe('instagram');
    },
  );

  it('classifies by code and subcode, never by the message', () => {
    const quiet = graphAnswer(400, 36001, 2207005);
    quiet.error.message = 'Media download has failed. Restricted by robots.txt. Rate limit.';
    expect(classifyAnswer(quiet).spec).toMatchObject({ code: 138 });
    expect(classifyAnswer(quiet).spec.variant).toBeUndefined();
  });

  it('puts Meta’s words in details where the seed body has them, and nowhere else', () => {
    const words = {
      userTitle: 'Media download has failed.',
      userMsg: 'The media could not be fetched from the provided URI...',
    };
    const fetch = classifyAnswer(graphAnswer(400, 9004, 2207052, words)).spec;
    expect(buildErrorBody(fetch).details).toBe(
      'Media download has failed.: The media could not be fetched from the provided URI...',
    );
    expect(classifyAnswer(graphAnswer(400, 1, 2207077, words)).spec.details).toBe(
      'Media download has failed.: The media could not be fetched from the provided URI...',
    );
    // Only one of title and message: that one alone; neither: the developer message.
    expect(classifyAnswer(graphAnswer(400, 9004, 2207052, { userMsg: 'only this' })).spec.details).toBe(
      'only this',
    );
    for (const silent of [
      graphAnswer(400, 25, 2207050, words),
      graphAnswer(400, -1, 2207085, words),
      graphAnswer(400, 368, 4854002, words),
      graphAnswer(400, -2, 2207003, words),
    ])
      expect(classifyAnswer(silent).spec.details).toBeUndefined();
  });

  it('reads a container in ERROR by the subcode of its status string', () => {
    expect(
      classifyContainer({ state: 'ERROR', subcode: 2207077, text: 'Error: 2207077' }).spec,
    ).toMatchObject({
      code: 138,
      variant: 'mediaFetch',
      details: 'Error: 2207077',
    });
    // A container never carries a code: 2207003 there is the fetch timeout, not the -2 answer (436).
    expect(classifyContainer({ state: 'ERROR', subcode: 2207003 }).spec).toMatchObject({
      code: 138,
      variant: 'mediaFetch',
    });
    expect(
      classifyContainer({ state: 'ERROR', subcode: 2207026, text: 'Error: 2207026' }).spec,
    ).toMatchObject({
      code: 138,
      details: 'Error: 2207026',
    });
    expect(classifyContainer({ state: 'ERROR' }).spec.code).toBe(138);
  });
});
