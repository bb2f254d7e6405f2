import type { ErrorSpec } from '../../errors/build.ts';
import { classify, failedFrom } from '../shared/error-table.ts';
import type { TokenRefusal } from '../shared/renewing-fetch.ts';
import type { ErrorRow, ErrorSignal, PublishOutcome } from '../types.ts';
import { errorOf, type LinkedInError, type LinkedInFailure } from './wire.ts';

/**
 * LinkedIn's errors by HTTP status, `code` and `serviceErrorCode` (the signal's
 * subcode). The message is only ever copied into details.
 */

const SERVER_ERRORS: readonly number[] = Array.from({ length: 100 }, (_, i) => 500 + i);

export const LINKEDIN_ERRORS: readonly ErrorRow[] = [
  {
    when: { status: 401, subcode: 65600 },
    maps: { code: 623 },
    retry: 'refresh-session',
    note: 'INVALID_ACCESS_TOKEN 65600 (what an expired token gets): renewed once when the account has a refresh token (partner apps), else relink.',
  },
  {
    when: { status: 401, subcode: 65602 },
    maps: { code: 623 },
    retry: 'refresh-session',
    note: 'EXPIRED_ACCESS_TOKEN 65602 (tokens last 60 days): renewed once when the account has a refresh token (partner apps), else relink.',
  },
  {
    when: { status: 401 },
    maps: { code: 623 },
    note: 'REVOKED_ACCESS_TOKEN 65601 (the member revoked the app: its refresh token too), any other 401: relink.',
  },
  {
    when: { status: 403 },
    maps: { code: 623 },
    note: 'ACCESS_DENIED 100: a missing w_member_social / w_organization_social, or no admin role on the page.',
  },
  {
    when: { status: 429 },
    maps: { code: 624 },
    retry: 'after-reset',
    note: 'Resource-level throttle (APPLICATION/MEMBER DAY): daily windows reset at 00:00 UTC; no headers say so.',
  },
  {
    when: { status: 426 },
    maps: { code: 621 },
    note: 'NONEXISTENT_VERSION: HERALD_LINKEDIN_API_VERSION names a version LinkedIn retired; the operator must bump it.',
  },
  {
    when: { code: 'VERSION_MISSING' },
    maps: { code: 621 },
    note: 'No LinkedIn-Version header reached LinkedIn (a proxy dropped it?).',
  },
  {
    when: { status: 422 },
    maps: { code: 622 },
    note: 'Unprocessable, and not a duplicate naming its URN (that one is a success, handled before the table).',
  },
  {
    when: { status: 400 },
    maps: { code: 622 },
    note: 'FIELD_LENGTH_TOO_LONG, INVALID_VALUE_FOR_FIELD…: the post as sent is invalid.',
  },
  {
    when: { status: SERVER_ERRORS },
    maps: { code: 625 },
    retry: 'backoff',
    note: 'LinkedIn or a proxy failed (5xx).',
  },
  { when: {}, maps: { code: 621 }, note: 'Anything else: LinkedIn’s words go to details for a new row.' },
];

/**
 * Comments: writing meets LinkedIn's table, after a 404 for a post or comment it does not
 * hold (deleted, or never there); reading also meets a 403 of its own. LinkedIn grants
 * reading a member's comments (r_member_social) to select developers only, and an
 * organization's (r_organization_social) to its administrators: a 403 on a read is the
 * app's access, which relinking does not change (647), where on a write it is the token's
 * scopes (623).
 */
const MISSING_THING: ErrorRow = {
  when: { status: 404 },
  maps: { code: 622 },
  note: 'The post or comment is not there (deleted, or not visible to the actor).',
};

export const LINKEDIN_COMMENT_ERRORS: readonly ErrorRow[] = [MISSING_THING, ...LINKEDIN_ERRORS];

export const LINKEDIN_COMMENT_READ_ERRORS: readonly ErrorRow[] = [
  {
    when: { status: 403 },
    maps: {
      code: 647,
      params: {
        reason:
          'reading comments needs r_member_social (granted to select developers only), or r_organization_social for an organization page',
      },
    },
    note: 'ACCESS_DENIED on a read: the app lacks r_member_social / r_organization_social.',
  },
  MISSING_THING,
  ...LINKEDIN_ERRORS,
];

export const PLATFORM_NAME = 'LinkedIn';
/**
 * A 5xx, or a post whose answer was lost, is sent again after this delay. Safe: a
 * post LinkedIn already holds comes back as a 422 duplicate naming it (a success).
 */
export const BACKOFF_MS = 30_000;

/** LinkedIn's documented refusal of an invalid or expired token: worth one renewal (renewing-fetch.ts). */
export const LINKEDIN_TOKEN_REFUSAL: TokenRefusal = {
  network: 'linkedin',
  renewable: (status, body, headers) =>
    classify(LINKEDIN_ERRORS, signalOf(errorOf(status, body, headers, '')))?.retry === 'refresh-session',
};

export function signalOf(error: LinkedInError): ErrorSignal {
  const signal: ErrorSignal = { status: error.status, headers: error.headers };
  if (error.code !== undefined) signal.code = error.code;
  if (error.serviceErrorCode !== undefined) signal.subcode = error.serviceErrorCode;
  return signal;
}

/**
 * The post a 422 duplicate names: LinkedIn already holds this content, so the publish
 * succeeded. Decided on status 422 and, when LinkedIn sends one, `code` DUPLICATE_POST
 * (any other code is not a duplicate). LinkedIn often sends no code at all
 * (`{"message":"Content is a duplicate of urn:li:share:N","status":422}`); the URN then
 * exists only inside `message`, so it is read from there as a value. Without a URN
 * there is nothing to adopt and the 422 goes through the table like any other.
 */
export function duplicateOf(error: LinkedInError): string | undefined {
  if (error.status !== 422) return undefined;
  if (error.code !== undefined && error.code !== 'DUPLICATE_POST') return undefined;
  return /urn:li:(?:share|ugcPost):\d+/.exec(error.message)?.[0];
}

/** Seconds until the next 00:00 UTC, when LinkedIn's daily windows reset. */
export function secondsUntilUtcMidnight(nowMs: number): number {
  const next = new Date(nowMs);
  next.setUTCHours(24, 0, 0, 0);
  return Math.max(1, Math.ceil((next.getTime() - nowMs) / 1000));
}

export interface Classified {
  row: ErrorRow;
  spec: ErrorSpec;
  retryAfterMs?: number;
}

export function classifyError(
  error: LinkedInError,
  nowMs = Date.now(),
  table: readonly ErrorRow[] = LINKEDIN_ERRORS,
): Classified {
  const row = classify(table, signalOf(error));
  if (!row) throw new Error('linkedin error table has no catch-all row');
  const params = { platformName: PLATFORM_NAME, ...row.maps.params };
  if (row.retry === 'after-reset') {
    const retryAfter = secondsUntilUtcMidnight(nowMs);
    return {
      row,
      spec: { ...row.maps, platform: 'linkedin', params: { ...params, retryAfter } },
      retryAfterMs: retryAfter * 1000,
    };
  }
  const name = error.code ?? `HTTP ${error.status}`;
  const details = row.maps.code === 622 ? error.message : `${name}: ${error.message}`;
  const spec: ErrorSpec = { ...row.maps, platform: 'linkedin', params, details };
  return row.retry === 'backoff' ? { row, spec, retryAfterMs: BACKOFF_MS } : { row, spec };
}

export function unreachableSpec(reason: string): ErrorSpec {
  return { code: 625, platform: 'linkedin', params: { platformName: PLATFORM_NAME }, details: reason };
}

/** Any failure as an outcome: retryable when the table says so or the answer was lost (see BACKOFF_MS). */
export function failedOutcome(failure: LinkedInFailure): PublishOutcome & { kind: 'failed' } {
  if (failure.kind === 'network') {
    return { kind: 'failed', error: unreachableSpec(failure.reason), retryAfterMs: BACKOFF_MS };
  }
  return failedFrom(classifyError(failure));
}
