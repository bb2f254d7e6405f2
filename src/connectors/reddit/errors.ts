import type { ErrorSpec } from '../../errors/build.ts';
import { classify, failedFrom } from '../shared/error-table.ts';
import type { ConnectorLog, ErrorRow, ErrorSignal, PublishOutcome } from '../types.ts';
import type { RedditError, RedditFailure } from './wire.ts';

/**
 * Reddit's refusals by the `json.errors` triple's CODE and field (the signal's code and
 * subcode), whatever the HTTP status they came with, else the HTTP status. The codes are
 * Reddit's (r2/lib/errors.py, and the post-requirement codes /api/submit answers with an
 * HTTP 400 since 2020, listed by Reddit's admins in r/redditdev "Upcoming API change:
 * POST /api/submit"). The triple's message is copied to details and, for RATELIMIT
 * without `json.ratelimit`, read for the wait it states; it decides nothing.
 */

const SERVER_ERRORS: readonly number[] = Array.from({ length: 100 }, (_, i) => 500 + i);

const invalid = (code: string, note: string): ErrorRow => ({ when: { code }, maps: { code: 622 }, note });

export const REDDIT_ERRORS: readonly ErrorRow[] = [
  {
    when: { code: 'SUBREDDIT_NOTALLOWED', subcode: 'sr' },
    maps: { code: 442 },
    note: 'Not allowed to post in the subreddit (banned; also private/restricted/karma gates): never retried.',
  },
  {
    when: { code: 'SUBMIT_VALIDATION_TITLE_BLACKLISTED_STRING' },
    maps: { code: 443 },
    note: 'The title holds a word the subreddit’s post requirements refuse (HTTP 400).',
  },
  {
    when: { code: 'RATELIMIT' },
    maps: { code: 624 },
    retry: 'after-reset',
    note: '"Take a break for N minutes": wait json.ratelimit seconds, then send again.',
  },
  {
    when: { code: 'SUBREDDIT_RATELIMIT' },
    maps: { code: 624 },
    retry: 'after-reset',
    note: '"you are doing that too much. try again later.": the subreddit’s own limit, no wait stated.',
  },
  {
    when: { code: 'QUOTA_FILLED' },
    maps: { code: 624, params: { retryAfter: 3600 } },
    note: '"You\'ve submitted too many links recently. Please try again in an hour."',
  },
  {
    when: { status: 429 },
    maps: { code: 624 },
    retry: 'after-reset',
    note: 'HTTP 429 (often HTML): wait X-Ratelimit-Reset seconds (100 QPM per client id).',
  },
  {
    when: { code: 'USER_REQUIRED' },
    maps: { code: 623 },
    note: '"please login to do that": the token no longer works.',
  },
  {
    when: { code: 'VERIFIED_USER_REQUIRED' },
    maps: { code: 627 },
    note: '"you need to set a valid email address to do that": only the account’s owner can lift it, on Reddit.',
  },
  {
    when: { status: 401 },
    maps: { code: 623 },
    retry: 'refresh-session',
    note: 'Access token expired (1 h): refresh with the refresh token once; 623 if that fails.',
  },
  {
    when: { code: 'AccessDenied', status: 403 },
    maps: { code: 625 },
    retry: 'backoff',
    note: 'S3 refused the image upload (the lease’s policy expired): the next attempt asks for a new lease.',
  },
  { when: { status: 403 }, maps: { code: 623 }, note: 'Missing scope (submit, edit) or a suspended user.' },
  invalid('SUBREDDIT_NOEXIST', 'No such subreddit.'),
  invalid('SUBREDDIT_REQUIRED', 'No subreddit given.'),
  invalid('BAD_SR_NAME', 'Not a subreddit name Reddit accepts.'),
  invalid('NO_SELFS', 'The subreddit takes no text posts.'),
  invalid('NO_LINKS', 'The subreddit takes no link posts.'),
  invalid('ALREADY_SUB', 'That link was already submitted there.'),
  invalid('NO_URL', 'A link post without its URL.'),
  invalid('BAD_URL', 'The link is not a URL Reddit accepts.'),
  invalid('DOMAIN_BANNED', 'The link’s domain is banned there.'),
  invalid('TOO_LONG', 'Title over 300 characters (or text over 40,000).'),
  invalid('NO_TEXT', 'A required field (title) is empty.'),
  invalid('SUBMIT_VALIDATION_TITLE_REQUIREMENT', 'The title lacks a word the subreddit requires.'),
  invalid('SUBMIT_VALIDATION_TITLE_REGEX_REQUIREMENT', 'The title does not match the subreddit’s pattern.'),
  invalid('SUBMIT_VALIDATION_BODY_BLACKLISTED_STRING', 'The text holds a word the subreddit refuses.'),
  invalid('SUBMIT_VALIDATION_MIN_LENGTH', 'The title is shorter than the subreddit requires.'),
  invalid('SUBMIT_VALIDATION_MAX_LENGTH', 'The title is longer than the subreddit allows.'),
  invalid('SUBMIT_VALIDATION_BODY_REQUIRED', 'The subreddit requires a text body.'),
  invalid('SUBMIT_VALIDATION_BODY_NOT_ALLOWED', 'The subreddit takes no text body.'),
  invalid('SUBMIT_VALIDATION_LINK_WHITELIST', 'The link must be from one of the subreddit’s domains.'),
  invalid('SUBMIT_VALIDATION_LINK_BLACKLIST', 'The link is from a domain the subreddit refuses.'),
  invalid('SUBMIT_VALIDATION_REPOST', 'The link may not be posted there again.'),
  invalid('SUBMIT_VALIDATION_FLAIR_REQUIRED', 'The subreddit requires a flair.'),
  invalid('EntityTooLarge', 'S3 upload: the image is larger than the upload lease allows.'),
  {
    when: { code: 'failed', subcode: 'websocket' },
    maps: { code: 622 },
    note: 'The image post’s websocket said {"type":"failed"}: Reddit could not process the image.',
  },
  {
    when: { status: SERVER_ERRORS },
    maps: { code: 625 },
    retry: 'backoff',
    note: 'Reddit or a proxy failed (5xx).',
  },
  {
    when: { status: 400 },
    maps: { code: 622 },
    note: 'Any other 400: the submission as sent was refused (a post requirement Reddit added since, which its admins ask clients to show the user); Reddit’s words go to details.',
  },
  { when: {}, maps: { code: 621 }, note: 'Anything else: Reddit’s words go to details for a new row.' },
];

/**
 * POST /api/comment: the refusals its validators add as `json.errors` triples (field
 * `parent` for the thing answered, `text` for the body; r2's VSubmitParent and
 * VMarkdownLength), then Reddit's table. A parent Reddit does not know, a subreddit the
 * account may not comment in (banned, private) and a token without the submit scope
 * are all a bare 403 "Forbidden" ("for backwards compatibility (normally 404)" in r2):
 * structurally one signal, reported as 622 with Reddit's words.
 */
export const REDDIT_COMMENT_ERRORS: readonly ErrorRow[] = [
  invalid(
    'TOO_OLD',
    'The post is archived: "that\'s a piece of history now; it\'s too late to reply to it".',
  ),
  invalid('THREAD_LOCKED', 'The thread is locked by its moderators.'),
  invalid('DELETED_LINK', 'The post commented on was deleted.'),
  invalid('DELETED_COMMENT', 'The comment replied to was deleted (or removed).'),
  invalid('USER_BLOCKED', 'The author of the parent is blocked by (or blocks) the account.'),
  {
    when: { code: 'USER_MUTED' },
    maps: { code: 627 },
    note: 'The account is muted in that subreddit: only its moderators can lift it.',
  },
  {
    when: { status: 403 },
    maps: { code: 622 },
    note: 'Forbidden: an unknown or removed parent, a subreddit the account may not comment in, or a token without the submit scope.',
  },
  ...REDDIT_ERRORS,
];

export const PLATFORM_NAME = 'Reddit';
const DEFAULT_RETRY_AFTER_S = 600;
export const BACKOFF_MS = 30_000;

export function signalOf(error: RedditError): ErrorSignal {
  const signal: ErrorSignal = { status: error.status, headers: error.headers };
  if (error.code !== undefined) signal.code = error.code;
  if (error.field !== undefined) signal.subcode = error.field;
  return signal;
}

/** The wait Reddit states: `json.ratelimit` seconds, else the minutes/seconds in the text, else X-Ratelimit-Reset. */
export function retryAfterSeconds(error: RedditError): number {
  if (error.ratelimitSeconds !== undefined && error.ratelimitSeconds > 0)
    return Math.ceil(error.ratelimitSeconds);
  const stated = /(\d+)\s*(minute|second)/i.exec(error.message);
  if (stated) return Math.max(1, Number(stated[1]) * (stated[2]?.toLowerCase() === 'minute' ? 60 : 1));
  const reset = Number(error.headers.get('x-ratelimit-reset'));
  return Number.isFinite(reset) && reset > 0 ? Math.ceil(reset) : DEFAULT_RETRY_AFTER_S;
}

/** 442 and 443 are the seed's bodies exactly; 624's details are its catalog template (Retry-After). */
const NO_DETAILS: ReadonlySet<number> = new Set([442, 443, 624]);

/** Reddit's own words, for details and logs: every triple of the answer. */
export function describe(error: RedditError): string {
  const name = error.code ? `${error.code}${error.field ? ` (${error.field})` : ''}` : `HTTP ${error.status}`;
  const others = (error.others ?? []).map(
    (other) => `; ${other.code}${other.field ? ` (${other.field})` : ''}: ${other.message}`,
  );
  return `${name}: ${error.message}${others.join('')}`;
}

export interface Classified {
  row: ErrorRow;
  spec: ErrorSpec;
  retryAfterMs?: number;
}

export function classifyError(
  error: RedditError,
  subreddit: string,
  table: readonly ErrorRow[] = REDDIT_ERRORS,
): Classified {
  const row = classify(table, signalOf(error));
  if (!row) throw new Error('reddit error table has no catch-all row');
  const params = { platformName: PLATFORM_NAME, subreddit };
  if (row.retry === 'after-reset') {
    const retryAfter = retryAfterSeconds(error);
    return {
      row,
      spec: { ...row.maps, platform: 'reddit', params: { ...params, retryAfter } },
      retryAfterMs: retryAfter * 1000,
    };
  }
  const spec: ErrorSpec = { ...row.maps, platform: 'reddit', params: { ...params, ...row.maps.params } };
  // 442 and 443 are the seed's bodies exactly (they carry no details); everything else keeps Reddit's words.
  if (!NO_DETAILS.has(row.maps.code)) spec.details = describe(error);
  return row.retry === 'backoff' ? { row, spec, retryAfterMs: BACKOFF_MS } : { row, spec };
}

export function unreachableSpec(reason: string): ErrorSpec {
  return { code: 625, platform: 'reddit', params: { platformName: PLATFORM_NAME }, details: reason };
}

/** A failure of a call that cannot have created a post. */
export function failedOutcome(
  failure: RedditFailure,
  subreddit: string,
): PublishOutcome & { kind: 'failed' } {
  if (failure.kind === 'network') {
    return { kind: 'failed', error: unreachableSpec(failure.reason), retryAfterMs: BACKOFF_MS };
  }
  return failedFrom(classifyError(failure, subreddit));
}

/** A submit that did not return the post: unknown when Reddit may hold it, else classified. */
export function submitFailure(failure: RedditFailure, subreddit: string, log: ConnectorLog): PublishOutcome {
  if (failure.kind === 'network') {
    return failure.mayHaveArrived
      ? { kind: 'unknown', reason: failure.reason }
      : failedOutcome(failure, subreddit);
  }
  // A 5xx, or a 200 without the post: Reddit may have created it.
  if (failure.status >= 500 || (failure.status < 300 && failure.code === undefined)) {
    return { kind: 'unknown', reason: describe(failure) };
  }
  const outcome = failedOutcome(failure, subreddit);
  if (outcome.retryAfterMs !== undefined)
    log.info({ retryAfterMs: outcome.retryAfterMs, subreddit }, 'reddit: refused for now, retrying later');
  return outcome;
}
