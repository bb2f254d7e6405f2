import type { ErrorSpec } from '../../errors/build.ts';
import { classify, failedFrom } from '../shared/error-table.ts';
import type { ErrorRow, ErrorSignal, PublishOutcome } from '../types.ts';
import type { XFailure, XProblem } from './wire.ts';

/**
 * X's errors by structure only: the problem `type` (its path suffix, since the host
 * may be api.twitter.com or api.x.com), a legacy v1.1 numeric code, the HTTP status
 * and the `x-access-level` header (the signal's subcode). X's words go to details.
 *
 * The duplicate (403, `type: about:blank`, `title: Forbidden`) is NOT structurally
 * distinguishable from X's generic 403 refusal ("You are not permitted to perform
 * this action.", sent for reply restrictions and similar): both are 403 + about:blank
 * + "Forbidden", and only the `detail` text differs. Herald does not read text, so on
 * POST /2/tweets every 403 about:blank is reported as 110, the seed's duplicate code,
 * with the seed's exact body (no details); X's own words are logged. On any other call
 * (media upload, delete) the row is skipped: a media upload cannot be a duplicate post.
 */

const SERVER_ERRORS: readonly number[] = Array.from({ length: 100 }, (_, i) => 500 + i);

export const X_ERRORS: readonly ErrorRow[] = [
  {
    when: { code: 'credits' },
    maps: { code: 416 },
    note: '402 CreditsDepleted: a human must buy credits; never retried.',
  },
  {
    when: { code: 'oauth1-permissions' },
    maps: { code: 417 },
    note: '403: the app is not Read and write, or the token predates it.',
  },
  {
    when: { status: 403, subcode: 'read' },
    maps: { code: 417 },
    note: 'Any 403 answered with x-access-level: read: the Access Token was generated read-only.',
  },
  {
    when: { code: 'user-suspended' },
    maps: { code: 272 },
    note: '403 user-suspended: the account is suspended.',
  },
  { when: { code: 64 }, maps: { code: 272 }, note: 'v1.1 64: "Your account is suspended…".' },
  {
    when: { code: 326 },
    maps: { code: 272 },
    note: 'v1.1 326: the account is temporarily locked (unlock on x.com).',
  },
  {
    when: { status: 401 },
    maps: { code: 272 },
    note: '401: the BYO keys belong to another app than the stored tokens, or the tokens were revoked.',
  },
  {
    when: { code: 'usage-capped' },
    maps: { code: 624 },
    retry: 'after-reset',
    note: '429 UsageCapExceeded (monthly or daily cap): wait until the reset headers say.',
  },
  {
    when: { status: 429 },
    maps: { code: 624 },
    retry: 'after-reset',
    note: '429 Too Many Requests: wait until x-rate-limit-reset (epoch seconds; X sends no Retry-After).',
  },
  {
    when: { status: 403, code: 'about:blank' },
    maps: { code: 110 },
    note: 'POST /2/tweets 403 about:blank: a duplicate (or X’s generic refusal, indistinguishable without text).',
  },
  { when: { code: 187 }, maps: { code: 110 }, note: 'v1.1 187: "Status is a duplicate."' },
  {
    when: { code: 'invalid-request' },
    maps: { code: 622 },
    note: '400 invalid-request: a parameter X refused.',
  },
  {
    when: { code: 'resource-not-found' },
    maps: { code: 622 },
    note: '404: the replied-to or quoted post is gone.',
  },
  { when: { code: 186 }, maps: { code: 622 }, note: 'v1.1 186: the text is too long for this account.' },
  {
    when: { status: SERVER_ERRORS },
    maps: { code: 625 },
    retry: 'backoff',
    note: 'X or a proxy failed (5xx).',
  },
  { when: {}, maps: { code: 621 }, note: 'Anything else: X’s words go to details for a new row.' },
];

/**
 * Reading replies (recent search, lookup): the same table, less the duplicate row, after
 * the one refusal only reads meet. X answers 403 `client-forbidden` (reason
 * `client-not-enrolled`, "Appropriate Level of API Access") to an app whose access has no
 * search: a legacy Free app. Pay-per-use apps with credits (and legacy Basic or Pro) read.
 */
export const X_READ_ERRORS: readonly ErrorRow[] = [
  {
    when: { status: 403, code: 'client-forbidden' },
    maps: {
      code: 647,
      params: {
        reason: 'recent search needs an X developer app with pay-per-use credits (or a Basic or Pro plan)',
      },
    },
    note: '403 client-forbidden (client-not-enrolled): the app’s access level has no recent search.',
  },
  ...X_ERRORS.filter((row) => row.maps.code !== 110),
];

export const PLATFORM_NAME = 'X/Twitter';
/** X's rate-limit window is 15 minutes: the wait when no reset header says otherwise. */
const DEFAULT_RETRY_AFTER_S = 900;
/** A 5xx on anything but the tweet itself is retried after this delay. */
export const BACKOFF_MS = 30_000;

/** `https://api.x.com/2/problems/credits` → `credits`; `about:blank` and unknown URIs stay as sent. */
export function problemName(type: string): string {
  const match = /\/2\/problems\/([\w-]+)$/.exec(type);
  return match?.[1] ?? type;
}

export function signalOf(problem: XProblem): ErrorSignal {
  const signal: ErrorSignal = { status: problem.status, headers: problem.headers };
  if (problem.type !== undefined) signal.code = problemName(problem.type);
  else if (problem.v1Code !== undefined) signal.code = problem.v1Code;
  const level = problem.headers.get('x-access-level');
  if (level) signal.subcode = level;
  return signal;
}

function exhaustedReset(headers: Headers, prefix: string): number | undefined {
  const reset = Number(headers.get(`${prefix}-reset`));
  const remaining = headers.get(`${prefix}-remaining`);
  return Number.isFinite(reset) && reset > 0 && (remaining === null || Number(remaining) <= 0)
    ? reset
    : undefined;
}

/** Seconds until X accepts again: the latest reset among the exhausted windows (epoch seconds). */
export function retryAfterSeconds(headers: Headers, nowMs: number): number {
  const resets = ['x-rate-limit', 'x-user-limit-24hour', 'x-app-limit-24hour']
    .map((prefix) => exhaustedReset(headers, prefix))
    .filter((reset): reset is number => reset !== undefined);
  if (resets.length === 0) return DEFAULT_RETRY_AFTER_S;
  return Math.max(1, Math.ceil(Math.max(...resets) - nowMs / 1000));
}

export interface Classified {
  row: ErrorRow;
  spec: ErrorSpec;
  retryAfterMs?: number;
}

/** Which call failed: only the tweet itself can be a duplicate; reads have a refusal of their own. */
export type XCall = 'tweet' | 'other' | 'read';

function tableFor(call: XCall): readonly ErrorRow[] {
  if (call === 'tweet') return X_ERRORS;
  return call === 'read' ? X_READ_ERRORS : X_ERRORS.filter((row) => row.maps.code !== 110);
}

export function classifyProblem(problem: XProblem, call: XCall, nowMs = Date.now()): Classified {
  const row = classify(tableFor(call), signalOf(problem));
  if (!row) throw new Error('x error table has no catch-all row');
  const spec: ErrorSpec = {
    ...row.maps,
    platform: 'twitter',
    params: { platformName: PLATFORM_NAME, ...row.maps.params },
  };
  if (row.retry === 'after-reset') {
    const retryAfter = retryAfterSeconds(problem.headers, nowMs);
    return {
      row,
      spec: { ...spec, params: { ...spec.params, retryAfter } },
      retryAfterMs: retryAfter * 1000,
    };
  }
  // 110's seed body has no details; every other code keeps X's words (rendered where its shape allows).
  if (row.maps.code !== 110) spec.details = describe(problem);
  return row.retry === 'backoff' ? { row, spec, retryAfterMs: BACKOFF_MS } : { row, spec };
}

/** X's own words, for details and logs. */
export function describe(problem: XProblem): string {
  const name = problem.type ? problemName(problem.type) : problem.v1Code ? `v1.1 ${problem.v1Code}` : '';
  return [`HTTP ${problem.status}`, name, problem.detail ?? problem.title].filter(Boolean).join(': ');
}

export function unreachableSpec(reason: string): ErrorSpec {
  return { code: 625, platform: 'twitter', params: { platformName: PLATFORM_NAME }, details: reason };
}

/** A failed call whose outcome cannot have created a post (anything but a tweet that may have left). */
export function failedOutcome(failure: XFailure, call: XCall): PublishOutcome & { kind: 'failed' } {
  if (failure.kind === 'network') {
    return { kind: 'failed', error: unreachableSpec(failure.reason), retryAfterMs: BACKOFF_MS };
  }
  return failedFrom(classifyProblem(failure, call));
}
