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
  it.each(vectors)('$row → $code', ({ given, code }) => {
    expect(analyticsFailure(given, 'Post x').error.code).toBe(code);
  });
});
