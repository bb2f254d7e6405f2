import type { EngagementBook } from '../engagement.ts';
import type { FakePublish } from './publishes.ts';
import { type FakeAnswer, ok, tiktokError } from './wire.ts';

/**
 * The Display API reads (developers.tiktok.com: video.query, video.list, user.info), with
 * their scopes: video.list for videos, user.info.stats for counts; without one TikTok answers
 * 401 `scope_not_authorized`. `fields` is a query parameter; `filters` / `max_count` /
 * `cursor` go in the JSON body. video.query answers only the caller's own videos.
 */

export interface VideoOnTikTok {
  id: string;
  title: string;
  createTime: number;
}

export interface ReadsState {
  scopes: Set<string>;
  engagement: EngagementBook;
  /** Published videos, Herald's and others, oldest first. */
  videos(): VideoOnTikTok[];
  creator: { openId: string; username: string; nickname: string };
}

const VIDEO_FIELDS = new Set([
  'id',
  'create_time',
  'cover_image_url',
  'share_url',
  'video_description',
  'duration',
  'height',
  'width',
  'title',
  'embed_html',
  'embed_link',
  'like_count',
  'comment_count',
  'share_count',
  'view_count',
]);

function fieldsOf(url: URL, known: ReadonlySet<string>): string[] | FakeAnswer {
  const fields = (url.searchParams.get('fields') ?? '').split(',').filter(Boolean);
  if (fields.length === 0) return tiktokError('invalid_params', 'fields is required');
  const unknown = fields.find((f) => !known.has(f));
  return unknown ? tiktokError('invalid_params', `invalid field: ${unknown}`) : fields;
}

function videoObject(state: ReadsState, video: VideoOnTikTok, fields: string[]) {
  const e = state.engagement.of(video.id);
  const all: Record<string, unknown> = {
    id: video.id,
    create_time: video.createTime,
    cover_image_url: `https://p16-sign.tiktokcdn.com/${video.id}~tplv.jpeg`,
    share_url: `https://www.tiktok.com/@${state.creator.username}/video/${video.id}`,
    video_description: video.title,
    duration: 15,
    height: 1920,
    width: 1080,
    title: video.title,
    embed_link: `https://www.tiktok.com/player/v1/${video.id}`,
    like_count: e.like,
    comment_count: e.comments,
    share_count: e.shares,
    view_count: e.views,
  };
  return Object.fromEntries(fields.map((f) => [f, all[f]]));
}

export function videoQuery(state: ReadsState, url: URL, body: Record<string, unknown>): FakeAnswer {
  if (!state.scopes.has('video.list'))
    return tiktokError(
      'scope_not_authorized',
      'The user did not authorize the scope required for completing this request.',
    );
  const fields = fieldsOf(url, VIDEO_FIELDS);
  if (!Array.isArray(fields)) return fields;
  const ids = (body.filters as { video_ids?: unknown } | undefined)?.video_ids;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 20)
    return tiktokError('invalid_params', 'filters.video_ids must hold 1 to 20 ids');
  const videos = state
    .videos()
    .filter((v) => ids.includes(v.id))
    .map((v) => videoObject(state, v, fields));
  return ok({ videos, cursor: 0, has_more: false });
}

export function videoList(state: ReadsState, url: URL, body: Record<string, unknown>): FakeAnswer {
  if (!state.scopes.has('video.list'))
    return tiktokError(
      'scope_not_authorized',
      'The user did not authorize the scope required for completing this request.',
    );
  const fields = fieldsOf(url, VIDEO_FIELDS);
  if (!Array.isArray(fields)) return fields;
  const max = Number(body.max_count ?? 10);
  if (!Number.isInteger(max) || max < 1 || max > 20)
    return tiktokError('invalid_params', 'max_count must be 1 to 20');
  // The cursor is a UTC time in milliseconds: videos created before it.
  const cursor = typeof body.cursor === 'number' ? body.cursor : Number.POSITIVE_INFINITY;
  const older = state
    .videos()
    .filter((v) => v.createTime * 1000 < cursor)
    .reverse();
  const page = older.slice(0, max);
  const last = page.at(-1);
  return ok({
    videos: page.map((v) => videoObject(state, v, fields)),
    cursor: last ? last.createTime * 1000 : 0,
    has_more: older.length > page.length,
  });
}

const USER_FIELDS = new Set([
  'open_id',
  'union_id',
  'avatar_url',
  'display_name',
  'bio_description',
  'profile_deep_link',
  'is_verified',
  'username',
  'follower_count',
  'following_count',
  'likes_count',
  'video_count',
]);
const STATS = new Set(['follower_count', 'following_count', 'likes_count', 'video_count']);

export function userInfo(state: ReadsState, url: URL): FakeAnswer {
  const fields = url.searchParams.has('fields')
    ? fieldsOf(url, USER_FIELDS)
    : ['open_id', 'union_id', 'avatar_url', 'display_name'];
  if (!Array.isArray(fields)) return fields;
  if (fields.some((f) => STATS.has(f)) && !state.scopes.has('user.info.stats'))
    return tiktokError(
      'scope_not_authorized',
      'The user did not authorize the scope required for completing this request.',
    );
  const e = state.engagement.of(state.creator.openId);
  const all: Record<string, unknown> = {
    open_id: state.creator.openId,
    union_id: 'union-1',
    avatar_url: '',
    display_name: state.creator.nickname,
    bio_description: 'Herald test creator',
    profile_deep_link: `https://vm.tiktok.com/${state.creator.username}`,
    is_verified: false,
    username: state.creator.username,
    follower_count: e.followers,
    following_count: e.follows,
    likes_count: e.like * 10,
    video_count: state.videos().length,
  };
  return ok({ user: Object.fromEntries(fields.map((f) => [f, all[f]])) });
}

/** A published post as TikTok lists it; photo posts are not videos. */
export function asVideo(publish: FakePublish, createTime: number): VideoOnTikTok | undefined {
  return publish.kind === 'video' && publish.postId
    ? { id: publish.postId, title: publish.title, createTime }
    : undefined;
}
