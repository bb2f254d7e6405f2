import { describe, expect, it } from 'vitest';
import { buildErrorBody } from '../../errors/build.ts';
import {
  BACKOFF_MS,
  classifyError,
  createFailure,
  PINTEREST_ERRORS,
  PINTEREST_TOKEN_REFUSAL,
} from './errors.ts';
import { errorOf, type PinterestError } from './wire.ts';

/** Pinterest's documented bodies (platform-apis.md §12), read the way the client reads them. */
function error(status: number, body?: Record<string, unknown>, headers = new Headers()): PinterestError {
  return errorOf(status, body, headers, 'no body');
}

const vectors: {
  row: string;
  given: PinterestError;
  code: number;
  retryAfterMs?: number;
  details?: string;
}[] = [
  {
    row: '429',
    given: error(429, { code: 8, message: 'Rate limited.' }),
    code: 624,
    retryAfterMs: 60_000,
  },
  {
    row: '429 with Retry-After',
    given: error(429, { code: 8, message: 'Rate limited.' }, new Headers({ 'retry-after': '7' })),
    code: 624,
    retryAfterMs: 7000,
  },
  {
    row: 'code 2 authentication failed',
    given: error(401, { code: 2, message: 'Authentication failed.' }),
    code: 623,
    details: 'code 2: Authentication failed.',
  },
  {
    row: 'code 1104 token invalid',
    given: error(401, { code: 1104, message: 'The token you provided is not valid or has expired.' }),
    code: 623,
  },
  {
    row: 'code 29 permission',
    given: error(403, { code: 29, message: 'You are not permitted to access that resource.' }),
    code: 623,
  },
  {
    row: 'code 2626 under review',
    given: error(403, { code: 2626, message: 'We are reviewing your account…' }),
    code: 627,
  },
  {
    row: 'code 40 board not found',
    given: error(404, { code: 40, message: 'Board not found.' }),
    code: 622,
    details: 'code 40: Board not found.',
  },
  { row: 'code 50 pin not found', given: error(404, { code: 50, message: 'Pin not found.' }), code: 622 },
  {
    row: 'code 1 invalid parameters',
    given: error(400, {
      code: 1,
      message: 'Whoops! It looks like you entered an invalid URL. Please try again.',
    }),
    code: 622,
  },
  { row: 'bare 401', given: error(401), code: 623, details: 'HTTP 401: no body' },
  { row: 'bare 403', given: error(403), code: 623 },
  { row: '409', given: error(409, { code: 3, message: 'Conflict.' }), code: 622 },
  { row: '503', given: error(503), code: 625, retryAfterMs: BACKOFF_MS },
  { row: 'catch-all', given: error(418, { code: 9999, message: 'teapot' }), code: 621 },
];

describe('Pinterest error table', () => {
  it.each(vectors)('$row → $code', ({ given, code, retryAfterMs, details }) => {
    const { spec, retryAfterMs: after } = classifyError(given);
    expect(spec.code).toBe(code);
    expect(spec.platform).toBe('pinterest');
    expect(after).toBe(retryAfterMs);
    if (details !== undefined) expect(spec.details).toBe(details);
    // Every mapped spec renders as a catalog body.
    expect(buildErrorBody(spec).code).toBe(code);
  });

  it('has a vector for every row', () => {
    const hit = new Set(vectors.map((v) => classifyError(v.given).row));
    expect(PINTEREST_ERRORS.filter((row) => !hit.has(row)).map((row) => row.note)).toEqual([]);
  });

  it('a rate limit carries retryAfter, not Pinterest’s words', () => {
    const { spec } = classifyError(error(429, { code: 8, message: 'Rate limited.' }));
    expect(spec.params).toEqual({ platformName: 'Pinterest', retryAfter: 60 });
    expect(spec.details).toBeUndefined();
  });
});

describe('a pin create without a pin', () => {
  it.each([
    ['no answer after the request left', { kind: 'network', mayHaveArrived: true, reason: 'socket hang up' }],
    ['a 5xx', error(502)],
    ['a 2xx without an id', error(201, undefined)],
  ] as const)('%s is unknown: never sent again blindly', (_, failure) => {
    expect(createFailure(failure)).toMatchObject({ kind: 'unknown' });
  });

  it('a connection never made is a retryable failure', () => {
    expect(createFailure({ kind: 'network', mayHaveArrived: false, reason: 'ECONNREFUSED' })).toMatchObject({
      kind: 'failed',
      error: { code: 625 },
      retryAfterMs: BACKOFF_MS,
    });
  });

  it('a refusal is classified', () => {
    expect(createFailure(error(404, { code: 40, message: 'Board not found.' }))).toMatchObject({
      kind: 'failed',
      error: { code: 622, details: 'code 40: Board not found.' },
    });
  });
});

describe('which refusal is worth one token renewal', () => {
  it.each([
    [
      '401 code 1104 (not valid or expired)',
      401,
      { code: 1104, message: 'The token you provided is not valid or has expired.' },
      true,
    ],
    ['401 code 2 (authentication failed)', 401, { code: 2, message: 'Authentication failed.' }, true],
    [
      '403 code 29 (a missing scope)',
      403,
      { code: 29, message: 'You are not permitted to access that resource.' },
      false,
    ],
    ['a 401 without Pinterest’s body', 401, undefined, false],
    ['a 429', 429, { code: 8, message: 'Rate limited.' }, false],
  ])('%s → %s', (_name, status, body, renewable) => {
    expect(PINTEREST_TOKEN_REFUSAL.renewable(status, body, new Headers())).toBe(renewable);
  });
});
