import { META } from './meta-errors.ts';
import { type Answer, type Handler, metaTime, ok, pick, type Request } from './routes.ts';
import type { GraphState, PagePost } from './state.ts';

/** Facebook Page routes (platform-apis.md §3). */

function newPost(state: GraphState, request: Request, kind: PagePost['kind'], message?: string): PagePost {
  const pageId = request.caller.id;
  const post: PagePost = {
    id: `${pageId}_${state.id()}`,
    pageId,
    kind,
    message,
    createdAt: Date.now(),
    attached: [],
  };
  state.posts.set(post.id, post);
  return post;
}

/** GET /{page-id}, /{ig-user-id} or /{threads-user-id}: the account's own fields and counts. */
export function readPage(state: GraphState, request: Request): Answer {
  const { caller } = request;
  const e = state.engagement(caller.id);
  const counts =
    caller.family === 'fb'
      ? { fan_count: e.followers, followers_count: e.followers + e.follows }
      : caller.family === 'ig'
        ? {
            followers_count: e.followers,
            follows_count: e.follows,
            media_count: e.mediaCount,
            biography: 'Herald test',
          }
        : { threads_biography: 'Herald test' };
  const page = {
    id: caller.id,
    name: caller.name,
    username: caller.username,
    link: `https://www.facebook.com/${caller.username}`,
    ...counts,
  };
  return ok(pick(page, request.params.fields));
}

/** Meta refuses a status identical to the Page's last one (#506). */
function lastMessage(state: GraphState, pageId: string): string | undefined {
  const posts = [...state.posts.values()].filter((p) => p.pageId === pageId && p.kind === 'post');
  return posts.at(-1)?.message;
}

export const postFeed: Handler = (state, request) => {
  const { params } = request;
  const attached = Object.keys(params)
    .filter((key) => key.startsWith('attached_media['))
    .map((key) => (JSON.parse(params[key] as string) as { media_fbid: string }).media_fbid);
  if (!params.message && !params.link && attached.length === 0)
    return { error: META.missingParameter('message') };
  for (const id of attached) {
    const upload = state.uploads.get(id);
    if (!upload || upload.pageId !== request.caller.id || upload.used)
      return { error: META.objectMissing(id, 'get') };
  }
  if (
    attached.length === 0 &&
    params.message !== undefined &&
    params.message === lastMessage(state, request.caller.id)
  )
    return { error: META.duplicate };
  for (const id of attached) (state.uploads.get(id) as { used: boolean }).used = true;
  const post = newPost(state, request, 'post', params.message);
  post.attached = attached;
  return ok({ id: post.id });
};

export const postPhoto: Handler = (state, request) => {
  const { params } = request;
  if (!params.url) return { error: META.missingParameter('url') };
  const photoId = state.id();
  const published = params.published !== 'false';
  state.uploads.set(photoId, {
    id: photoId,
    pageId: request.caller.id,
    kind: 'photo',
    url: params.url,
    uploaded: true,
    used: published,
  });
  if (!published) return ok({ id: photoId });
  const post = newPost(state, request, 'photo', params.message ?? params.caption);
  return ok({ id: photoId, post_id: post.id });
};

export const postVideo: Handler = (state, request) => {
  if (!request.params.file_url) return { error: META.missingParameter('file_url') };
  const post = newPost(state, request, 'video', request.params.description);
  const videoId = post.id.split('_')[1] as string;
  return ok({ id: videoId });
};

/** Reels and video stories: start → upload (rupload, `file_url` header) → finish. */
export function videoPhases(kind: 'reel' | 'story'): Handler {
  return (state, request) => {
    const { params } = request;
    if (params.upload_phase === 'start') {
      const videoId = state.id();
      state.uploads.set(videoId, {
        id: videoId,
        pageId: request.caller.id,
        kind: 'video',
        uploaded: false,
        used: false,
      });
      return ok({
        video_id: videoId,
        upload_url: `${request.baseUrl}/video-upload/${request.version}/${videoId}`,
      });
    }
    if (params.upload_phase !== 'finish') return { error: META.missingParameter('upload_phase') };
    const upload = params.video_id ? state.uploads.get(params.video_id) : undefined;
    if (!upload || upload.pageId !== request.caller.id)
      return { error: META.objectMissing(params.video_id ?? '', 'post') };
    if (!upload.uploaded)
      return { error: { code: 100, classic: true, message: 'The video has not been uploaded yet' } };
    if (upload.used)
      return { error: { code: 100, classic: true, message: 'The video was already published' } };
    upload.used = true;
    const post = newPost(state, request, kind, params.description);
    return ok(kind === 'reel' ? { success: true } : { success: true, post_id: post.id });
  };
}

/** POST /video-upload/{version}/{video-id} with headers `Authorization: OAuth …` and `file_url`. */
export const uploadVideo: Handler = (state, request) => {
  const upload = state.uploads.get(request.segments[0] as string);
  const fileUrl = request.headers.file_url;
  if (!upload || upload.pageId !== request.caller.id)
    return { error: META.objectMissing(request.segments[0] as string, 'post') };
  if (typeof fileUrl !== 'string') return { error: META.missingParameter('file_url') };
  upload.url = fileUrl;
  upload.uploaded = true;
  return ok({ success: true });
};

export const postPhotoStory: Handler = (state, request) => {
  const photo = request.params.photo_id ? state.uploads.get(request.params.photo_id) : undefined;
  if (!photo || photo.pageId !== request.caller.id || photo.used)
    return { error: META.objectMissing(request.params.photo_id ?? '', 'get') };
  photo.used = true;
  const post = newPost(state, request, 'story');
  return ok({ success: true, post_id: post.id });
};

/** A Page post's fields; `reactions`/`comments` asked with `.summary(total_count)` carry their counts. */
function postFields(state: GraphState, post: PagePost): Record<string, unknown> {
  const e = state.engagement(post.id);
  const [page, id] = post.id.split('_');
  return {
    id: post.id,
    message: post.message,
    created_time: metaTime(post.createdAt),
    permalink_url: `https://www.facebook.com/${page}/posts/${id}`,
    // Meta leaves `shares` out of a post nobody shared.
    ...(e.shares > 0 ? { shares: { count: e.shares } } : {}),
    reactions: { data: [], summary: { total_count: e.like + e.love + e.wow, viewer_reaction: 'NONE' } },
    comments: { data: [], summary: { order: 'ranked', total_count: e.comments, can_comment: true } },
  };
}

export function readPost(state: GraphState, request: Request): Answer {
  const post = state.posts.get(request.segments[0] as string) as PagePost;
  return ok(pick(postFields(state, post), request.params.fields));
}

/**
 * GET /{page-id}/published_posts?fields=…&limit=…&after=…: the Page's posts, newest first,
 * paged by opaque cursors; `paging.next` only when there is a next page.
 */
export function publishedPosts(state: GraphState, request: Request): Answer {
  const posts = [...state.posts.values()]
    .filter((p) => p.pageId === request.caller.id && p.kind !== 'story')
    .sort((a, b) => b.createdAt - a.createdAt);
  const limit = Math.min(Number(request.params.limit ?? 25), 100);
  const start = request.params.after ? Number(Buffer.from(request.params.after, 'base64url').toString()) : 0;
  const page = posts.slice(start, start + limit);
  const cursor = (n: number) => Buffer.from(String(n)).toString('base64url');
  const end = start + page.length;
  return ok({
    data: page.map((post) => pick(postFields(state, post), request.params.fields)),
    paging: {
      cursors: { before: cursor(start), after: cursor(end) },
      ...(end < posts.length
        ? {
            next: `${request.baseUrl}/${request.version}/${request.caller.id}/published_posts?after=${cursor(end)}`,
          }
        : {}),
    },
  });
}

export function deletePost(state: GraphState, request: Request): Answer {
  state.posts.delete(request.segments[0] as string);
  return ok({ success: true });
}
