import { describe, expect, it } from 'vitest';
import { analyticsFailure, TIKTOK_ANALYTICS_ERRORS } from './analytics-errors.ts';
import type { Failure } from './client.ts';

const api = (status: number, code?: string): Failure => ({
  kind: 'api',
  status,
  message: 'words',
  ...(code ? { code } : {}),
});

const vectors: { row: string; given: Failure; code: number }[] = [
  { row: 'scope_not_authorized', given: api(401, 'scope_not_authorized'), code: 682 },
  { row: 'scope_permission_missed', given: api(401, 'scope_permission_missed'), code: 682 },
  { row: 'falls through: access_token_invalid', given: api(401, 'access_token_invalid'), code: 623 },
  { row: 'falls through: rate_limit_exceeded', given: api(429, 'rate_limit_exceeded'), code: 624 },
  { row: 'falls through: internal_error', given: api(500, 'internal_error'), code: 625 },
];

describe('TikTok analytics error table', () => {
  it('one vector per row', () => {
    expect(vectors.filter((v) => !v.row.startsWith('falls')).length).toBe(TIKTOK_ANALYTICS_ERRORS.length);
  });

  it.each(vectors)('$row → $code', ({ given, code }) => {
    expect(analyticsFailure(given).error.code).toBe(code);
  });

  it('a per-minute cap waits a minute (TikTok documents no reset header)', () => {
    expect(analyticsFailure(api(429, 'rate_limit_exceeded')).waitSeconds).toBe(60);
  });
});
