import type { ErrorSpec } from '../../errors/build.ts';
import { classify, failedFrom } from '../shared/error-table.ts';
import type { ErrorRow, ErrorSignal, PublishOutcome } from '../types.ts';
import type { XrpcError, XrpcFailure } from './client.ts';

/**
 * Bluesky's errors, by XRPC error name first and HTTP status second. The PDS
 * message is only ever copied into `details`; it never decides anything.
 */

const SERVER_ERRORS: readonly number[] = Array.from({ length: 100 }, (_, i) => 500 + i);

export const BLUESKY_ERRORS: readonly ErrorRow[] = [
  {
    when: { code: 'ExpiredToken' },
    maps: { code: 623 },
    retry: 'refresh-session',
    note: 'Access token expired (400, 401 on some PDSs): refresh the session and retry once; 623 only if that fails.',
  },
  { when: { code: 'InvalidToken' }, maps: { code: 623 }, note: 'Token rejected (bad signature or scope).' },
  {
    when: { code: 'AuthenticationRequired' },
    maps: { code: 623 },
    note: 'Session or app password no longer valid (revoked app password).',
  },
  { when: { code: 'AccountTakedown' }, maps: { code: 627 }, note: 'Taken down by the PDS or a moderator.' },
  { when: { code: 'AccountDeactivated' }, maps: { code: 627 }, note: 'Deactivated by its owner.' },
  {
    when: { code: 'RateLimitExceeded' },
    maps: { code: 624 },
    retry: 'after-reset',
    note: 'Write points or session limit spent; ratelimit-reset gives the unix second it refills.',
  },
  {
    when: { status: 429 },
    maps: { code: 624 },
    retry: 'after-reset',
    note: 'A 429 without the XRPC name (a proxy in front of the PDS).',
  },
  { when: { code: 'InvalidRequest' }, maps: { code: 622 }, note: 'Record refused by lexicon validation.' },
  { when: { code: 'BlobTooLarge' }, maps: { code: 622 }, note: 'An image over the lexicon maxSize.' },
  { when: { code: 'InvalidBlob' }, maps: { code: 622 }, note: 'A blob reference the PDS does not hold.' },
  { when: { code: 'InvalidMimeType' }, maps: { code: 622 }, note: 'The blob type is not accepted there.' },
  {
    when: { status: SERVER_ERRORS },
    maps: { code: 625 },
    retry: 'backoff',
    note: 'PDS or upstream failure (InternalServerError, UpstreamFailure, 502/503 from a proxy).',
  },
  { when: {}, maps: { code: 621 }, note: 'Anything else: the PDS words go to details for a new row.' },
];

export const PLATFORM_NAME = 'Bluesky';

/** Without a ratelimit-reset header, wait this long before trying again. */
const DEFAULT_RETRY_AFTER_S = 60;
/**
 * A 5xx is retried after this delay. Safe even after putRecord: the record key is
 * derived from the target, so a retry can never create a second post.
 */
export const BACKOFF_MS = 30_000;

export function signalOf(failure: XrpcError): ErrorSignal {
  const signal: ErrorSignal = { status: failure.status, headers: failure.headers };
  if (failure.error !== undefined) signal.code = failure.error;
  return signal;
}

/** Seconds until the limit resets: `ratelimit-reset` is a unix time in seconds. */
export function retryAfterSeconds(headers: Headers, nowMs: number): number {
  const reset = Number(headers.get('ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(1, Math.ceil(reset - nowMs / 1000));
  const after = Number(headers.get('retry-after'));
  if (Number.isFinite(after) && after > 0) return Math.ceil(after);
  return DEFAULT_RETRY_AFTER_S;
}

export interface Classified {
  row: ErrorRow;
  spec: ErrorSpec;
  /** When the target may be re-queued: set for rate limits and server errors. */
  retryAfterMs?: number;
}

/** The catalog spec of a PDS error answer, with the delay Herald should wait when it may retry. */
export function classifyFailure(failure: XrpcError, nowMs = Date.now()): Classified {
  const row = classify(BLUESKY_ERRORS, signalOf(failure));
  if (!row) throw new Error('bluesky error table has no catch-all row');
  const spec: ErrorSpec = { ...row.maps, platform: 'bluesky', params: { platformName: PLATFORM_NAME } };
  if (row.retry === 'after-reset') {
    const retryAfter = retryAfterSeconds(failure.headers, nowMs);
    // 624 renders its own details ("Retry-After: n") from the params.
    return {
      row,
      spec: { ...spec, params: { platformName: PLATFORM_NAME, retryAfter } },
      retryAfterMs: retryAfter * 1000,
    };
  }
  const name = failure.error ?? `HTTP ${failure.status}`;
  spec.details = row.maps.code === 622 ? failure.message : `${name}: ${failure.message}`;
  return row.retry === 'backoff' ? { row, spec, retryAfterMs: BACKOFF_MS } : { row, spec };
}

/** The spec of a failure that left no answer: the PDS could not be reached. */
export function unreachableSpec(reason: string): ErrorSpec {
  return { code: 625, platform: 'bluesky', params: { platformName: PLATFORM_NAME }, details: reason };
}

/**
 * A failed publish from an error answer, or from a call whose outcome cannot matter
 * (anything but the post write, or a write that never left). Retrying any of them
 * is safe: the post's record key is fixed, so a retry cannot create a second post.
 */
export function failedOutcome(failure: XrpcFailure): PublishOutcome & { kind: 'failed' } {
  if (failure.kind === 'network') {
    return { kind: 'failed', error: unreachableSpec(failure.reason), retryAfterMs: BACKOFF_MS };
  }
  return failedFrom(classifyFailure(failure));
}
