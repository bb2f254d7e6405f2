import { describe, expect, it } from 'vitest';
import { analyticsFailure, notOwned, YOUTUBE_ANALYTICS_ERRORS } from './analytics-errors.ts';
import type { Failure } from './client.ts';

const api = (status: number, reason?: string): Failure => ({
  kind: 'api',
  status,
  message: 'words',
  ...(reason ? { reason } : {}),
});

const vectors: { row: string; given: Failure; code: number }[] = [
  { row: '403 insufficientPermissions', given: api(403, 'insufficientPermissions'), code: 682 },
  { row: '404 videoNotFound', given: api(404, 'videoNotFound'), code: 607 },
  { row: '5xx backendError', given: api(503, 'backendError'), code: 625 },
  { row: 'no answer', given: { kind: 'network', codes: ['ECONNREFUSED'], reason: 'refused' }, code: 625 },
  { row: 'falls through: 401 authError', given: api(401, 'authError'), code: 623 },
  { row: 'falls through: quotaExceeded', given: api(403, 'quotaExceeded'), code: 628 },
];

describe('YouTube analytics error table', () => {
  it('one vector per row', () => {
    expect(vectors.filter((v) => !v.row.startsWith('falls')).length).toBe(YOUTUBE_ANALYTICS_ERRORS.length);
  });

  it.each(vectors)('$row → $code', ({ given, code }) => {
    expect(analyticsFailure(given, 'v1').error.code).toBe(code);
  });

  it('403 forbidden from the Analytics API means another channel’s video, not an error', () => {
    expect(notOwned(api(403, 'forbidden'))).toBe(true);
    expect(notOwned(api(403, 'insufficientPermissions'))).toBe(false);
  });
});
