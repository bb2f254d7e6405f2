import { randomBytes } from 'node:crypto';
import { type FakeAnswer, googleError } from './errors.ts';
import type { FakeVideo } from './uploads.ts';

/**
 * YouTube's comment methods, as the Data API reference documents them:
 * `commentThreads.insert` (snippet.channelId + videoId + topLevelComment.snippet.
 * textOriginal), `comments.insert` (snippet.parentId, a top-level comment), `commentThreads.
 * list` (videoId, `part=snippet,replies`: a few replies inline, `totalReplyCount` for all),
 * `comments.list` (parentId), `comments.delete` (204), each with its documented errors
 * (commentsDisabled, commentTextTooLong, parentCommentNotFound, commentNotFound…), pages
 * of `maxResults` with an opaque `nextPageToken`, and the quota each call costs
 * (inserts and deletes 50 units, reads 1): past the day's limit, 403 quotaExceeded.
 */

export interface FakeYouTubeComment {
  id: string;
  videoId: string;
  /** The channel of the video (snippet.channelId). */
  channelId: string;
  parentId?: string;
  authorChannelId: string;
  authorDisplayName: string;
  text: string;
  publishedAt: number;
  likeCount: number;
}

export interface CommentWorld {
  channel: { id: string; title: string; customUrl: string } | null;
  videos: Map<string, FakeVideo>;
  /** The channel's videos made outside the fake, and other channels' (server.ts). */
  external: Map<string, FakeVideo>;
  foreign: Map<string, FakeVideo>;
  comments: Map<string, FakeYouTubeComment>;
  /** Videos whose owner turned comments off. */
  commentsDisabled: Set<string>;
  /** Scopes of the current token (comments need youtube.force-ssl). */
  scopes: Set<string>;
  quota: { used: number; limit: number };
}

/** Inline replies a thread carries in `commentThreads.list` (YouTube shows a few; comments.list has all). */
const INLINE_REPLIES = 5;
const MAX_TEXT = 10_000;
const COST = { read: 1, write: 50 } as const;

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const idOf = (length: number) => [...randomBytes(length)].map((b) => ID_ALPHABET[b % 64]).join('');

const QUOTA_MESSAGE =
  'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.';

function commentResource(c: FakeYouTubeComment): Record<string, unknown> {
  return {
    kind: 'youtube#comment',
    etag: 'etag',
    id: c.id,
    snippet: {
      channelId: c.channelId,
      videoId: c.videoId,
      textDisplay: c.text,
      textOriginal: c.text,
      ...(c.parentId ? { parentId: c.parentId } : {}),
      authorDisplayName: c.authorDisplayName,
      authorProfileImageUrl: 'https://yt3.ggpht.com/a/default-user',
      authorChannelUrl: `http://www.youtube.com/channel/${c.authorChannelId}`,
      authorChannelId: { value: c.authorChannelId },
      canRate: true,
      viewerRating: 'none',
      likeCount: c.likeCount,
      publishedAt: new Date(c.publishedAt).toISOString(),
      updatedAt: new Date(c.publishedAt).toISOString(),
    },
  };
}

function repliesOf(world: CommentWorld, parentId: string): FakeYouTubeComment[] {
  return [...world.comments.values()]
    .filter((c) => c.parentId === parentId)
    .sort((a, b) => a.publishedAt - b.publishedAt);
}

function threadResource(world: CommentWorld, top: FakeYouTubeComment, withReplies: boolean) {
  const replies = repliesOf(world, top.id);
  return {
    kind: 'youtube#commentThread',
    etag: 'etag',
    id: top.id,
    snippet: {
      channelId: top.channelId,
      videoId: top.videoId,
      topLevelComment: commentResource(top),
      canReply: true,
      totalReplyCount: replies.length,
      isPublic: true,
    },
    ...(withReplies && replies.length > 0
      ? { replies: { comments: replies.slice(0, INLINE_REPLIES).map(commentResource) } }
      : {}),
  };
}

const tokenOf = (offset: number) => `QURTSl9pM${Buffer.from(String(offset)).toString('base64url')}`;
const offsetOf = (token: string) =>
  token.startsWith('QURTSl9pM') ? Number(Buffer.from(token.slice(9), 'base64url').toString()) : Number.NaN;

/** One page of `items` as every list method answers. */
function paged(kind: string, items: unknown[], query: URLSearchParams): FakeAnswer {
  const max = Number(query.get('maxResults') ?? 20);
  if (!Number.isInteger(max) || max < 1 || max > 100)
    return googleError(400, 'youtube.parameter', 'invalidMaxResults', 'The maxResults parameter is invalid.');
  const token = query.get('pageToken');
  const start = token === null ? 0 : offsetOf(token);
  if (!Number.isInteger(start) || start < 0)
    return googleError(
      400,
      'youtube.parameter',
      'invalidPageToken',
      'The request specifies an invalid page token.',
    );
  const page = items.slice(start, start + max);
  return {
    status: 200,
    body: {
      kind,
      etag: 'etag',
      ...(start + max < items.length ? { nextPageToken: tokenOf(start + max) } : {}),
      pageInfo: { totalResults: items.length, resultsPerPage: max },
      items: page,
    },
  };
}

function textProblem(text: unknown, domain: string): FakeAnswer | undefined {
  if (typeof text !== 'string' || text.trim() === '')
    return googleError(
      400,
      domain,
      'commentTextRequired',
      'The comment resource must specify a value for the text.',
    );
  if (text.length > MAX_TEXT)
    return googleError(
      400,
      domain,
      'commentTextTooLong',
      'The comment resource contains too many characters.',
    );
  return undefined;
}

/** A video anyone may comment on: the channel's own, or another channel's public one. */
function videoOf(world: CommentWorld, id: string): FakeVideo | undefined {
  return world.videos.get(id) ?? world.external.get(id) ?? world.foreign.get(id);
}

/** videos.list's unit (its answer is reads.ts's). */
export function chargeRead(world: CommentWorld): FakeAnswer | undefined {
  return charge(world, COST.read);
}

/** Charges the call's units; past the day's limit, Google's quota answer. */
function charge(world: CommentWorld, units: number): FakeAnswer | undefined {
  if (world.quota.used + units > world.quota.limit)
    return googleError(403, 'youtube.quota', 'quotaExceeded', QUOTA_MESSAGE);
  world.quota.used += units;
  return undefined;
}

function scopeProblem(world: CommentWorld): FakeAnswer | undefined {
  if (world.scopes.has('youtube.force-ssl')) return undefined;
  return googleError(
    403,
    'global',
    'insufficientPermissions',
    'Request had insufficient authentication scopes.',
    {
      grpcStatus: 'PERMISSION_DENIED',
    },
  );
}

function insertThread(world: CommentWorld, body: Record<string, unknown>): FakeAnswer {
  const snippet = (body.snippet ?? {}) as Record<string, unknown>;
  const top = (snippet.topLevelComment as { snippet?: Record<string, unknown> } | undefined)?.snippet ?? {};
  const domain = 'youtube.commentThread';
  if (typeof snippet.videoId !== 'string' || typeof snippet.channelId !== 'string')
    return googleError(
      400,
      domain,
      'channelOrVideoIdMissing',
      'The comment thread must be linked to a video.',
    );
  const video = videoOf(world, snippet.videoId);
  if (!video)
    return googleError(
      404,
      domain,
      'videoNotFound',
      'The video identified by the videoId parameter could not be found.',
    );
  if (snippet.channelId !== video.snippet.channelId)
    return googleError(400, domain, 'invalidCommentThreadMetadata', 'The request metadata is invalid.');
  if (world.commentsDisabled.has(video.id))
    return googleError(
      403,
      domain,
      'commentsDisabled',
      'The video identified by the videoId parameter has disabled comments.',
    );
  const text = textProblem(top.textOriginal, domain);
  if (text) return text;
  const comment = author(world, {
    id: `Ugz${idOf(20)}4AaABAg`,
    videoId: video.id,
    channelId: video.snippet.channelId,
    text: String(top.textOriginal),
  });
  return { status: 200, body: threadResource(world, comment, false) };
}

function insertReply(world: CommentWorld, body: Record<string, unknown>): FakeAnswer {
  const snippet = (body.snippet ?? {}) as Record<string, unknown>;
  const domain = 'youtube.comment';
  if (typeof snippet.parentId !== 'string')
    return googleError(
      400,
      domain,
      'parentIdMissing',
      'The comment being created must be linked to a parent comment.',
    );
  const parent = world.comments.get(snippet.parentId);
  if (!parent || parent.parentId)
    return googleError(
      404,
      domain,
      'parentCommentNotFound',
      'The parent comment specified for the comment could not be found.',
    );
  const text = textProblem(snippet.textOriginal, domain);
  if (text) return text;
  const reply = author(world, {
    id: `${parent.id}.${idOf(22)}`,
    videoId: parent.videoId,
    channelId: parent.channelId,
    parentId: parent.id,
    text: String(snippet.textOriginal),
  });
  return { status: 200, body: commentResource(reply) };
}

/** A comment written by the channel the token belongs to. */
function author(
  world: CommentWorld,
  c: Omit<FakeYouTubeComment, 'authorChannelId' | 'authorDisplayName' | 'publishedAt' | 'likeCount'>,
) {
  const comment: FakeYouTubeComment = {
    ...c,
    authorChannelId: world.channel?.id ?? '',
    authorDisplayName: world.channel?.customUrl ?? '',
    publishedAt: Date.now(),
    likeCount: 0,
  };
  world.comments.set(comment.id, comment);
  return comment;
}

export type CommentRoute = 'threads' | 'comments';

export function commentRouteOf(method: string, path: string): CommentRoute | undefined {
  if ((method === 'GET' || method === 'POST') && /^\/youtube\/v\d+\/commentThreads$/.test(path))
    return 'threads';
  if (['GET', 'POST', 'DELETE'].includes(method) && /^\/youtube\/v\d+\/comments$/.test(path))
    return 'comments';
  return undefined;
}

export function answerComments(
  world: CommentWorld,
  route: CommentRoute,
  method: string,
  query: URLSearchParams,
  body: Buffer,
): FakeAnswer {
  const write = method !== 'GET';
  const scope = scopeProblem(world);
  if (scope) return scope;
  const over = charge(world, write ? COST.write : COST.read);
  if (over) return over;
  const json = write && body.length > 0 ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
  if (route === 'threads' && method === 'POST') return insertThread(world, json);
  if (route === 'comments' && method === 'POST') return insertReply(world, json);
  if (route === 'comments' && method === 'DELETE') {
    const comment = world.comments.get(query.get('id') ?? '');
    if (!comment)
      return googleError(
        404,
        'youtube.comment',
        'commentNotFound',
        'The specified comment could not be found.',
      );
    if (comment.authorChannelId !== world.channel?.id && comment.channelId !== world.channel?.id)
      return googleError(
        403,
        'youtube.comment',
        'forbidden',
        'The comment could not be deleted because of insufficient permissions.',
      );
    for (const reply of repliesOf(world, comment.id)) world.comments.delete(reply.id);
    world.comments.delete(comment.id);
    return { status: 204 };
  }
  if (route === 'comments') {
    const parentId = query.get('parentId') ?? '';
    if (!world.comments.has(parentId))
      return googleError(
        404,
        'youtube.comment',
        'commentNotFound',
        'The specified comment could not be found.',
      );
    return paged('youtube#commentListResponse', repliesOf(world, parentId).map(commentResource), query);
  }
  const videoId = query.get('videoId') ?? '';
  if (!world.videos.has(videoId))
    return googleError(
      404,
      'youtube.commentThread',
      'videoNotFound',
      'The video identified by the videoId parameter could not be found.',
    );
  if (world.commentsDisabled.has(videoId))
    return googleError(
      403,
      'youtube.commentThread',
      'commentsDisabled',
      'The video identified by the videoId parameter has disabled comments.',
    );
  const threads = [...world.comments.values()]
    .filter((c) => c.videoId === videoId && !c.parentId)
    .sort((a, b) => b.publishedAt - a.publishedAt)
    .map((c) => threadResource(world, c, (query.get('part') ?? '').split(',').includes('replies')));
  return paged('youtube#commentThreadListResponse', threads, query);
}
