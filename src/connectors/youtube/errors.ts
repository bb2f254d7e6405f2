import type { ErrorSpec } from '../../errors/build.ts';
import { classify, failedFrom } from '../shared/error-table.ts';
import type { ErrorRow, ErrorSignal, PublishOutcome } from '../types.ts';
import type { ApiFailure, Failure } from './client.ts';

/**
 * YouTube's errors by HTTP status, Google's `reason` (as `code`) and canonical
 * status name (as `subcode`); a failure without an HTTP answer is status 0 with the
 * socket error's `code`. The message only ever goes to `details`.
 */

export const PLATFORM_NAME = 'YouTube';

const SERVER_ERRORS: readonly number[] = Array.from({ length: 100 }, (_, i) => 500 + i).filter(
  (status) => status !== 504,
);

/** Seed 453: retry in 1–2 minutes. */
const INGEST_RETRY_MS = 90_000;
/** Seed 454 and rate limits without a reset header. */
export const BACKOFF_MS = 30_000;
const RATE_LIMIT_RETRY_S = 60;

const socket = (code: string, note: string): ErrorRow => ({
  when: { status: 0, code },
  maps: { code: 454 },
  retry: 'backoff',
  note,
});

const content = (reason: string): ErrorRow => ({
  when: { status: 400, code: reason },
  maps: { code: 176 },
  note: `${reason}: YouTube refused the video metadata; details say what to fix.`,
});

export const YOUTUBE_ERRORS: readonly ErrorRow[] = [
  socket('ECONNRESET', 'Connection reset mid-upload (seed 454).'),
  socket('ETIMEDOUT', 'Socket timed out (seed 454).'),
  socket('ESOCKETTIMEDOUT', 'Socket timed out while reading (seed 454).'),
  socket('EPIPE', 'YouTube closed the connection while Herald was still sending.'),
  socket('UND_ERR_SOCKET', 'The connection closed before an answer (Node’s name for a reset).'),
  socket('UND_ERR_HEADERS_TIMEOUT', 'No answer headers in time (Node’s socket timeout).'),
  socket('UND_ERR_BODY_TIMEOUT', 'The answer stalled (Node’s socket timeout).'),
  socket('UND_ERR_CONNECT_TIMEOUT', 'Could not connect in time.'),
  {
    when: { status: 0 },
    maps: { code: 454 },
    retry: 'backoff',
    note: 'Any other failure without an HTTP answer: the upload endpoint is unreachable.',
  },
  {
    when: { status: 504 },
    maps: { code: 453 },
    retry: 'backoff',
    note: 'Google’s ingest timed out accepting the upload (seed 453).',
  },
  {
    when: { subcode: 'DEADLINE_EXCEEDED' },
    maps: { code: 453 },
    retry: 'backoff',
    note: 'Google reports its own deadline exceeded: the same ingest timeout.',
  },
  {
    when: { code: 'ZERO_QUOTA' },
    maps: { code: 646 },
    note: 'Herald’s name for an ErrorInfo whose quota_limit_value is "0" (whatever Google’s reason): the Cloud project has no quota for the YouTube Data API until Google approves it. Waiting does not help: never retried.',
  },
  {
    when: { status: 403, code: 'quotaExceeded' },
    maps: { code: 628 },
    note: 'The project’s 10,000 daily units are spent; resets at midnight Pacific Time.',
  },
  {
    when: { status: 400, code: 'uploadLimitExceeded' },
    maps: { code: 629 },
    note: 'The channel’s own daily upload cap (a 400, not a 403).',
  },
  {
    when: { status: 429, subcode: 'RESOURCE_EXHAUSTED' },
    maps: { code: 628, variant: 'uploads' },
    note: 'The project’s separate daily bucket of video uploads (“Video Uploads per day”).',
  },
  {
    when: { status: 429 },
    maps: { code: 624 },
    retry: 'after-reset',
    note: 'A plain 429 without a quota status: short-term rate limit.',
  },
  {
    when: { status: 403, code: 'rateLimitExceeded' },
    maps: { code: 624 },
    retry: 'after-reset',
    note: 'Too many requests in a short time.',
  },
  {
    when: { status: 403, code: 'userRateLimitExceeded' },
    maps: { code: 624 },
    retry: 'after-reset',
    note: 'Per-user short-term rate limit.',
  },
  {
    when: { status: 401, code: 'youtubeSignupRequired' },
    maps: { code: 176 },
    note: 'The Google account has no YouTube channel: create one, then post again.',
  },
  {
    when: { status: 401, code: 'authError' },
    maps: { code: 623 },
    note: 'Invalid Credentials: the access token is invalid or expired (refreshed first when possible).',
  },
  {
    when: { status: 400, code: 'invalid_grant' },
    maps: { code: 623 },
    note: 'Google’s token endpoint refused the refresh token (expired or revoked): link again.',
  },
  {
    when: { status: 401 },
    maps: { code: 623 },
    note: 'Any other 401 (no reason given): authorization failed.',
  },
  {
    when: { status: 403, code: 'insufficientPermissions' },
    maps: { code: 623 },
    note: 'The token lacks the scope of the call (videos.update needs youtube or youtube.force-ssl, not youtube.upload): link again granting it.',
  },
  content('invalidTitle'),
  content('invalidDescription'),
  content('invalidTags'),
  content('invalidCategoryId'),
  content('invalidPublishAt'),
  content('mediaBodyRequired'),
  {
    when: { status: SERVER_ERRORS },
    maps: { code: 454 },
    retry: 'backoff',
    note: 'backendError and any other 5xx of the upload service (seed 454).',
  },
  { when: {}, maps: { code: 176 }, note: 'Anything else: YouTube’s reason and words go to details.' },
];

/** thumbnails.set after the video is up: every outcome is a 307 warning, never a failure. */
export const THUMBNAIL_ERRORS: readonly ErrorRow[] = [
  {
    when: { status: 403, code: 'forbidden' },
    maps: { code: 307 },
    note: 'Unverified channel (seed 307): YouTube’s message goes to details.',
  },
  {
    when: { status: 413 },
    maps: { code: 307, variant: 'invalid', params: { reason: 'YouTube found the file larger than 2 MB' } },
    note: 'Oversized image caught by YouTube after the upload.',
  },
  {
    when: { status: 400, code: 'imageFormatUnsupported' },
    maps: { code: 307, variant: 'invalid', params: { reason: 'YouTube does not accept this image format' } },
    note: 'Not a JPEG or PNG after all.',
  },
  {
    when: { status: 400, code: 'invalidImage' },
    maps: { code: 307, variant: 'invalid', params: { reason: 'YouTube could not read the image' } },
    note: 'A corrupt or empty image.',
  },
  {
    when: { status: 400, code: 'imageTooTall' },
    maps: { code: 307, variant: 'invalid', params: { reason: 'the image is too tall for YouTube' } },
    note: 'Dimensions refused.',
  },
  {
    when: { status: 400, code: 'imageTooWide' },
    maps: { code: 307, variant: 'invalid', params: { reason: 'the image is too wide for YouTube' } },
    note: 'Dimensions refused.',
  },
  {
    when: {},
    maps: { code: 307, variant: 'invalid', params: { reason: 'YouTube refused it' } },
    note: 'Anything else, a network failure included; YouTube’s words go to details.',
  },
];

export function signalOf(failure: Failure): ErrorSignal {
  if (failure.kind === 'network') {
    // The first of the error's codes the table names; none: the generic no-answer row.
    const named = failure.codes.find((code) => YOUTUBE_ERRORS.some((row) => row.when.code === code));
    return named === undefined ? { status: 0 } : { status: 0, code: named };
  }
  const signal: ErrorSignal = { status: failure.status };
  if (failure.zeroQuota) signal.code = 'ZERO_QUOTA';
  else if (failure.reason !== undefined) signal.code = failure.reason;
  if (failure.grpcStatus !== undefined) signal.subcode = failure.grpcStatus;
  return signal;
}

/** Google puts HTML links in some messages (quotaExceeded): details stay plain text. */
function plain(message: string): string {
  return message.replace(/<[^>]*>/g, '').trim();
}

export function describeFailure(failure: Failure): string {
  if (failure.kind === 'network') return [failure.reason, ...failure.codes].join(' ');
  return `${failure.reason ?? `HTTP ${failure.status}`}: ${plain(failure.message)}`;
}

export interface Classified {
  row: ErrorRow;
  spec: ErrorSpec;
  retryAfterMs?: number;
}

export function classifyFailure(failure: Failure): Classified {
  const row = classify(YOUTUBE_ERRORS, signalOf(failure));
  if (!row) throw new Error('youtube error table has no catch-all row');
  const spec: ErrorSpec = { ...row.maps, platform: 'youtube' };
  const { code } = row.maps;
  if (code === 624) {
    spec.params = { platformName: PLATFORM_NAME, retryAfter: RATE_LIMIT_RETRY_S };
    return { row, spec, retryAfterMs: RATE_LIMIT_RETRY_S * 1000 };
  }
  // 453/454 print no details in the seed: the reason goes to the log, not the body.
  if (code !== 453 && code !== 454) spec.details = describeFailure(failure);
  if (code === 623 || code === 646) spec.params = { platformName: PLATFORM_NAME };
  if (row.retry === 'backoff')
    return { row, spec, retryAfterMs: code === 453 ? INGEST_RETRY_MS : BACKOFF_MS };
  return { row, spec };
}

/**
 * Retrying any YouTube failure is safe: the upload session lives in the target's
 * progress, so a retry resumes it (or finds the finished video) instead of uploading again.
 */
export function failedOutcome(failure: Failure): PublishOutcome & { kind: 'failed' } {
  return failedFrom(classifyFailure(failure));
}

/** The 307 warning for a thumbnails.set failure (YouTube's words in details). */
export function thumbnailWarning(failure: ApiFailure | Failure): ErrorSpec {
  const signal: ErrorSignal =
    failure.kind === 'api'
      ? { status: failure.status, ...(failure.reason ? { code: failure.reason } : {}) }
      : { status: 0 };
  const row = classify(THUMBNAIL_ERRORS, signal);
  const maps = row?.maps ?? { code: 307, variant: 'invalid', params: { reason: 'YouTube refused it' } };
  const details = failure.kind === 'api' ? plain(failure.message) : describeFailure(failure);
  return { ...maps, feature: 'thumbnail', details };
}
