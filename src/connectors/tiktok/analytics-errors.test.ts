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

  it.each(vectors)('$row → $code', ({ row, given, code }) => {
    const answer = analyticsFailure(given);
    expect(answer.error.code).toBe(code);
    expect(answer).toEqual(ANSWERS[row]);
  });

  it('a per-minute cap waits a minute (TikTok documents no reset header)', () => {
    expect(analyticsFailure(api(429, 'rate_limit_exceeded')).waitSeconds).toBe(60);
  });
});

/** The whole answer of each vector: the code, and what the client is told with it (platform, params, details, wait). */
const ANSWERS: Record<string, unknown> = {
  scope_not_authorized: {
    kind: 'failed',
    error: {
      code: 682,
      platform: 'tiktok',
      params: { platformName: 'TikTok' },
      details: 'scope_not_authorized: words',
    },
  },
  scope_permission_missed: {
    kind: 'failed',
    error: {
      code: 682,
      platform: 'tiktok',
      params: { platformName: 'TikTok' },
      details: 'scope_permission_missed: words',
    },
  },
  'falls through: access_token_invalid': {
    kind: 'failed',
    error: {
      code: 623,
      platform: 'tiktok',
      params: { platformName: 'TikTok' },
      details: 'access_token_invalid: words',
    },
  },
  'falls through: rate_limit_exceeded': {
    kind: 'failed',
    error: {
      code: 624,
      platform: 'tiktok',
      params: { platformName: 'TikTok', retryAfter: 60 },
      details: 'rate_limit_exceeded: words',
    },
    waitSeconds: 60,
  },
  'falls through: internal_error': {
    kind: 'failed',
    error: {
      code: 625,
      platform: 'tiktok',
      params: { platformName: 'TikTok' },
      details: 'internal_error: words',
    },
  },
};
