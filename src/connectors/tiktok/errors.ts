import type { ErrorSpec } from '../../errors/build.ts';
import { classify, failedFrom } from '../shared/error-table.ts';
import type { ErrorRow, ErrorSignal, PublishOutcome } from '../types.ts';
import type { Failure } from './client.ts';

/**
 * TikTok's errors by `error.code` first (platform-apis.md §7), HTTP status second;
 * no answer at all is status 0. The message only ever goes to `details`.
 */

export const PLATFORM_NAME = 'TikTok';
export const BACKOFF_MS = 30_000;
/** TikTok documents no reset header for its per-minute caps: wait a minute. */
const RATE_LIMIT_RETRY_S = 60;

const SERVER_ERRORS: readonly number[] = Array.from({ length: 100 }, (_, i) => 500 + i);
/**
 * TikTok's daily caps state no reset time: 624 with a day's wait in its Retry-After
 * (the catalog's details), TikTok's own code and words kept for the attempt log.
 */
const DAILY_CAP = { code: 624, params: { retryAfter: 86_400 } } as const;

const byCode = (code: string, maps: ErrorRow['maps'], note: string, retry?: ErrorRow['retry']): ErrorRow => ({
  when: { code },
  maps,
  note,
  ...(retry ? { retry } : {}),
});

export const TIKTOK_ERRORS: readonly ErrorRow[] = [
  byCode(
    'access_token_invalid',
    { code: 623 },
    'Expired (24 h) or revoked: refreshed once when Herald can.',
    'refresh-session',
  ),
  byCode('scope_not_authorized', { code: 623 }, 'The user did not grant video.publish: link again with it.'),
  byCode('scope_permission_missed', { code: 623 }, 'A scope is missing from the token: link again.'),
  byCode('rate_limit_exceeded', { code: 624 }, 'Per-token per-minute cap (init 6/min).', 'after-reset'),
  byCode(
    'spam_risk_too_many_posts',
    DAILY_CAP,
    'The daily post cap of the API for this creator: a day’s wait, not retried on its own.',
  ),
  byCode('spam_risk_too_many_pending_share', DAILY_CAP, 'At most 5 pending inbox shares per 24 h.'),
  byCode('reached_active_user_cap', DAILY_CAP, 'The app’s daily cap of active posting users.'),
  byCode('spam_risk_user_banned_from_posting', { code: 627 }, 'TikTok banned the creator from posting.'),
  byCode('spam_risk_text', { code: 622 }, 'The text was flagged as spam.'),
  byCode('spam_risk', { code: 622 }, 'The post was flagged as spam.'),
  byCode(
    'unaudited_client_can_only_post_to_private_accounts',
    { code: 622 },
    'Unaudited app: post as private (visibility "private") from a private account.',
  ),
  byCode('url_ownership_unverified', { code: 622 }, 'PULL_FROM_URL from a domain not verified for the app.'),
  byCode(
    'privacy_level_option_mismatch',
    { code: 622 },
    'The visibility is not among the creator’s options.',
  ),
  byCode('invalid_param', { code: 622 }, 'A request field was refused (Direct Post reference name).'),
  byCode('invalid_params', { code: 622 }, 'A request field was refused (global error list name).'),
  byCode('invalid_file_upload', { code: 622 }, 'The uploaded file or its chunking was refused.'),
  byCode('internal_error', { code: 625 }, 'TikTok failed internally.', 'backoff'),
  { when: { status: 429 }, maps: { code: 624 }, retry: 'after-reset', note: 'A 429 without TikTok’s code.' },
  { when: { status: 401 }, maps: { code: 623 }, note: 'A 401 without TikTok’s code.' },
  { when: { status: SERVER_ERRORS }, maps: { code: 625 }, retry: 'backoff', note: 'Any other 5xx.' },
  {
    when: { status: 0 },
    maps: { code: 625 },
    retry: 'backoff',
    note: 'No answer (connection failed or reset).',
  },
  { when: {}, maps: { code: 621 }, note: 'Anything else: TikTok’s code and words go to details.' },
];

const media = (code: string, reason: string): ErrorRow => ({
  when: { code },
  maps: { code: 136, params: { reason } },
  note: `fail_reason ${code}`,
});

/** `fail_reason` of a FAILED status (and `reason` of a post.publish.failed webhook). */
export const FAIL_REASONS: readonly ErrorRow[] = [
  media('file_format_check_failed', 'TikTok could not read the file format'),
  media('duration_check_failed', 'the video is longer or shorter than this creator may post'),
  media('frame_rate_check_failed', 'the frame rate is outside 23–60 fps'),
  media('picture_size_check_failed', 'the picture size is outside 360–4096 px'),
  media('video_pull_failed', 'TikTok could not download the video from its URL'),
  media('photo_pull_failed', 'TikTok could not download a photo from its URL'),
  {
    when: { code: 'internal' },
    maps: { code: 625 },
    note: 'TikTok failed internally: a new post may succeed.',
  },
  {
    when: { code: 'auth_removed' },
    maps: { code: 623 },
    note: 'The creator revoked Herald’s access meanwhile.',
  },
  { when: { code: 'spam_risk_too_many_posts' }, maps: DAILY_CAP, note: 'Daily post cap reached.' },
  {
    when: { code: 'spam_risk_user_banned_from_posting' },
    maps: { code: 627 },
    note: 'Creator banned from posting.',
  },
  { when: { code: 'spam_risk_text' }, maps: { code: 622 }, note: 'Text flagged as spam.' },
  { when: { code: 'spam_risk' }, maps: { code: 622 }, note: 'Post flagged as spam.' },
  {
    when: { code: 'app_version_check_failed' },
    maps: { code: 622 },
    note: 'The creator’s TikTok app is too old.',
  },
  { when: {}, maps: { code: 621 }, note: 'Another reason (publish_cancelled, ...): it goes to details.' },
];

export function signalOf(failure: Failure): ErrorSignal {
  if (failure.kind === 'network') return { status: 0 };
  return failure.code === undefined
    ? { status: failure.status }
    : { status: failure.status, code: failure.code };
}

export function describeFailure(failure: Failure): string {
  if (failure.kind === 'network') return [failure.reason, ...failure.codes].join(' ');
  const name = failure.code ?? `HTTP ${failure.status}`;
  return `${name}: ${failure.message}${failure.logId ? ` (log_id ${failure.logId})` : ''}`;
}

export interface Classified {
  row: ErrorRow;
  spec: ErrorSpec;
  retryAfterMs?: number;
}

/** TikTok's words go to details (the body shows them unless the code's catalog entry prescribes its own). */
function specOf(row: ErrorRow, details: string): ErrorSpec {
  const params = { platformName: PLATFORM_NAME, ...row.maps.params };
  return { ...row.maps, platform: 'tiktok', params, details };
}

export function classifyFailure(failure: Failure): Classified {
  const row = classify(TIKTOK_ERRORS, signalOf(failure));
  if (!row) throw new Error('tiktok error table has no catch-all row');
  if (row.retry === 'after-reset') {
    const spec: ErrorSpec = {
      ...row.maps,
      platform: 'tiktok',
      params: { platformName: PLATFORM_NAME, retryAfter: RATE_LIMIT_RETRY_S },
    };
    return { row, spec, retryAfterMs: RATE_LIMIT_RETRY_S * 1000 };
  }
  const spec = specOf(row, describeFailure(failure));
  return row.retry === 'backoff' ? { row, spec, retryAfterMs: BACKOFF_MS } : { row, spec };
}

/** A failure before TikTok holds a complete post: retrying cannot publish twice. */
export function failedOutcome(failure: Failure): PublishOutcome & { kind: 'failed' } {
  return failedFrom(classifyFailure(failure));
}

/** The catalog error of a post TikTok failed after accepting it. */
export function failReasonSpec(reason: string): ErrorSpec {
  const row = classify(FAIL_REASONS, { status: 200, code: reason });
  if (!row) throw new Error('tiktok fail_reason table has no catch-all row');
  return specOf(row, `fail_reason: ${reason}`);
}
