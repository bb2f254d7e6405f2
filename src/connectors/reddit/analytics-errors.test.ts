import { describe, expect, it } from 'vitest';
import { analyticsFailure, REDDIT_ANALYTICS_ERRORS } from './analytics-errors.ts';
import type { RedditError } from './wire.ts';

const error = (status: number, code?: string): RedditError => ({
  kind: 'reddit',
  status,
  message: 'words',
  headers: new Headers(),
  ...(code ? { code } : {}),
});

const vectors: { row: string; given: RedditError; code: number }[] = [
  { row: '403 on a read', given: error(403), code: 682 },
  { row: 'falls through: 401', given: error(401), code: 623 },
  { row: 'falls through: 429', given: error(429), code: 624 },
  { row: 'falls through: 502', given: error(502), code: 625 },
];

describe('Reddit analytics error table', () => {
  it('one vector per row', () => {
    expect(vectors.filter((v) => !v.row.startsWith('falls')).length).toBe(REDDIT_ANALYTICS_ERRORS.length);
  });
  it.each(vectors)('$row → $code', ({ given, code }) => {
    expect(analyticsFailure(given).error.code).toBe(code);
  });
});
