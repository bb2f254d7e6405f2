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
  it.each(vectors)('$row → $code', ({ given, code }) => {
    expect(analyticsFailure(given, 'at://x').error.code).toBe(code);
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
