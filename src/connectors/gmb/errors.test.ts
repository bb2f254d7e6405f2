import { describe, expect, it } from 'vitest';
import { resourceExhausted } from '../../../test/fakes/gmb/errors.ts';
import { buildErrorBody } from '../../errors/build.ts';
import { BACKOFF_MS, classifyError, createFailure, GMB_ERRORS } from './errors.ts';
import { type GoogleError, googleErrorOf } from './wire.ts';

/** Google's standard error body (platform-apis.md §14), read the way the client reads it. */
function google(status: number, grpcStatus: string, message = 'm', details?: unknown[]): GoogleError {
  return googleErrorOf(status, { error: { code: status, message, status: grpcStatus, details } }, 'no body');
}

const ZERO = resourceExhausted('0').body;
const SPENT = resourceExhausted('300').body;

const vectors: { row: string; given: GoogleError; code: number; retryAfterMs?: number; details?: RegExp }[] =
  [
    {
      row: 'RESOURCE_EXHAUSTED, quota limit 0 (unapproved project)',
      given: googleErrorOf(429, ZERO, ''),
      code: 646,
      details: /^RESOURCE_EXHAUSTED: Quota exceeded for quota metric/,
    },
    {
      row: 'RESOURCE_EXHAUSTED, quota spent',
      given: googleErrorOf(429, SPENT, ''),
      code: 624,
      retryAfterMs: 60_000,
    },
    { row: 'a bare 429', given: googleErrorOf(429, undefined, 'HTTP 429'), code: 624, retryAfterMs: 60_000 },
    {
      row: 'UNAUTHENTICATED',
      given: google(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.'),
      code: 623,
      details: /^UNAUTHENTICATED: Request had invalid authentication credentials\.$/,
    },
    {
      row: 'invalid_grant (token endpoint)',
      given: googleErrorOf(
        400,
        { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
        '',
      ),
      code: 623,
      details: /^invalid_grant: Token has been expired or revoked\.$/,
    },
    {
      row: 'invalid_client (token endpoint, 401)',
      given: googleErrorOf(401, { error: 'invalid_client' }, 'x'),
      code: 623,
    },
    { row: 'PERMISSION_DENIED', given: google(403, 'PERMISSION_DENIED'), code: 623 },
    { row: 'NOT_FOUND', given: google(404, 'NOT_FOUND'), code: 623 },
    {
      row: 'INVALID_ARGUMENT with the field',
      given: google(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.', [
        {
          '@type': 'type.googleapis.com/google.mybusiness.v4.ValidationError',
          errorDetails: [{ code: 3, field: 'summary', message: 'Phone numbers are not allowed.' }],
        },
      ]),
      code: 622,
      details:
        /^INVALID_ARGUMENT: Request contains an invalid argument\.; summary: Phone numbers are not allowed\.$/,
    },
    { row: 'a 400 of another status', given: google(400, 'FAILED_PRECONDITION'), code: 622 },
    { row: 'a 403 without a body', given: googleErrorOf(403, undefined, 'HTTP 403'), code: 623 },
    { row: 'a 404 without a body', given: googleErrorOf(404, undefined, 'HTTP 404'), code: 623 },
    { row: '503 UNAVAILABLE', given: google(503, 'UNAVAILABLE'), code: 625, retryAfterMs: BACKOFF_MS },
    { row: 'anything else', given: google(409, 'ABORTED'), code: 621, details: /^ABORTED: m$/ },
  ];

describe('the Google Business Profile error table', () => {
  it.each(vectors)('$row → $code', ({ given, code, retryAfterMs, details }) => {
    const classified = classifyError(given);
    expect(classified.spec.code).toBe(code);
    expect(classified.retryAfterMs).toBe(retryAfterMs);
    if (details) expect(classified.spec.details).toMatch(details);
    // Every row renders through the one body builder.
    expect(buildErrorBody(classified.spec)).toMatchObject({ code, platform: 'gmb' });
  });

  it('every row is exercised by a vector', () => {
    const used = new Set(vectors.map(({ given }) => classifyError(given).row));
    expect(GMB_ERRORS.filter((row) => !used.has(row)).map((row) => row.note)).toEqual([]);
  });

  it('the unapproved project answers 646 (not a wait, not retryable), never retried on its own', () => {
    const { spec, retryAfterMs } = classifyError(googleErrorOf(429, ZERO, ''));
    expect(retryAfterMs).toBeUndefined();
    const body = buildErrorBody(spec);
    expect(body).toMatchObject({ code: 646, platform: 'gmb' });
    expect(body.retryAvailable).toBeUndefined();
    expect(body.message).toBe(
      'The Google Cloud project of Herald’s Google Business Profile OAuth client has a quota of 0 for this API: Google has not approved the project yet. Retrying cannot succeed until Google approves it.',
    );
  });

  it('a quota-spent 429 carries Retry-After in details', () => {
    expect(buildErrorBody(classifyError(googleErrorOf(429, SPENT, '')).spec).details).toBe('Retry-After: 60');
  });
});

describe('a create without a post', () => {
  it('is unknown when Google may hold it: no answer after sending, a 5xx, a 2xx without a name', () => {
    const lost = { kind: 'network' as const, mayHaveArrived: true, reason: 'socket hang up ECONNRESET' };
    expect(createFailure(lost)).toEqual({ kind: 'unknown', reason: lost.reason });
    expect(createFailure(google(500, 'INTERNAL'))).toMatchObject({ kind: 'unknown' });
    expect(createFailure(googleErrorOf(200, undefined, 'unexpected answer'))).toMatchObject({
      kind: 'unknown',
    });
  });

  it('is a retryable failure when the request never left, and a failure when Google refused it', () => {
    const refused = { kind: 'network' as const, mayHaveArrived: false, reason: 'ECONNREFUSED' };
    expect(createFailure(refused)).toMatchObject({
      kind: 'failed',
      error: { code: 625 },
      retryAfterMs: BACKOFF_MS,
    });
    expect(createFailure(google(400, 'INVALID_ARGUMENT'))).toMatchObject({
      kind: 'failed',
      error: { code: 622 },
    });
  });
});
