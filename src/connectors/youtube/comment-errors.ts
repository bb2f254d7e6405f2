import type { ErrorSpec } from '../../errors/build.ts';
import { classify } from '../shared/error-table.ts';
import type { ErrorRow } from '../types.ts';
import type { Failure } from './client.ts';
import { describeFailure, PLATFORM_NAME, signalOf } from './errors.ts';

/**
 * YouTube's answers to the comment calls (commentThreads.insert/list, comments.insert/
 * list/delete, videos.list), by HTTP status and Google's `reason`, as each method's
 * reference lists them. The upload table's 453/454 speak of uploads, so comments have
 * their own rows for what a 5xx means; the quota, rate and credential rows are the same.
 */

const SERVER_ERRORS: readonly number[] = Array.from({ length: 100 }, (_, i) => 500 + i);

const refused = (status: number, reason: string, note: string): ErrorRow => ({
  when: { status, code: reason },
  maps: { code: 622 },
  note,
});

export const YOUTUBE_COMMENT_ERRORS: readonly ErrorRow[] = [
  {
    when: { code: 'ZERO_QUOTA' },
    maps: { code: 646 },
    note: 'The Cloud project has no quota for the YouTube Data API until Google approves it.',
  },
  {
    when: { status: 403, code: 'quotaExceeded' },
    maps: { code: 628 },
    note: 'The project’s 10,000 daily units are spent (an insert or a delete costs 50, a read 1).',
  },
  {
    when: { status: 403, code: 'commentsDisabled' },
    maps: { code: 622 },
    note: 'The video has comments turned off (commentThreads.insert and .list).',
  },
  {
    when: { status: 403, code: 'forbidden' },
    maps: { code: 623 },
    note: 'Insufficient permissions to comment or delete: a token without youtube.force-ssl (link again with it).',
  },
  {
    when: { status: 403, code: 'insufficientPermissions' },
    maps: { code: 623 },
    note: 'Google’s “insufficient authentication scopes”: the token lacks youtube.force-ssl.',
  },
  {
    when: { code: 'ineligibleAccount' },
    maps: { code: 627 },
    note: 'The YouTube account must be merged with the Google account to comment: only its owner can do that.',
  },
  refused(400, 'commentTextTooLong', 'The text is longer than YouTube takes.'),
  refused(400, 'commentTextRequired', 'An empty comment.'),
  refused(400, 'invalidCommentMetadata', 'The comment resource is invalid.'),
  refused(400, 'invalidCommentThreadMetadata', 'The comment thread resource is invalid.'),
  refused(400, 'channelOrVideoIdMissing', 'A thread needs the video and its channel.'),
  refused(400, 'parentIdMissing', 'A reply needs the comment it answers.'),
  refused(400, 'parentCommentIsPrivate', 'The comment replied to is private.'),
  refused(400, 'operationNotSupported', 'YouTube does not allow this reply or read.'),
  refused(400, 'processingFailure', 'YouTube could not process the request (its input, usually).'),
  refused(404, 'videoNotFound', 'No such video.'),
  refused(404, 'channelNotFound', 'No such channel.'),
  refused(404, 'commentThreadNotFound', 'No such thread.'),
  refused(404, 'parentCommentNotFound', 'The comment replied to is gone.'),
  refused(404, 'commentNotFound', 'No such comment.'),
  {
    when: { status: 429 },
    maps: { code: 624 },
    note: 'Short-term rate limit.',
  },
  {
    when: { status: 403, code: 'rateLimitExceeded' },
    maps: { code: 624 },
    note: 'Too many requests in a short time.',
  },
  {
    when: { status: 403, code: 'userRateLimitExceeded' },
    maps: { code: 624 },
    note: 'Per-user short-term rate limit.',
  },
  {
    when: { status: 401 },
    maps: { code: 623 },
    note: 'authError (refreshed first when possible), or any other 401.',
  },
  {
    when: { status: 400, code: 'invalid_grant' },
    maps: { code: 623 },
    note: 'Google’s token endpoint refused the refresh token.',
  },
  { when: { status: 0 }, maps: { code: 625 }, note: 'No answer from YouTube.' },
  { when: { status: SERVER_ERRORS }, maps: { code: 625 }, note: 'backendError and any other 5xx.' },
  { when: {}, maps: { code: 621 }, note: 'Anything else: YouTube’s reason and words go to details.' },
];

/** Seconds a 624 names: YouTube sends no reset. */
const RATE_LIMIT_WAIT_S = 60;

export function commentFailureSpec(failure: Failure): ErrorSpec {
  const row = classify(YOUTUBE_COMMENT_ERRORS, signalOf(failure));
  const code = row?.maps.code ?? 621;
  const spec: ErrorSpec = { code, platform: 'youtube', details: describeFailure(failure) };
  if (code === 624) spec.params = { platformName: PLATFORM_NAME, retryAfter: RATE_LIMIT_WAIT_S };
  else if (code !== 628) spec.params = { platformName: PLATFORM_NAME };
  return spec;
}
