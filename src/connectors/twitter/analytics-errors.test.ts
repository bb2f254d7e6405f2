import { describe, expect, it } from 'vitest';
import { buildErrorBody } from '../../errors/build.ts';
import { analyticsFailure, X_ANALYTICS_ERRORS } from './analytics-errors.ts';
import type { XProblem } from './wire.ts';

const problem = (status: number, extra: Partial<XProblem> = {}): XProblem => ({
  kind: 'x',
  status,
  headers: new Headers(),
  ...extra,
});
const P = 'https://api.x.com/2/problems';

/** One vector per row, in table order, then what falls through to publishing's table. */
const vectors: { row: string; given: XProblem; code: number; variant?: string }[] = [
  {
    row: 'user-suspended',
    given: problem(403, {
      type: `${P}/user-suspended`,
      detail: 'The user used for authentication is suspended',
    }),
    code: 272,
    variant: 'analytics',
  },
  {
    row: 'v1.1 64',
    given: problem(403, { v1Code: 64, detail: 'Your account is suspended' }),
    code: 272,
    variant: 'analytics',
  },
  {
    row: 'v1.1 326 locked',
    given: problem(403, { v1Code: 326, detail: 'this account is temporarily locked' }),
    code: 272,
    variant: 'analytics',
  },
  {
    row: '401',
    given: problem(401, { type: 'about:blank', detail: 'Unauthorized' }),
    code: 272,
    variant: 'analytics',
  },
  { row: 'resource-not-found', given: problem(404, { type: `${P}/resource-not-found` }), code: 607 },
  { row: 'falls through: 402 credits', given: problem(402, { type: `${P}/credits` }), code: 416 },
  { row: 'falls through: 429', given: problem(429, { type: 'about:blank' }), code: 624 },
  {
    row: 'falls through: 403 about:blank is not a duplicate here',
    given: problem(403, { type: 'about:blank' }),
    code: 621,
  },
];

describe('X analytics error table', () => {
  it('has one vector per row', () => {
    expect(vectors.filter((v) => !v.row.startsWith('falls')).length).toBe(X_ANALYTICS_ERRORS.length);
  });

  it.each(vectors)('$row → $code', ({ given, code, variant }) => {
    const { error } = analyticsFailure(given, '1');
    expect(error.code).toBe(code);
    expect(error.variant).toBe(variant);
  });

  it('an identity failure carries X’s own words as details, after resolution (seed 002)', () => {
    const body = buildErrorBody(analyticsFailure(vectors[0]?.given as XProblem, '1').error);
    expect(Object.keys(body)).toEqual(['action', 'status', 'code', 'message', 'resolution', 'details']);
    expect(body.details).toBe('The user used for authentication is suspended');
    expect(body.resolution).toEqual({ relink: true, platform: 'twitter' });
  });

  it('a rate limit waits until X’s reset header', () => {
    const reset = Math.floor(Date.now() / 1000) + 600;
    const headers = new Headers({ 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) });
    const failure = analyticsFailure(
      problem(429, { type: 'about:blank', headers }),
      '1',
      reset * 1000 - 600_000,
    );
    expect(failure.waitSeconds).toBe(600);
  });
});

describe('no answer from X', () => {
  it('is 625 with the reason, never a code from the table', () => {
    const noAnswer = { kind: 'network', mayHaveArrived: false, reason: 'connect ECONNREFUSED' } as const;
    expect(analyticsFailure(noAnswer, '1')).toEqual({
      kind: 'failed',
      error: {
        code: 625,
        platform: 'twitter',
        params: { platformName: 'X/Twitter' },
        details: 'connect ECONNREFUSED',
      },
    });
  });
});
