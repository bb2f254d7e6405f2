import type { ErrorSpec } from '../../errors/build.ts';
import { classify, failedFrom } from '../shared/error-table.ts';
import type { ErrorRow, ErrorSignal } from '../types.ts';
import type { MastodonError, MastodonFailure } from './wire.ts';

/**
 * Mastodon's errors by HTTP status alone. The Error entity's `error` text is
 * localised and free-form, so it is only ever copied into details.
 */

const SERVER_ERRORS: readonly number[] = Array.from({ length: 100 }, (_, i) => 500 + i);

export const MASTODON_ERRORS: readonly ErrorRow[] = [
  {
    when: { status: 401 },
    maps: { code: 623 },
    note: '"The access token is invalid": revoked or expired token (or an app the instance removed): relink.',
  },
  {
    when: { status: 403 },
    maps: { code: 627 },
    note: '"This action is not allowed" / "Your login is currently disabled": the instance restricted the account (a token without write scopes also answers 403; details say which).',
  },
  {
    when: { status: 422 },
    maps: { code: 622 },
    note: '"Validation failed: …": text too long for the instance, media not processed or unknown, bad visibility.',
  },
  {
    when: { status: 429 },
    maps: { code: 624 },
    retry: 'after-reset',
    note: '"Too many requests": X-RateLimit-Reset is an ISO 8601 time; wait until then (300 calls / 5 min, 30 uploads / 30 min).',
  },
  {
    when: { status: SERVER_ERRORS },
    maps: { code: 625 },
    retry: 'backoff',
    note: 'The instance or its proxy failed (500, 502, 503 while overloaded or upgrading).',
  },
  {
    when: {},
    maps: { code: 621 },
    note: 'Anything else (404 on publish, 410…): the instance’s words go to details.',
  },
];

export const PLATFORM_NAME = 'Mastodon';

/** Without a usable X-RateLimit-Reset, wait this long. */
const DEFAULT_RETRY_AFTER_S = 60;
/**
 * A 5xx is retried after this delay. Safe for the status itself while its
 * Idempotency-Key is remembered by the instance (one hour), and only once the failed
 * request has certainly ended (publish.ts SETTLE_MS, the same 60 s).
 */
export const BACKOFF_MS = 60_000;

export function signalOf(error: MastodonError): ErrorSignal {
  return { status: error.status, headers: error.headers };
}

/** Seconds until `X-RateLimit-Reset`, an ISO 8601 time (not epoch seconds as elsewhere). */
export function retryAfterSeconds(headers: Headers, nowMs: number): number {
  const reset = Date.parse(headers.get('x-ratelimit-reset') ?? '');
  if (Number.isFinite(reset)) return Math.max(1, Math.ceil((reset - nowMs) / 1000));
  return DEFAULT_RETRY_AFTER_S;
}

export interface Classified {
  row: ErrorRow;
  spec: ErrorSpec;
  /** Set when the target may be re-queued: rate limits and server errors. */
  retryAfterMs?: number;
}

export function classifyError(error: MastodonError, nowMs = Date.now()): Classified {
  const row = classify(MASTODON_ERRORS, signalOf(error));
  if (!row) throw new Error('mastodon error table has no catch-all row');
  const params = { platformName: PLATFORM_NAME };
  if (row.retry === 'after-reset') {
    const retryAfter = retryAfterSeconds(error.headers, nowMs);
    // 624 renders its own details ("Retry-After: n") from the params.
    return {
      row,
      spec: { ...row.maps, platform: 'mastodon', params: { ...params, retryAfter } },
      retryAfterMs: retryAfter * 1000,
    };
  }
  const details = row.maps.code === 622 ? error.message : `HTTP ${error.status}: ${error.message}`;
  const spec: ErrorSpec = { ...row.maps, platform: 'mastodon', params, details };
  return row.retry === 'backoff' ? { row, spec, retryAfterMs: BACKOFF_MS } : { row, spec };
}

/** No answer from the instance: temporary. */
export function unreachableSpec(reason: string): ErrorSpec {
  return { code: 625, platform: 'mastodon', params: { platformName: PLATFORM_NAME }, details: reason };
}

/**
 * The stored instance now resolves to an address Herald does not connect to (its DNS
 * changed, or HERALD_MEDIA_ALLOW no longer lists it): relinking checks it again.
 */
export function refusedSpec(reason: string): ErrorSpec {
  return {
    code: 623,
    platform: 'mastodon',
    params: { platformName: PLATFORM_NAME },
    details: `Herald does not connect to this instance: ${reason}`,
  };
}

/** Any failure as a `failed` outcome; retryable when the table says so or no answer came. */
export function failedOutcome(
  failure: MastodonFailure,
  nowMs = Date.now(),
): { kind: 'failed'; error: ErrorSpec; retryAfterMs?: number } {
  if (failure.kind === 'refused') return { kind: 'failed', error: refusedSpec(failure.reason) };
  if (failure.kind === 'network') {
    return { kind: 'failed', error: unreachableSpec(failure.reason), retryAfterMs: BACKOFF_MS };
  }
  return failedFrom(classifyError(failure, nowMs));
}
