import { describe, expect, it } from 'vitest';
import { buildErrorBody } from '../../errors/build.ts';
import { catalogEntry } from '../../errors/catalog/index.ts';
import { BACKOFF_MS, classifyError, failedOutcome, MASTODON_ERRORS, retryAfterSeconds } from './errors.ts';
import { errorOf, type MastodonError } from './wire.ts';

const NOW_MS = Date.UTC(2027, 0, 15, 12, 0, 0);

/** Mastodon's Error entities (platform-apis.md §11), read the way the client reads them. */
function error(
  status: number,
  body: Record<string, unknown> | undefined,
  headers: Record<string, string> = {},
) {
  return errorOf(status, body, new Headers(headers), 'no error body');
}

const vectors: {
  row: string;
  given: MastodonError;
  code: number;
  retryAfterMs?: number;
  details?: string;
}[] = [
  {
    row: '401',
    given: error(401, { error: 'The access token is invalid' }),
    code: 623,
    details: 'HTTP 401: The access token is invalid',
  },
  {
    row: '403',
    given: error(403, { error: 'Your login is currently disabled' }),
    code: 627,
    details: 'HTTP 403: Your login is currently disabled',
  },
  {
    row: '422',
    given: error(422, { error: 'Validation failed: Text character limit of 500 exceeded' }),
    code: 622,
    details: 'Validation failed: Text character limit of 500 exceeded',
  },
  {
    row: '429',
    given: error(429, { error: 'Too many requests' }, { 'x-ratelimit-reset': '2027-01-15T12:02:30.000Z' }),
    code: 624,
    retryAfterMs: 150_000,
    details: 'Retry-After: 150',
  },
  {
    row: '5xx',
    given: error(503, undefined),
    code: 625,
    retryAfterMs: BACKOFF_MS,
    details: 'HTTP 503: no error body',
  },
  {
    row: 'catch-all',
    given: error(404, { error: 'Record not found' }),
    code: 621,
    details: 'HTTP 404: Record not found',
  },
];

describe('Mastodon error table', () => {
  it('has exactly one vector per row', () => {
    expect(vectors).toHaveLength(MASTODON_ERRORS.length);
  });

  it.each(vectors.map((vector, index) => ({ ...vector, index })))(
    'row $index ($row) → $code',
    ({ given, code, retryAfterMs, details, index }) => {
      const classified = classifyError(given, NOW_MS);
      expect(classified.row).toBe(MASTODON_ERRORS[index]);
      expect(classified.spec).toMatchObject({ code, platform: 'mastodon' });
      expect(classified.retryAfterMs).toBe(retryAfterMs);
      const body = buildErrorBody(classified.spec);
      expect(body.message).toContain('Mastodon');
      if (details !== undefined) expect(body.details).toBe(details);
      expect(catalogEntry(code).platforms).toContain('mastodon');
    },
  );

  it('never reads the error text: the same words under another status classify by status', () => {
    expect(classifyError(error(422, { error: 'Too many requests' })).spec.code).toBe(622);
    expect(classifyError(error(500, { error: 'The access token is invalid' })).spec.code).toBe(625);
    expect(classifyError(error(599, undefined)).spec.code).toBe(625);
  });

  it('keeps error_description (OAuth errors) in details', () => {
    const oauth = error(401, {
      error: 'invalid_grant',
      error_description: 'The provided authorization grant is invalid, expired, revoked…',
    });
    expect(classifyError(oauth).spec.details).toBe(
      'HTTP 401: invalid_grant: The provided authorization grant is invalid, expired, revoked…',
    );
  });
});

describe('retryAfterSeconds', () => {
  it('reads X-RateLimit-Reset as an ISO 8601 time, not epoch seconds', () => {
    const headers = new Headers({ 'x-ratelimit-reset': '2027-01-15T12:05:00.000Z' });
    expect(retryAfterSeconds(headers, NOW_MS)).toBe(300);
    // An epoch number is not a date Mastodon sends: the default applies.
    expect(retryAfterSeconds(new Headers({ 'x-ratelimit-reset': String(NOW_MS / 1000 + 30) }), NOW_MS)).toBe(
      60,
    );
  });
  it('never answers less than one second, and a minute without the header', () => {
    expect(retryAfterSeconds(new Headers({ 'x-ratelimit-reset': '2027-01-15T11:00:00Z' }), NOW_MS)).toBe(1);
    expect(retryAfterSeconds(new Headers(), NOW_MS)).toBe(60);
  });
});

describe('failures without an answer', () => {
  it('no answer is temporary (625, retried); a refused address is a relink (623), never retried', () => {
    expect(failedOutcome({ kind: 'network', mayHaveArrived: false, reason: 'connect ECONNREFUSED' })).toEqual(
      {
        kind: 'failed',
        error: {
          code: 625,
          platform: 'mastodon',
          params: { platformName: 'Mastodon' },
          details: 'connect ECONNREFUSED',
        },
        retryAfterMs: BACKOFF_MS,
      },
    );
    expect(failedOutcome({ kind: 'refused', reason: 'non-public address 10.0.0.5 (private)' })).toEqual({
      kind: 'failed',
      error: {
        code: 623,
        platform: 'mastodon',
        params: { platformName: 'Mastodon' },
        details: 'Herald does not connect to this instance: non-public address 10.0.0.5 (private)',
      },
    });
  });
});
