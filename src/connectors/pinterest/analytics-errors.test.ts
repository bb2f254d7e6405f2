import { describe, expect, it } from 'vitest';
import { analyticsFailure, PINTEREST_ANALYTICS_ERRORS } from './analytics-errors.ts';
import type { PinterestError } from './wire.ts';

const error = (status: number, code?: number): PinterestError => ({
  kind: 'pinterest',
  status,
  message: 'words',
  headers: new Headers(),
  ...(code ? { code } : {}),
});

const vectors: { row: string; given: PinterestError; code: number }[] = [
  { row: '29 not permitted', given: error(403, 29), code: 682 },
  { row: '50 pin not found', given: error(404, 50), code: 607 },
  { row: 'falls through: 2 authentication failed', given: error(401, 2), code: 623 },
  { row: 'falls through: 429', given: error(429, 8), code: 624 },
];

describe('Pinterest analytics error table', () => {
  it('one vector per row', () => {
    expect(vectors.filter((v) => !v.row.startsWith('falls')).length).toBe(PINTEREST_ANALYTICS_ERRORS.length);
  });
  it.each(vectors)('$row → $code', ({ row, given, code }) => {
    const answer = analyticsFailure(given, 'p1');
    expect(answer.error.code).toBe(code);
    expect(answer).toEqual(ANSWERS[row]);
  });
});

describe('no answer from Pinterest', () => {
  it('is 625 with the reason, never a code from the table', () => {
    const noAnswer = { kind: 'network', mayHaveArrived: false, reason: 'connect ECONNREFUSED' } as const;
    expect(analyticsFailure(noAnswer, 'p1')).toEqual({
      kind: 'failed',
      error: {
        code: 625,
        platform: 'pinterest',
        params: { platformName: 'Pinterest' },
        details: 'connect ECONNREFUSED',
      },
    });
  });
});

/** The whole answer of each vector: the code, and what the client is told with it (platform, params, details, wait). */
const ANSWERS: Record<string, unknown> = {
  '29 not permitted': {
    kind: 'failed',
    error: {
      code: 682,
      platform: 'pinterest',
      params: { platformName: 'Pinterest' },
      details: 'code 29: words',
    },
  },
  '50 pin not found': { kind: 'failed', error: { code: 607, params: { what: 'Pin p1 on Pinterest' } } },
  'falls through: 2 authentication failed': {
    kind: 'failed',
    error: {
      code: 623,
      platform: 'pinterest',
      params: { platformName: 'Pinterest' },
      details: 'code 2: words',
    },
  },
  'falls through: 429': {
    kind: 'failed',
    error: { code: 624, platform: 'pinterest', params: { platformName: 'Pinterest', retryAfter: 60 } },
    waitSeconds: 60,
  },
};
