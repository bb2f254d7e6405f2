import { META } from './meta-errors.ts';
import { type Answer, type Handler, metaTime, ok, type Request } from './routes.ts';
import type { GraphState } from './state.ts';

/**
 * Comments on Facebook Page posts (`/{object-id}/comments`, the object a post or a
 * comment; ids `{post}_{comment}`) and Instagram media (`/{ig-media-id}/comments`,
 * `/{ig-comment-id}/replies`), as the Graph API reference describes them: a create
 * answers `{id}`, a read `{data: [...], paging}` with the fields asked for, a delete
 * `{success: true}`. Audience comments (from other users) are added by tests.
 */

export interface FakeComment {
  id: string;
  family: 'fb' | 'ig';
  /** The Page or IG user whose object is commented on (whose token may act on it). */
  owner: string;
  /** The post, media or comment this one is on. */
  objectId: string;
  message: string;
  from: { id: string; name: string; username?: string };
  createdAt: number;
  hidden: boolean;
  likeCount: number;
  attachmentUrl?: string;
}

function childrenOf(state: GraphState, objectId: string): FakeComment[] {
  return [...state.comments.values()]
    .filter((c) => c.objectId === objectId)
    .sort((a, b) => a.createdAt - b.createdAt);
}

function fbJson(state: GraphState, c: FakeComment): Record<string, unknown> {
  return {
    id: c.id,
    message: c.message,
    created_time: metaTime(c.createdAt),
    from: { id: c.from.id, name: c.from.name },
    like_count: c.likeCount,
    is_hidden: c.hidden,
    comment_count: childrenOf(state, c.id).length,
    ...(c.attachmentUrl ? { attachment: { type: 'photo', media: { image: { src: c.attachmentUrl } } } } : {}),
  };
}

function igJson(state: GraphState, c: FakeComment, fields: string): Record<string, unknown> {
  const full: Record<string, unknown> = {
    id: c.id,
    text: c.message,
    timestamp: metaTime(c.createdAt),
    username: c.from.username,
    from: { id: c.from.id, username: c.from.username },
    like_count: c.likeCount,
    hidden: c.hidden,
    replies: {
      data: childrenOf(state, c.id).map((r) => ({
        id: r.id,
        text: r.message,
        timestamp: metaTime(r.createdAt),
        username: r.from.username,
        from: { id: r.from.id, username: r.from.username },
        like_count: r.likeCount,
        hidden: r.hidden,
      })),
    },
  };
  const wanted = fields
    .replace(/\{[^}]*\}/g, '')
    .split(',')
    .map((f) => f.trim());
  const out: Record<string, unknown> = { id: c.id };
  for (const key of wanted) if (full[key] !== undefined) out[key] = full[key];
  return out;
}

const cursorOf = (index: number) => `QVFIU${Buffer.from(String(index)).toString('base64url')}`;
const indexOf = (cursor: string) => Number(Buffer.from(cursor.slice(5), 'base64url').toString());

/**
 * Graph's cursor-based pagination: `limit` per page (25 by default, 100 at most), `after`
 * the cursor of the last item seen, `paging.cursors` on every page that has data and
 * `paging.next` (a URL) only while more remain; an empty edge is `{data: []}`.
 */
function paged(data: Record<string, unknown>[], request: Request): Answer {
  const limit = Math.min(Number(request.params.limit ?? 25), 100);
  const start = request.params.after ? indexOf(request.params.after) + 1 : 0;
  const page = data.slice(start, start + limit);
  if (page.length === 0) return ok({ data: [] });
  const cursors = { before: cursorOf(start), after: cursorOf(start + page.length - 1) };
  const more = start + limit < data.length;
  const query = new URLSearchParams({ ...request.params, limit: String(limit), after: cursors.after });
  query.delete('access_token');
  const next = `${request.baseUrl}/${request.version}/${request.segments.join('/')}?${query}`;
  return ok({ data: page, paging: { cursors, ...(more ? { next } : {}) } });
}

/** POST /{object}/comments (Facebook, Instagram) and /{ig-comment}/replies. */
export function createComment(family: 'fb' | 'ig'): Handler {
  return (state, request) => {
    const message = request.params.message;
    if (!message && !request.params.attachment_url) return { error: META.missingParameter('message') };
    const objectId = request.segments[0] as string;
    const { caller } = request;
    const postPart = objectId.split('_').at(-1) as string;
    const comment: FakeComment = {
      id: family === 'fb' ? `${postPart}_${state.id().slice(-15)}` : `18${state.id().slice(-15)}`,
      family,
      owner: ownerOf(state, objectId) ?? caller.id,
      objectId,
      message: message ?? '',
      from: { id: caller.id, name: caller.name, username: caller.username },
      createdAt: Date.now(),
      hidden: false,
      likeCount: 0,
      ...(request.params.attachment_url ? { attachmentUrl: request.params.attachment_url } : {}),
    };
    state.comments.set(comment.id, comment);
    return ok({ id: comment.id });
  };
}

/** GET /{object}/comments (and /{ig-comment}/replies): oldest first, the fields asked for. */
export function listComments(family: 'fb' | 'ig'): Handler {
  return (state, request: Request): Answer => {
    const objectId = request.segments[0] as string;
    const fields = request.params.fields ?? 'id';
    const data = childrenOf(state, objectId).map((c) =>
      family === 'fb' ? pickFb(fbJson(state, c), fields) : igJson(state, c, fields),
    );
    return paged(data, request);
  };
}

function pickFb(object: Record<string, unknown>, fields: string): Record<string, unknown> {
  const out: Record<string, unknown> = { id: object.id };
  for (const key of fields.split(',').map((f) => f.trim()))
    if (object[key] !== undefined) out[key] = object[key];
  return out;
}

export function deleteComment(state: GraphState, request: Request): Answer {
  const id = request.segments[0] as string;
  for (const child of childrenOf(state, id)) state.comments.delete(child.id);
  state.comments.delete(id);
  return ok({ success: true });
}

/** Whose object this is: a Page post, an IG media, or a comment (its thread's owner). */
export function ownerOf(state: GraphState, objectId: string): string | undefined {
  const post = state.posts.get(objectId);
  if (post) return post.pageId;
  const media = state.media.get(objectId);
  if (media) return media.owner;
  return state.comments.get(objectId)?.owner;
}

/** GET /{threads-media-id}/replies: the replies to a post (or to a reply), oldest first. */
export function threadsReplies(state: GraphState, request: Request): Answer {
  const id = request.segments[0] as string;
  const fields = (request.params.fields ?? 'id').split(',').map((f) => f.trim());
  const data = [...state.media.values()]
    .filter((m) => m.family === 'th' && m.replyTo === id)
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((m) => {
      const account = state.accounts.find((a) => a.id === m.owner);
      const full: Record<string, unknown> = {
        id: m.id,
        text: m.text,
        username: account?.username,
        timestamp: metaTime(m.createdAt),
        permalink: m.permalink,
        hide_status: 'NOT_HUSHED',
        has_replies: [...state.media.values()].some((r) => r.replyTo === m.id),
        is_reply: true,
      };
      const out: Record<string, unknown> = { id: m.id };
      for (const key of fields) if (full[key] !== undefined) out[key] = full[key];
      return out;
    });
  return paged(data, request);
}
