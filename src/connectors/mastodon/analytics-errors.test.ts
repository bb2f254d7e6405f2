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
  it.each(vectors)('$row → $code', ({ given, code }) => {
    expect(analyticsFailure(given, '1').error.code).toBe(code);
  });
  it('429 waits until X-RateLimit-Reset (an ISO time)', () => {
    const now = Date.parse('2026-01-10T10:00:00Z');
    expect(
      analyticsFailure(error(429, { 'x-ratelimit-reset': '2026-01-10T10:05:00Z' }), '1', now).waitSeconds,
    ).toBe(300);
  });
});
