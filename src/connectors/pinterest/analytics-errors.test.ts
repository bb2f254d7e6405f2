import { describe, expect, it } from 'vitest';
import { analyticsFailure, PINTEREST_ANALYTICS_ERRORS } from './analytics-errors.ts';
import type { PinterestError } from './wire.ts';

const error = (status: number, code?: number): PinterestError => ({
  kind: 'pinterest',
  status,
  message: 'words',
  headers: new Headers(),
  ...(code ? { code } : {}),
});

const vectors: { row: string; given: PinterestError; code: number }[] = [
  { row: '29 not permitted', given: error(403, 29), code: 682 },
  { row: '50 pin not found', given: error(404, 50), code: 607 },
  { row: 'falls through: 2 authentication failed', given: error(401, 2), code: 623 },
  { row: 'falls through: 429', given: error(429, 8), code: 624 },
];

describe('Pinterest analytics error table', () => {
  it('one vector per row', () => {
    expect(vectors.filter((v) => !v.row.startsWith('falls')).length).toBe(PINTEREST_ANALYTICS_ERRORS.length);
  });
  it.each(vectors)('$row → $code', ({ given, code }) => {
    expect(analyticsFailure(given, 'p1').error.code).toBe(code);
  });
});
