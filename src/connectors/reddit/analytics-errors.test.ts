import { describe, expect, it } from 'vitest';
import { analyticsFailure, REDDIT_ANALYTICS_ERRORS } from './analytics-errors.ts';
import type { RedditError } from './wire.ts';

const error = (status: number, code?: string): RedditError => ({
  kind: 'reddit',
  status,
  message: 'words',
  headers: new Headers(),
  ...(code ? { code } : {}),
});

const vectors: { row: string; given: RedditError; code: number }[] = [
  { row: '403 on a read', given: error(403), code: 682 },
  { row: 'falls through: 401', given: error(401), code: 623 },
  { row: 'falls through: 429', given: error(429), code: 624 },
  { row: 'falls through: 502', given: error(502), code: 625 },
];

describe('Reddit analytics error table', () => {
  it('one vector per row', () => {
    expect(vectors.filter((v) => !v.row.startsWith('falls')).length).toBe(REDDIT_ANALYTICS_ERRORS.length);
  });
  it.each(vectors)('$row → $code', ({ row, given, code }) => {
    const answer = analyticsFailure(given);
    expect(answer.error.code).toBe(code);
    expect(answer).toEqual(ANSWERS[row]);
  });
});

describe('no answer from Reddit', () => {
  it('is 625 with the reason, never a code from the table', () => {
    const noAnswer = { kind: 'network', mayHaveArrived: false, reason: 'connect ECONNREFUSED' } as const;
    expect(analyticsFailure(noAnswer)).toEqual({
      kind: 'failed',
      error: {
        code: 625,
        platform: 'reddit',
        params: { platformName: 'Reddit' },
        details: 'connect ECONNREFUSED',
      },
    });
  });
});

/** The whole answer of each vector: the code, and what the client is told with it (platform, params, details, wait). */
const ANSWERS: Record<string, unknown> = {
  '403 on a read': {
    kind: 'failed',
    error: { code: 682, platform: 'reddit', params: { platformName: 'Reddit' }, details: 'HTTP 403: words' },
  },
  'falls through: 401': {
    kind: 'failed',
    error: {
      code: 623,
      platform: 'reddit',
      params: { platformName: 'Reddit', subreddit: '' },
      details: 'HTTP 401: words',
    },
  },
  'falls through: 429': {
    kind: 'failed',
    error: {
      code: 624,
      platform: 'reddit',
      params: { platformName: 'Reddit', subreddit: '', retryAfter: 600 },
    },
    waitSeconds: 600,
  },
  'falls through: 502': {
    kind: 'failed',
    error: {
      code: 625,
      platform: 'reddit',
      params: { platformName: 'Reddit', subreddit: '' },
      details: 'HTTP 502: words',
    },
  },
};
