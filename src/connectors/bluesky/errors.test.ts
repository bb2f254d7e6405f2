import { describe, expect, it } from 'vitest';
import { buildErrorBody } from '../../errors/build.ts';
import { catalogEntry } from '../../errors/catalog/index.ts';
import type { XrpcError } from './client.ts';
import { BACKOFF_MS, BLUESKY_ERRORS, classifyFailure, retryAfterSeconds } from './errors.ts';

const NOW_MS = 1_800_000_000_000;

function failure(status: number, error: string | undefined, headers: Record<string, string> = {}): XrpcError {
  const out: XrpcError = {
    kind: 'xrpc',
    status,
    message: `message of ${error}`,
    headers: new Headers(headers),
  };
  if (error !== undefined) out.error = error;
  return out;
}

/** One vector per table row, in table order: what the PDS sends and what Herald makes of it. */
const vectors: {
  row: string;
  given: XrpcError;
  code: number;
  retry?: 'refresh-session' | 'after-reset' | 'backoff';
  details?: string;
  retryAfterMs?: number;
}[] = [
  { row: 'ExpiredToken', given: failure(400, 'ExpiredToken'), code: 623, retry: 'refresh-session' },
  { row: 'InvalidToken', given: failure(400, 'InvalidToken'), code: 623 },
  { row: 'AuthenticationRequired', given: failure(401, 'AuthenticationRequired'), code: 623 },
  { row: 'AccountTakedown', given: failure(401, 'AccountTakedown'), code: 627 },
  { row: 'AccountDeactivated', given: failure(401, 'AccountDeactivated'), code: 627 },
  {
    row: 'RateLimitExceeded',
    given: failure(429, 'RateLimitExceeded', { 'ratelimit-reset': String(NOW_MS / 1000 + 120) }),
    code: 624,
    retry: 'after-reset',
    details: 'Retry-After: 120',
    retryAfterMs: 120_000,
  },
  {
    row: '429',
    given: failure(429, undefined, { 'retry-after': '7' }),
    code: 624,
    retry: 'after-reset',
    details: 'Retry-After: 7',
    retryAfterMs: 7_000,
  },
  {
    row: 'InvalidRequest',
    given: failure(400, 'InvalidRequest'),
    code: 622,
    details: 'message of InvalidRequest',
  },
  { row: 'BlobTooLarge', given: failure(400, 'BlobTooLarge'), code: 622, details: 'message of BlobTooLarge' },
  { row: 'InvalidBlob', given: failure(400, 'InvalidBlob'), code: 622, details: 'message of InvalidBlob' },
  {
    row: 'InvalidMimeType',
    given: failure(400, 'InvalidMimeType'),
    code: 622,
    details: 'message of InvalidMimeType',
  },
  {
    row: '5xx',
    given: failure(502, 'UpstreamFailure'),
    code: 625,
    retry: 'backoff',
    details: 'UpstreamFailure: message of UpstreamFailure',
    retryAfterMs: BACKOFF_MS,
  },
  {
    row: 'catch-all',
    given: failure(400, 'InvalidSwap'),
    code: 621,
    details: 'InvalidSwap: message of InvalidSwap',
  },
];

describe('bluesky error table', () => {
  it('has exactly one vector per row', () => {
    expect(vectors).toHaveLength(BLUESKY_ERRORS.length);
  });

  it.each(vectors.map((vector, index) => ({ ...vector, index })))(
    'row $index ($row) → $code',
    ({ given, code, retry, details, retryAfterMs, index }) => {
      const classified = classifyFailure(given, NOW_MS);
      expect(classified.row).toBe(BLUESKY_ERRORS[index]);
      expect(classified.spec.code).toBe(code);
      expect(classified.spec.platform).toBe('bluesky');
      expect(classified.row.retry).toBe(retry);
      expect(classified.retryAfterMs).toBe(retryAfterMs);
      const body = buildErrorBody(classified.spec);
      expect(body.platform).toBe('bluesky');
      expect(body.message).toContain('Bluesky');
      if (details !== undefined) expect(body.details).toBe(details);
      expect(catalogEntry(code).platforms).toContain('bluesky');
    },
  );

  it('classifies by the XRPC name, not by status, when both are present', () => {
    expect(classifyFailure(failure(401, 'ExpiredToken')).spec.code).toBe(623);
    expect(classifyFailure(failure(401, 'ExpiredToken')).row.retry).toBe('refresh-session');
    expect(classifyFailure(failure(500, 'InvalidRequest')).spec.code).toBe(622);
  });

  it('never reads the message', () => {
    const quiet = failure(400, 'Whatever');
    quiet.message = 'Rate Limit Exceeded: Token has expired';
    expect(classifyFailure(quiet).spec.code).toBe(621);
  });

  it('treats a 5xx without a body as temporary', () => {
    expect(classifyFailure(failure(503, undefined)).spec.code).toBe(625);
    expect(classifyFailure(failure(599, undefined)).spec.code).toBe(625);
  });
});

describe('retryAfterSeconds', () => {
  it('reads ratelimit-reset as unix seconds', () => {
    expect(retryAfterSeconds(new Headers({ 'ratelimit-reset': String(NOW_MS / 1000 + 300) }), NOW_MS)).toBe(
      300,
    );
  });
  it('never answers less than one second, even for a reset in the past', () => {
    expect(retryAfterSeconds(new Headers({ 'ratelimit-reset': String(NOW_MS / 1000 - 30) }), NOW_MS)).toBe(1);
  });
  it('falls back to a minute without headers', () => {
    expect(retryAfterSeconds(new Headers(), NOW_MS)).toBe(60);
  });
});
