import { describe, expect, it } from 'vitest';
import { analyticsFailure, BLUESKY_ANALYTICS_ERRORS } from './analytics-errors.ts';
import type { XrpcError } from './client.ts';

const error = (status: number, name?: string, headers: Record<string, string> = {}): XrpcError => ({
  kind: 'xrpc',
  status,
  message: 'words',
  headers: new Headers(headers),
  ...(name ? { error: name } : {}),
});

const vectors: { row: string; given: XrpcError; code: number }[] = [
  { row: 'NotFound', given: error(400, 'NotFound'), code: 607 },
  { row: 'falls through: AuthenticationRequired', given: error(401, 'AuthenticationRequired'), code: 623 },
  { row: 'falls through: RateLimitExceeded', given: error(429, 'RateLimitExceeded'), code: 624 },
  { row: 'falls through: 502', given: error(502, 'UpstreamFailure'), code: 625 },
];

describe('Bluesky analytics error table', () => {
  it('one vector per row', () => {
    expect(vectors.filter((v) => !v.row.startsWith('falls')).length).toBe(BLUESKY_ANALYTICS_ERRORS.length);
  });
  it.each(vectors)('$row → $code', ({ row, given, code }) => {
    const answer = analyticsFailure(given, 'at://x');
    expect(answer.error.code).toBe(code);
    expect(answer).toEqual(ANSWERS[row]);
  });
  it('a rate limit waits until ratelimit-reset', () => {
    const now = 1_700_000_000_000;
    const failure = analyticsFailure(
      error(429, 'RateLimitExceeded', { 'ratelimit-reset': String(now / 1000 + 120) }),
      'x',
      now,
    );
    expect(failure.waitSeconds).toBe(120);
  });
});

describe('no answer from Bluesky', () => {
  it('is 625 with the reason, never a code from the table', () => {
    const noAnswer = { kind: 'network', mayHaveArrived: false, reason: 'connect ECONNREFUSED' } as const;
    expect(analyticsFailure(noAnswer, 'at://x')).toEqual({
      kind: 'failed',
      error: {
        code: 625,
        platform: 'bluesky',
        params: { platformName: 'Bluesky' },
        details: 'connect ECONNREFUSED',
      },
    });
  });
});

/** The whole answer of each vector: the code, and what the client is told with it (platform, params, details, wait). */
const ANSWERS: Record<string, unknown> = {
  NotFound: { kind: 'failed', error: { code: 607, params: { what: 'Post at://x on Bluesky' } } },
  'falls through: AuthenticationRequired': {
    kind: 'failed',
    error: {
      code: 623,
      platform: 'bluesky',
      params: { platformName: 'Bluesky' },
      details: 'AuthenticationRequired: words',
    },
  },
  'falls through: RateLimitExceeded': {
    kind: 'failed',
    error: { code: 624, platform: 'bluesky', params: { platformName: 'Bluesky', retryAfter: 60 } },
    waitSeconds: 60,
  },
  'falls through: 502': {
    kind: 'failed',
    error: {
      code: 625,
      platform: 'bluesky',
      params: { platformName: 'Bluesky' },
      details: 'UpstreamFailure: words',
    },
  },
};
