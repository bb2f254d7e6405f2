import { describe, expect, it } from 'vitest';
import { buildErrorBody } from '../../errors/build.ts';
import { catalogEntry } from '../../errors/catalog/index.ts';
import type { GraphError } from '../shared/graph-client.ts';
import { graphAnswer } from '../shared/graph-test-kit.ts';
import { classifyAnswer, classifyContainer, THREADS_ERRORS } from './errors.ts';

type Retry = 'after-reset' | 'backoff' | undefined;

const vectors: { row: string; given: GraphError; code: number; retry?: Retry }[] = [
  { row: 'identity 4854002', given: graphAnswer(400, 368, 4854002), code: 326 },
  { row: 'identity 1404078', given: graphAnswer(400, 200, 1404078), code: 326 },
  { row: '190', given: graphAnswer(400, 190, 460), code: 623 },
  { row: '102', given: graphAnswer(400, 102), code: 623 },
  { row: '10', given: graphAnswer(403, 10), code: 623 },
  { row: '200', given: graphAnswer(403, 200), code: 623 },
  { row: '2207051', given: graphAnswer(400, 4, 2207051), code: 627 },
  { row: '4279013', given: graphAnswer(400, 100, 4279013), code: 627 },
  { row: '429', given: graphAnswer(429), code: 624, retry: 'after-reset' },
  { row: '1390008', given: graphAnswer(400, 368, 1390008), code: 624, retry: 'after-reset' },
  { row: '4', given: graphAnswer(400, 4), code: 624, retry: 'after-reset' },
  { row: '17', given: graphAnswer(400, 17), code: 624, retry: 'after-reset' },
  { row: '32', given: graphAnswer(400, 32), code: 624, retry: 'after-reset' },
  { row: '613', given: graphAnswer(400, 613), code: 624, retry: 'after-reset' },
  { row: '1', given: graphAnswer(500, 1), code: 625, retry: 'backoff' },
  { row: '2', given: graphAnswer(500, 2), code: 625, retry: 'backoff' },
  { row: '5xx', given: graphAnswer(504), code: 625, retry: 'backoff' },
  { row: 'catch-all', given: graphAnswer(400, 100, 2207052), code: 379 },
];

describe('threads error table', () => {
  it('has exactly one vector per row', () => {
    expect(vectors).toHaveLength(THREADS_ERRORS.length);
  });

  it.each(vectors.map((vector, index) => ({ ...vector, index })))(
    'row $index ($row) → $code',
    ({ given, code, retry, index }) => {
      const classified = classifyAnswer(given);
      expect(classified.row).toBe(THREADS_ERRORS[index]);
      expect(classified.spec.code).toBe(code);
      expect(classified.row.retry).toBe(retry);
      expect(catalogEntry(code).platforms).toContain('threads');
      expect(buildErrorBody(classified.spec).platform).toBe('threads');
    },
  );

  it('379 never carries details, so the core can name an Instagram media-fetch failure instead', () => {
    const failed = classifyAnswer(graphAnswer(400, 9004, 2207052, { userMsg: 'could not be fetched' }));
    expect(buildErrorBody(failed.spec)).toEqual({
      status: 'error',
      code: 379,
      message: 'Error posting to Threads.',
      action: 'post',
      platform: 'threads',
    });
    expect(
      classifyContainer({ state: 'ERROR', text: 'FAILED_DOWNLOADING_VIDEO' }).spec.details,
    ).toBeUndefined();
  });
});
