import { describe, expect, it } from 'vitest';
import { analyticsFailure, GMB_ANALYTICS_ERRORS } from './analytics-errors.ts';
import type { GoogleError } from './wire.ts';

const error = (status: number, grpcStatus?: string): GoogleError => ({
  kind: 'google',
  status,
  message: 'words',
  fields: [],
  zeroQuota: false,
  ...(grpcStatus ? { grpcStatus } : {}),
});

const vectors: { row: string; given: GoogleError; code: number }[] = [
  { row: 'NOT_FOUND', given: error(404, 'NOT_FOUND'), code: 607 },
  { row: 'PERMISSION_DENIED', given: error(403, 'PERMISSION_DENIED'), code: 682 },
  { row: 'falls through: UNAUTHENTICATED', given: error(401, 'UNAUTHENTICATED'), code: 623 },
  { row: 'falls through: RESOURCE_EXHAUSTED', given: error(429, 'RESOURCE_EXHAUSTED'), code: 624 },
];

describe('Business Profile analytics error table', () => {
  it('one vector per row', () => {
    expect(vectors.filter((v) => !v.row.startsWith('falls')).length).toBe(GMB_ANALYTICS_ERRORS.length);
  });
  it.each(vectors)('$row → $code', ({ row, given, code }) => {
    const answer = analyticsFailure(given, 'Post x');
    expect(answer.error.code).toBe(code);
    expect(answer).toEqual(ANSWERS[row]);
  });
});

describe('no answer from Google Business Profile', () => {
  it('is 625 with the reason, never a code from the table', () => {
    const noAnswer = { kind: 'network', mayHaveArrived: false, reason: 'connect ECONNREFUSED' } as const;
    expect(analyticsFailure(noAnswer, 'Post x')).toEqual({
      kind: 'failed',
      error: {
        code: 625,
        platform: 'gmb',
        params: { platformName: 'Google Business Profile' },
        details: 'connect ECONNREFUSED',
      },
    });
  });
});

/** The whole answer of each vector: the code, and what the client is told with it (platform, params, details, wait). */
const ANSWERS: Record<string, unknown> = {
  NOT_FOUND: { kind: 'failed', error: { code: 607, params: { what: 'Post x on Google Business Profile' } } },
  PERMISSION_DENIED: {
    kind: 'failed',
    error: {
      code: 682,
      platform: 'gmb',
      params: { platformName: 'Google Business Profile' },
      details: 'PERMISSION_DENIED: words',
    },
  },
  'falls through: UNAUTHENTICATED': {
    kind: 'failed',
    error: {
      code: 623,
      platform: 'gmb',
      params: { platformName: 'Google Business Profile' },
      details: 'UNAUTHENTICATED: words',
    },
  },
  'falls through: RESOURCE_EXHAUSTED': {
    kind: 'failed',
    error: {
      code: 624,
      platform: 'gmb',
      params: { platformName: 'Google Business Profile', retryAfter: 60 },
    },
    waitSeconds: 60,
  },
};
