import { describe, expect, it } from 'vitest';
import { analyticsFailure, MASTODON_ANALYTICS_ERRORS } from './analytics-errors.ts';
import type { MastodonFailure } from './wire.ts';

const error = (status: number, headers: Record<string, string> = {}): MastodonFailure => ({
  kind: 'mastodon',
  status,
  message: 'words',
  headers: new Headers(headers),
});

const vectors: { row: string; given: MastodonFailure; code: number }[] = [
  { row: '404 Record not found', given: error(404), code: 607 },
  { row: '403 outside the scopes', given: error(403), code: 682 },
  { row: 'falls through: 401', given: error(401), code: 623 },
  { row: 'falls through: 429', given: error(429), code: 624 },
  { row: 'refused address', given: { kind: 'refused', reason: 'non-public address' }, code: 623 },
];

describe('Mastodon analytics error table', () => {
  it('one vector per row', () => {
    expect(vectors.filter((v) => v.row.startsWith('4')).length).toBe(MASTODON_ANALYTICS_ERRORS.length);
  });
  it.each(vectors)('$row → $code', ({ row, given, code }) => {
    const answer = analyticsFailure(given, '1');
    expect(answer.error.code).toBe(code);
    expect(answer).toEqual(ANSWERS[row]);
  });
  it('429 waits until X-RateLimit-Reset (an ISO time)', () => {
    const now = Date.parse('2026-01-10T10:00:00Z');
    expect(
      analyticsFailure(error(429, { 'x-ratelimit-reset': '2026-01-10T10:05:00Z' }), '1', now).waitSeconds,
    ).toBe(300);
  });
});

describe('no answer from Mastodon', () => {
  it('is 625 with the reason, never a code from the table', () => {
    const noAnswer = { kind: 'network', mayHaveArrived: false, reason: 'connect ECONNREFUSED' } as const;
    expect(analyticsFailure(noAnswer, '1')).toEqual({
      kind: 'failed',
      error: {
        code: 625,
        platform: 'mastodon',
        params: { platformName: 'Mastodon' },
        details: 'connect ECONNREFUSED',
      },
    });
  });
});

/** The whole answer of each vector: the code, and what the client is told with it (platform, params, details, wait). */
const ANSWERS: Record<string, unknown> = {
  '404 Record not found': { kind: 'failed', error: { code: 607, params: { what: 'Status 1 on Mastodon' } } },
  '403 outside the scopes': {
    kind: 'failed',
    error: {
      code: 682,
      platform: 'mastodon',
      params: { platformName: 'Mastodon' },
      details: 'HTTP 403: words',
    },
  },
  'falls through: 401': {
    kind: 'failed',
    error: {
      code: 623,
      platform: 'mastodon',
      params: { platformName: 'Mastodon' },
      details: 'HTTP 401: words',
    },
  },
  'falls through: 429': {
    kind: 'failed',
    error: { code: 624, platform: 'mastodon', params: { platformName: 'Mastodon', retryAfter: 60 } },
    waitSeconds: 60,
  },
  'refused address': {
    kind: 'failed',
    error: {
      code: 623,
      platform: 'mastodon',
      params: { platformName: 'Mastodon' },
      details: 'Herald does not connect to this instance: non-public address',
    },
  },
};
