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

  it.each(vectors)('$row → $code', ({ row, given, code }) => {
    const answer = analyticsFailure(given, 'v1');
    expect(answer.error.code).toBe(code);
    expect(answer).toEqual(ANSWERS[row]);
  });

  it('403 forbidden from the Analytics API means another channel’s video, not an error', () => {
    expect(notOwned(api(403, 'forbidden'))).toBe(true);
    expect(notOwned(api(403, 'insufficientPermissions'))).toBe(false);
  });
});

/** The whole answer of each vector: the code, and what the client is told with it (platform, params, details, wait). */
const ANSWERS: Record<string, unknown> = {
  '403 insufficientPermissions': {
    kind: 'failed',
    error: {
      code: 682,
      platform: 'youtube',
      params: { platformName: 'YouTube' },
      details: 'insufficientPermissions: words',
    },
  },
  '404 videoNotFound': { kind: 'failed', error: { code: 607, params: { what: 'Video v1 on YouTube' } } },
  '5xx backendError': {
    kind: 'failed',
    error: {
      code: 625,
      platform: 'youtube',
      params: { platformName: 'YouTube' },
      details: 'backendError: words',
    },
  },
  'no answer': {
    kind: 'failed',
    error: {
      code: 625,
      platform: 'youtube',
      params: { platformName: 'YouTube' },
      details: 'refused ECONNREFUSED',
    },
  },
  'falls through: 401 authError': {
    kind: 'failed',
    error: {
      code: 623,
      platform: 'youtube',
      details: 'authError: words',
      params: { platformName: 'YouTube' },
    },
  },
  'falls through: quotaExceeded': {
    kind: 'failed',
    error: { code: 628, platform: 'youtube', details: 'quotaExceeded: words' },
  },
};
