import type { ErrorSpec } from '../../errors/build.ts';
import { classify, failedFrom } from '../shared/error-table.ts';
import type { ErrorRow, ErrorSignal, PublishOutcome } from '../types.ts';
import type { GmbFailure, GoogleError } from './wire.ts';

/**
 * Business Profile errors by HTTP status and Google's canonical `status` (the signal's
 * code; the token endpoint's OAuth `error` takes its place), platform-apis.md §14. The
 * subcode `ZERO_QUOTA` is Herald's name for an ErrorInfo whose quota_limit_value is "0".
 * Google's message and the refused fields are only ever copied into details.
 */

const SERVER_ERRORS: readonly number[] = Array.from({ length: 100 }, (_, i) => 500 + i);

export const GMB_ERRORS: readonly ErrorRow[] = [
  {
    when: { subcode: 'ZERO_QUOTA' },
    maps: { code: 646 },
    note: 'An ErrorInfo with a quota limit of 0 (RESOURCE_EXHAUSTED): the Google Cloud project is not approved for the Business Profile API (0 QPM). Waiting does not help: never retried.',
  },
  {
    when: { code: 'RESOURCE_EXHAUSTED' },
    maps: { code: 624 },
    retry: 'after-reset',
    note: 'RESOURCE_EXHAUSTED: the project’s requests-per-minute quota is spent.',
  },
  { when: { status: 429 }, maps: { code: 624 }, retry: 'after-reset', note: 'Any other 429.' },
  {
    when: { code: 'UNAUTHENTICATED' },
    maps: { code: 623 },
    note: 'The access token is invalid or expired (refreshed first when refresh credentials are stored).',
  },
  {
    when: { code: 'invalid_grant' },
    maps: { code: 623 },
    note: 'Google’s token endpoint refused the refresh token (expired or revoked): link again.',
  },
  {
    when: { code: 'PERMISSION_DENIED' },
    maps: { code: 623 },
    note: 'The Google account does not manage this location, or the token lacks business.manage.',
  },
  {
    when: { code: 'NOT_FOUND' },
    maps: { code: 623 },
    note: 'The linked location does not exist (or no longer): link again with the right locationName.',
  },
  {
    when: { code: 'INVALID_ARGUMENT' },
    maps: { code: 622 },
    note: 'Google refused a field (phone numbers or URLs in the summary, a call-to-action URL…); details name it.',
  },
  { when: { status: 401 }, maps: { code: 623 }, note: 'Any other 401 (invalid_client included).' },
  { when: { status: 403 }, maps: { code: 623 }, note: 'Any other 403: permission missing.' },
  { when: { status: 404 }, maps: { code: 623 }, note: 'Any other 404: the location is not reachable.' },
  { when: { status: 400 }, maps: { code: 622 }, note: 'Any other 400: the post as sent was refused.' },
  {
    when: { status: SERVER_ERRORS },
    maps: { code: 625 },
    retry: 'backoff',
    note: 'Google or a proxy failed (5xx). A create that gets one is reported unknown instead (626): it may exist.',
  },
  { when: {}, maps: { code: 621 }, note: 'Anything else: Google’s words go to details for a new row.' },
];

export const PLATFORM_NAME = 'Google Business Profile';
export const BACKOFF_MS = 30_000;
/** Google sends no reset time with RESOURCE_EXHAUSTED; its quotas are per minute. */
export const RATE_LIMIT_RETRY_S = 60;

export function signalOf(error: GoogleError): ErrorSignal {
  const signal: ErrorSignal = { status: error.status };
  const code = error.grpcStatus ?? error.oauthError;
  if (code !== undefined) signal.code = code;
  if (error.zeroQuota) signal.subcode = 'ZERO_QUOTA';
  return signal;
}

/** Google's own words for details and logs, with the fields a ValidationError names. */
export function describe(error: GoogleError): string {
  const name = error.grpcStatus ?? error.oauthError ?? `HTTP ${error.status}`;
  const fields = error.fields.map(({ field, message }) =>
    field ? `${field}: ${message || 'invalid'}` : message,
  );
  return [`${name}: ${error.message}`, ...fields].join('; ');
}

export interface Classified {
  row: ErrorRow;
  spec: ErrorSpec;
  retryAfterMs?: number;
}

export function classifyError(error: GoogleError): Classified {
  const row = classify(GMB_ERRORS, signalOf(error));
  if (!row) throw new Error('gmb error table has no catch-all row');
  const params = { platformName: PLATFORM_NAME };
  if (row.retry === 'after-reset') {
    const retryAfter = RATE_LIMIT_RETRY_S;
    return {
      row,
      spec: { ...row.maps, platform: 'gmb', params: { ...params, retryAfter } },
      retryAfterMs: retryAfter * 1000,
    };
  }
  const spec: ErrorSpec = { ...row.maps, platform: 'gmb', params, details: describe(error) };
  return row.retry === 'backoff' ? { row, spec, retryAfterMs: BACKOFF_MS } : { row, spec };
}

export function unreachableSpec(reason: string): ErrorSpec {
  return { code: 625, platform: 'gmb', params: { platformName: PLATFORM_NAME }, details: reason };
}

/** A failure of a call that cannot have created a post, as an outcome. */
export function failedOutcome(failure: GmbFailure): PublishOutcome & { kind: 'failed' } {
  if (failure.kind === 'network') {
    return { kind: 'failed', error: unreachableSpec(failure.reason), retryAfterMs: BACKOFF_MS };
  }
  return failedFrom(classifyError(failure));
}

/**
 * A create that did not return a post. Google takes no idempotency key for localPosts,
 * so whenever it may hold the post (no answer after the request left, a 5xx, a 2xx
 * without a post name) the outcome is unknown: the core marks it unconfirmed (626) and
 * never sends it again on its own.
 */
export function createFailure(failure: GmbFailure): PublishOutcome {
  if (failure.kind === 'network') {
    return failure.mayHaveArrived ? { kind: 'unknown', reason: failure.reason } : failedOutcome(failure);
  }
  if (failure.status >= 500 || failure.status < 300) return { kind: 'unknown', reason: describe(failure) };
  return failedOutcome(failure);
}
