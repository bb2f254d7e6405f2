import type { ErrorSpec } from '../../errors/build.ts';
import { classify, failedFrom } from '../shared/error-table.ts';
import type { TokenRefusal } from '../shared/renewing-fetch.ts';
import type { ErrorRow, ErrorSignal, PublishOutcome } from '../types.ts';
import { errorOf, type PinterestError, type PinterestFailure } from './wire.ts';

/**
 * Pinterest's errors by HTTP status and numeric `code` (platform-apis.md §12). The
 * message is only ever copied into details.
 */

const SERVER_ERRORS: readonly number[] = Array.from({ length: 100 }, (_, i) => 500 + i);

export const PINTEREST_ERRORS: readonly ErrorRow[] = [
  {
    when: { status: 429 },
    maps: { code: 624 },
    retry: 'after-reset',
    note: 'Rate limited (trial: 1,000 requests a day; standard: per-user and per-category limits).',
  },
  {
    when: { code: 2 },
    maps: { code: 623 },
    retry: 'refresh-session',
    note: 'Authentication failed (what an expired token often gets): on a 401, renewed once with the refresh token when Herald can; else relink.',
  },
  {
    when: { code: 1104 },
    maps: { code: 623 },
    retry: 'refresh-session',
    note: 'The token is not valid or has expired (access tokens last 30 days): on a 401, renewed once with the refresh token when Herald can; else relink.',
  },
  {
    when: { code: 29 },
    maps: { code: 623 },
    note: 'Not permitted to access that resource: a scope is missing (pins:write, boards:read) or the board is someone else’s.',
  },
  {
    when: { code: 2626 },
    maps: { code: 627 },
    note: 'Pinterest is reviewing the account: only Pinterest can lift it.',
  },
  {
    when: { code: 40 },
    maps: { code: 622 },
    note: 'Board not found: the boardId (pinterestOptions or the linked default) names no board.',
  },
  { when: { code: 50 }, maps: { code: 622 }, note: 'Pin not found.' },
  {
    when: { code: 1 },
    maps: { code: 622 },
    note: 'Invalid parameters (a field too long, an invalid URL, a carousel outside 2–5 images…).',
  },
  { when: { status: 401 }, maps: { code: 623 }, note: 'Any other 401: the token no longer works.' },
  { when: { status: 403 }, maps: { code: 623 }, note: 'Any other 403: permission missing.' },
  { when: { status: [400, 404, 409] }, maps: { code: 622 }, note: 'The request as sent was refused.' },
  {
    when: { status: SERVER_ERRORS },
    maps: { code: 625 },
    retry: 'backoff',
    note: 'Pinterest or a proxy failed (5xx); a pin create is never re-sent on it (see publish.ts).',
  },
  { when: {}, maps: { code: 621 }, note: 'Anything else: Pinterest’s words go to details for a new row.' },
];

export const PLATFORM_NAME = 'Pinterest';
export const BACKOFF_MS = 30_000;
/** Pinterest documents no reset header for its 429: a minute, unless it sends Retry-After. */
const DEFAULT_RETRY_AFTER_S = 60;

/** Pinterest's documented refusal of an expired or invalid token: worth one renewal (renewing-fetch.ts). */
export const PINTEREST_TOKEN_REFUSAL: TokenRefusal = {
  network: 'pinterest',
  renewable: (status, body, headers) =>
    classify(PINTEREST_ERRORS, signalOf(errorOf(status, body, headers, '')))?.retry === 'refresh-session',
};

export function signalOf(error: PinterestError): ErrorSignal {
  const signal: ErrorSignal = { status: error.status, headers: error.headers };
  if (error.code !== undefined) signal.code = error.code;
  return signal;
}

export function retryAfterSeconds(headers: Headers): number {
  const given = Number(headers.get('retry-after'));
  return Number.isFinite(given) && given > 0 ? Math.ceil(given) : DEFAULT_RETRY_AFTER_S;
}

/** Pinterest's own words, for details and logs. */
export function describe(error: PinterestError): string {
  return `${error.code !== undefined ? `code ${error.code}` : `HTTP ${error.status}`}: ${error.message}`;
}

export interface Classified {
  row: ErrorRow;
  spec: ErrorSpec;
  retryAfterMs?: number;
}

export function classifyError(error: PinterestError): Classified {
  const row = classify(PINTEREST_ERRORS, signalOf(error));
  if (!row) throw new Error('pinterest error table has no catch-all row');
  const params = { platformName: PLATFORM_NAME };
  if (row.retry === 'after-reset') {
    const retryAfter = retryAfterSeconds(error.headers);
    return {
      row,
      spec: { ...row.maps, platform: 'pinterest', params: { ...params, retryAfter } },
      retryAfterMs: retryAfter * 1000,
    };
  }
  const spec: ErrorSpec = { ...row.maps, platform: 'pinterest', params, details: describe(error) };
  return row.retry === 'backoff' ? { row, spec, retryAfterMs: BACKOFF_MS } : { row, spec };
}

export function unreachableSpec(reason: string): ErrorSpec {
  return { code: 625, platform: 'pinterest', params: { platformName: PLATFORM_NAME }, details: reason };
}

/** A failure of a call that cannot have created a pin: retryable when the table says so or no answer came. */
export function failedOutcome(failure: PinterestFailure): PublishOutcome & { kind: 'failed' } {
  if (failure.kind === 'network') {
    return { kind: 'failed', error: unreachableSpec(failure.reason), retryAfterMs: BACKOFF_MS };
  }
  return failedFrom(classifyError(failure));
}

/**
 * A pin create that did not return a pin. Pinterest takes no idempotency key, so
 * whenever it may hold the pin (no answer after the request left, a 5xx, a 2xx
 * without an id) the outcome is unknown: the core marks it unconfirmed (626) and
 * never sends it again on its own.
 */
export function createFailure(failure: PinterestFailure): PublishOutcome {
  if (failure.kind === 'network') {
    return failure.mayHaveArrived ? { kind: 'unknown', reason: failure.reason } : failedOutcome(failure);
  }
  if (failure.status >= 500 || failure.status < 300) return { kind: 'unknown', reason: describe(failure) };
  return failedOutcome(failure);
}
