import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../test/fakes/http.ts';
import { X_BODIES } from '../../../test/fakes/x/bodies.ts';
import { buildErrorBody } from '../../errors/build.ts';
import { catalogEntry } from '../../errors/catalog/index.ts';
import { BACKOFF_MS, classifyProblem, problemName, retryAfterSeconds, X_ERRORS } from './errors.ts';
import { problemOf, type XProblem } from './wire.ts';

const NOW_MS = 1_800_000_000_000;
const NOW_S = NOW_MS / 1000;

/** What the connector reads from one of X's answers (the fake's bodies are X's documented ones). */
function problem(reply: Reply, headers: Record<string, string> = {}): XProblem {
  return problemOf(reply.status, reply.body, new Headers({ ...reply.headers, ...headers }));
}

const READ_WRITE = { 'x-access-level': 'read-write' };

/** One vector per table row, in table order. */
const vectors: {
  row: string;
  given: XProblem;
  code: number;
  retryAfterMs?: number;
  details?: string;
}[] = [
  { row: '402 credits', given: problem(X_BODIES.credits('1243608864848629761'), READ_WRITE), code: 416 },
  { row: 'oauth1-permissions', given: problem(X_BODIES.oauth1Permissions(), READ_WRITE), code: 417 },
  {
    row: '403 + x-access-level: read',
    given: problem(X_BODIES.notPermitted(), { 'x-access-level': 'read' }),
    code: 417,
  },
  { row: 'user-suspended', given: problem(X_BODIES.suspended(), READ_WRITE), code: 272 },
  {
    row: 'v1.1 64',
    given: problem({ status: 403, body: { errors: [{ code: 64, message: 'Your account is suspended' }] } }),
    code: 272,
  },
  { row: 'v1.1 326 locked', given: problem(X_BODIES.locked()), code: 272 },
  {
    row: '401',
    given: problem(X_BODIES.unauthorized()),
    code: 272,
    details: 'HTTP 401: about:blank: Unauthorized',
  },
  {
    row: 'usage-capped',
    given: problem(X_BODIES.usageCapped(), {
      'x-app-limit-24hour-remaining': '0',
      'x-app-limit-24hour-reset': String(NOW_S + 3600),
    }),
    code: 624,
    retryAfterMs: 3_600_000,
  },
  { row: '429', given: problem(X_BODIES.tooManyRequests(NOW_S + 42)), code: 624, retryAfterMs: 42_000 },
  { row: '403 about:blank (duplicate)', given: problem(X_BODIES.duplicate(), READ_WRITE), code: 110 },
  {
    row: 'v1.1 187',
    given: problem({ status: 403, body: { errors: [{ code: 187, message: 'Status is a duplicate.' }] } }),
    code: 110,
  },
  {
    row: 'invalid-request',
    given: problem(X_BODIES.invalid('Your media IDs are invalid.', { 'media.media_ids': ['1'] })),
    code: 622,
    details: 'HTTP 400: invalid-request: One or more parameters to your request was invalid.',
  },
  { row: 'resource-not-found', given: problem(X_BODIES.notFound('1')), code: 622 },
  {
    row: 'v1.1 186',
    given: problem({
      status: 403,
      body: { errors: [{ code: 186, message: 'Tweet needs to be a bit shorter.' }] },
    }),
    code: 622,
  },
  {
    row: '5xx',
    given: problem({ status: 503, body: '<html>busy</html>' }),
    code: 625,
    retryAfterMs: BACKOFF_MS,
  },
  {
    row: 'catch-all',
    given: problem({
      status: 403,
      body: { type: 'https://api.x.com/2/problems/client-forbidden', title: 'Client Forbidden' },
    }),
    code: 621,
    details: 'HTTP 403: client-forbidden: Client Forbidden',
  },
];

describe('X error table', () => {
  it('has exactly one vector per row', () => {
    expect(vectors).toHaveLength(X_ERRORS.length);
  });

  it.each(vectors.map((vector, index) => ({ ...vector, index })))(
    'row $index ($row) → $code',
    ({ given, code, retryAfterMs, details, index }) => {
      const classified = classifyProblem(given, 'tweet', NOW_MS);
      expect(classified.row).toBe(X_ERRORS[index]);
      expect(classified.spec).toMatchObject({ code, platform: 'twitter' });
      expect(classified.retryAfterMs).toBe(retryAfterMs);
      if (details !== undefined) expect(classified.spec.details).toBe(details);
      expect(catalogEntry(code).platforms).toContain('twitter');
      expect(buildErrorBody(classified.spec).platform).toBe('twitter');
    },
  );

  it('seed bodies: 416 (402), 417 and 272 carry exactly the seed’s four fields; 110 has no details', () => {
    const body = (reply: Reply) =>
      buildErrorBody(classifyProblem(problem(reply, READ_WRITE), 'tweet', NOW_MS).spec);
    expect(body(X_BODIES.credits('1'))).toEqual({
      status: 'error',
      code: 416,
      message:
        'Your enrolled account does not have any credits to fulfill this request. Purchase credits at console.x.com.',
      platform: 'twitter',
    });
    expect(Object.keys(body(X_BODIES.oauth1Permissions()))).toEqual([
      'status',
      'code',
      'message',
      'platform',
    ]);
    expect(body(X_BODIES.suspended())).toEqual({
      status: 'error',
      code: 272,
      message: 'Failed to verify BYO Twitter identity',
      platform: 'twitter',
    });
    expect(body(X_BODIES.duplicate())).toEqual({
      action: 'post',
      status: 'error',
      code: 110,
      message: 'Status is a duplicate.',
      platform: 'twitter',
    });
  });

  it('matches the problem type by its path suffix, whatever the host', () => {
    expect(problemName('https://api.twitter.com/2/problems/credits')).toBe('credits');
    expect(problemName('https://api.x.com/2/problems/credits')).toBe('credits');
    expect(problemName('about:blank')).toBe('about:blank');
    const onX = problem({
      status: 402,
      body: { title: 'CreditsDepleted', type: 'https://api.x.com/2/problems/credits' },
    });
    expect(classifyProblem(onX, 'tweet').spec.code).toBe(416);
  });

  it('never reads the text: a credits message under another type is not 416', () => {
    const words = problem({
      status: 400,
      body: {
        type: 'about:blank',
        title: 'CreditsDepleted',
        detail: 'does not have any credits; duplicate content',
      },
    });
    expect(classifyProblem(words, 'tweet').spec.code).toBe(621);
  });

  it('a 403 about:blank is a duplicate only when the tweet itself was refused', () => {
    expect(classifyProblem(problem(X_BODIES.duplicate()), 'tweet').spec.code).toBe(110);
    expect(classifyProblem(problem(X_BODIES.duplicate()), 'other').spec.code).toBe(621);
  });
});

describe('retryAfterSeconds (epoch-second reset headers; X sends no Retry-After)', () => {
  it.each([
    [{ 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(NOW_S + 300) }, 300],
    [{ 'x-rate-limit-reset': String(NOW_S + 60) }, 60],
    [
      {
        'x-rate-limit-remaining': '5',
        'x-rate-limit-reset': String(NOW_S + 60),
        'x-user-limit-24hour-remaining': '0',
        'x-user-limit-24hour-reset': String(NOW_S + 7200),
      },
      7200,
    ],
    [{ 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(NOW_S - 30) }, 1],
    [{ 'retry-after': '5' }, 900],
    [{}, 900],
  ])('%j → %i s', (headers, seconds) => {
    expect(retryAfterSeconds(new Headers(headers), NOW_MS)).toBe(seconds);
  });
});
