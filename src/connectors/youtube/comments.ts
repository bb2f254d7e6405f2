import type { ErrorSpec } from '../../errors/build.ts';
import { readPages } from '../shared/comment-pages.ts';
import type {
  CommentRead,
  CommentsCapability,
  CommentView,
  CommentWrite,
  CommentWriteOutcome,
  ConnectorContext,
} from '../types.ts';
import { apiFailure, type Failure, isObject, readJson, type YouTubeClient } from './client.ts';
import { commentFailureSpec } from './comment-errors.ts';
import { PLATFORM_NAME } from './errors.ts';
import { clientFor } from './publish.ts';

/**
 * YouTube comments through the Data API (scope youtube.force-ssl). A top-level comment
 * is a comment thread: `commentThreads.insert` with the video's channel (read first with
 * `videos.list`, 1 unit) and `topLevelComment.snippet.textOriginal` (50 units); a reply
 * is `comments.insert` with `parentId`, a top-level comment's id (50 units). Reads are
 * `commentThreads.list` with its replies part (1 unit a page of 100) and, for one
 * comment's replies, `comments.list` by `parentId`; a delete is `comments.delete`
 * (50 units). No idempotency key: a lost answer is settled by reading the comments.
 */

type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

async function call(
  client: YouTubeClient,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<Result<Record<string, unknown>>> {
  const sent = await client.send(`${client.api}/${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify(body) }),
  });
  if (!sent.ok) return sent;
  if (!sent.response.ok) return { ok: false, failure: await apiFailure(sent.response) };
  const json = await readJson(sent.response);
  return { ok: true, value: isObject(json) ? json : {} };
}

function missing(details: string): { kind: 'failed'; error: ErrorSpec } {
  return {
    kind: 'failed',
    error: { code: 623, platform: 'youtube', params: { platformName: PLATFORM_NAME }, details },
  };
}

function invalid(details: string): { kind: 'failed'; error: ErrorSpec } {
  return {
    kind: 'failed',
    error: { code: 622, platform: 'youtube', params: { platformName: PLATFORM_NAME }, details },
  };
}

/** A write's failure: unknown when YouTube may have made the comment (no answer, a 5xx). */
function writeFailed(failure: Failure): CommentWriteOutcome {
  if (failure.kind === 'network') return { kind: 'unknown', reason: failure.reason };
  if (failure.status >= 500) return { kind: 'unknown', reason: `HTTP ${failure.status}: ${failure.message}` };
  return { kind: 'failed', error: commentFailureSpec(failure) };
}

/** The channel a video belongs to: commentThreads.insert names it beside the video. */
async function channelOf(client: YouTubeClient, videoId: string): Promise<Result<string | undefined>> {
  const found = await call(client, 'GET', `videos?part=snippet&id=${encodeURIComponent(videoId)}`);
  if (!found.ok) return found;
  const item = Array.isArray(found.value.items) ? found.value.items.find(isObject) : undefined;
  const snippet = isObject(item?.snippet) ? item.snippet : {};
  return { ok: true, value: typeof snippet.channelId === 'string' ? snippet.channelId : undefined };
}

async function write(input: CommentWrite, ctx: ConnectorContext): Promise<CommentWriteOutcome> {
  const client = clientFor(input.account.credentials, ctx);
  if (!client) return missing('the stored credentials have no accessToken');
  if (input.parentId) {
    const created = await call(client, 'POST', 'comments?part=snippet', {
      snippet: { parentId: input.parentId, textOriginal: input.text },
    });
    if (!created.ok) return writeFailed(created.failure);
    return typeof created.value.id === 'string'
      ? { kind: 'commented', id: created.value.id }
      : { kind: 'unknown', reason: 'YouTube answered without a comment id' };
  }
  const channel = await channelOf(client, input.postId);
  // A read: nothing was written, whatever happened.
  if (!channel.ok) return { kind: 'failed', error: commentFailureSpec(channel.failure) };
  if (!channel.value) return invalid(`videoNotFound: YouTube has no video ${input.postId}`);
  const created = await call(client, 'POST', 'commentThreads?part=snippet', {
    snippet: {
      channelId: channel.value,
      videoId: input.postId,
      topLevelComment: { snippet: { textOriginal: input.text } },
    },
  });
  if (!created.ok) return writeFailed(created.failure);
  const snippet = isObject(created.value.snippet) ? created.value.snippet : {};
  const top = isObject(snippet.topLevelComment) ? snippet.topLevelComment : {};
  return typeof top.id === 'string'
    ? { kind: 'commented', id: top.id }
    : { kind: 'unknown', reason: 'YouTube answered without a comment id' };
}

function view(comment: Record<string, unknown>, replies: CommentView[] = []): CommentView {
  const snippet = isObject(comment.snippet) ? comment.snippet : {};
  const author = isObject(snippet.authorChannelId) ? snippet.authorChannelId : {};
  const name = typeof snippet.authorDisplayName === 'string' ? snippet.authorDisplayName : '';
  const out: CommentView = {
    commentId: String(comment.id),
    comment:
      typeof snippet.textDisplay === 'string' ? snippet.textDisplay : String(snippet.textOriginal ?? ''),
    created: typeof snippet.publishedAt === 'string' ? snippet.publishedAt : '',
    from: { id: typeof author.value === 'string' ? author.value : '', username: name },
    hidden: snippet.moderationStatus === 'heldForReview' || snippet.moderationStatus === 'rejected',
    likeCount: typeof snippet.likeCount === 'number' ? snippet.likeCount : 0,
    postId: typeof snippet.parentId === 'string' ? snippet.parentId : String(snippet.videoId ?? ''),
    username: name,
  };
  if (replies.length > 0) out.replies = replies;
  return out;
}

/** A thread as a comment with the replies YouTube includes (`totalReplyCount` says how many exist). */
function threadView(thread: Record<string, unknown>): CommentView {
  const snippet = isObject(thread.snippet) ? thread.snippet : {};
  const top = isObject(snippet.topLevelComment) ? snippet.topLevelComment : { id: thread.id };
  const included =
    isObject(thread.replies) && Array.isArray(thread.replies.comments) ? thread.replies.comments : [];
  const topView = view(
    top,
    included.filter(isObject).map((reply) => view(reply)),
  );
  topView.extra = { replyCount: typeof snippet.totalReplyCount === 'number' ? snippet.totalReplyCount : 0 };
  return topView;
}

async function list(input: CommentRead, ctx: ConnectorContext) {
  const client = clientFor(input.account.credentials, ctx);
  if (!client) return missing('the stored credentials have no accessToken');
  const path =
    input.of === 'comment'
      ? `comments?part=snippet&parentId=${encodeURIComponent(input.id)}`
      : `commentThreads?part=snippet,replies&videoId=${encodeURIComponent(input.id)}`;
  const pages = await readPages<Record<string, unknown>, Failure>(async (cursor) => {
    const page = await call(
      client,
      'GET',
      `${path}&maxResults=100&textFormat=plainText${cursor ? `&pageToken=${encodeURIComponent(cursor)}` : ''}`,
    );
    if (!page.ok) return page;
    const items = Array.isArray(page.value.items) ? page.value.items.filter(isObject) : [];
    const next = typeof page.value.nextPageToken === 'string' ? page.value.nextPageToken : undefined;
    return { ok: true, items, next };
  });
  if (!pages.ok) return { kind: 'failed' as const, error: commentFailureSpec(pages.failure) };
  if (pages.truncated)
    ctx.log.info({ id: input.id, read: pages.items.length }, 'youtube: comments read up to the bound');
  const comments = input.of === 'comment' ? pages.items.map((c) => view(c)) : pages.items.map(threadView);
  return { kind: 'listed' as const, comments };
}

export const youtubeComments: CommentsCapability = {
  comment: write,
  reply: write,
  list,
  async delete(input, ctx) {
    const client = clientFor(input.account.credentials, ctx);
    if (!client) return missing('the stored credentials have no accessToken');
    const deleted = await call(client, 'DELETE', `comments?id=${encodeURIComponent(input.commentId)}`);
    // A comment already gone counts as deleted.
    if (deleted.ok || (deleted.failure.kind === 'api' && deleted.failure.reason === 'commentNotFound'))
      return { kind: 'deleted' };
    return { kind: 'failed', error: commentFailureSpec(deleted.failure) };
  },
};
