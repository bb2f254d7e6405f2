import { META } from './meta-errors.ts';
import { type Answer, type Handler, metaTime, ok, pick, type Request } from './routes.ts';
import type { Container, FakeMedia, GraphState } from './state.ts';

/**
 * Instagram and Threads share Meta's container flow: POST creates a container, GET reads
 * its status (which advances its processing), the publish edge turns a FINISHED
 * container into a post exactly once, and the listing shows posts newest first.
 */

const VIDEO_TYPES = new Set(['VIDEO', 'REELS']);

function kindOf(family: 'ig' | 'th', params: Record<string, string>): string {
  if (family === 'th') return params.media_type ?? 'TEXT';
  if (params.media_type) return params.media_type;
  return 'IMAGE';
}

function missing(family: 'ig' | 'th', kind: string, params: Record<string, string>): string | undefined {
  if (kind === 'CAROUSEL') return params.children ? undefined : 'children';
  if (kind === 'TEXT') return family === 'th' && !params.text ? 'text' : undefined;
  const video = VIDEO_TYPES.has(kind) || (kind === 'STORIES' && !params.image_url);
  if (video) return params.video_url ? undefined : 'video_url';
  return params.image_url ? undefined : 'image_url';
}

/** POST /{user}/media (Instagram) or /{user}/threads. */
export function createContainer(family: 'ig' | 'th'): Handler {
  return (state, request) => {
    const { params } = request;
    const kind = kindOf(family, params);
    const absent = missing(family, kind, params);
    if (absent) return { error: META.missingParameter(absent) };
    if (kind === 'CAROUSEL') {
      for (const child of params.children?.split(',') ?? []) {
        const item = state.containers.get(child);
        if (!item || item.owner !== request.caller.id || item.params.is_carousel_item !== 'true')
          return { error: META.objectMissing(child, 'get') };
      }
    }
    // A reply names a published Threads post of this user; any other id "does not exist" for it.
    const replyTo = family === 'th' ? params.reply_to_id : undefined;
    if (replyTo !== undefined) {
      const parent = state.media.get(replyTo);
      if (parent?.family !== 'th' || parent.owner !== request.caller.id)
        return { error: META.objectMissing(replyTo, 'get') };
    }
    const plan = state.containerPlans.shift() ?? {};
    const video = VIDEO_TYPES.has(kind) || Boolean(params.video_url);
    const container: Container = {
      id: state.id(),
      family,
      owner: request.caller.id,
      params,
      state: 'IN_PROGRESS',
      // Trap: a video needs at least one status read before it can be published.
      readsLeft: plan.reads ?? (video ? 1 : 0),
      ends: plan.error === undefined ? { state: 'FINISHED' } : { state: 'ERROR', text: plan.error },
      createdAt: Date.now(),
    };
    state.containers.set(container.id, container);
    return ok({ id: container.id });
  };
}

function statusBody(container: Container): Record<string, unknown> {
  if (container.family === 'ig') {
    const status =
      container.state === 'ERROR' && container.ends.state === 'ERROR'
        ? container.ends.text
        : container.state === 'FINISHED'
          ? 'Finished: Media has been uploaded and it is ready to be published.'
          : undefined;
    return { id: container.id, status_code: container.state, ...(status ? { status } : {}) };
  }
  const error =
    container.state === 'ERROR' && container.ends.state === 'ERROR' ? container.ends.text : undefined;
  return { id: container.id, status: container.state, ...(error ? { error_message: error } : {}) };
}

export function readContainer(state: GraphState, request: Request): Answer {
  const container = state.containers.get(request.segments[0] as string) as Container;
  return ok(pick(statusBody(state.readContainer(container)), request.params.fields));
}

function permalinkOf(family: 'ig' | 'th', request: Request, shortcode: string): string {
  return family === 'ig'
    ? `https://www.instagram.com/p/${shortcode}/`
    : `https://www.threads.net/@${request.caller.username}/post/${shortcode}`;
}

/** POST /{user}/media_publish or /{user}/threads_publish with creation_id. */
export function publishContainer(family: 'ig' | 'th'): Handler {
  return (state, request) => {
    const id = request.params.creation_id;
    if (!id) return { error: META.missingParameter('creation_id') };
    const container = state.containers.get(id);
    if (!container || container.owner !== request.caller.id || container.family !== family)
      return { error: META.objectMissing(id, 'get') };
    // Threads counts replies apart from posts (1,000 and 250 per 24 h).
    const replyTo = family === 'th' ? container.params.reply_to_id : undefined;
    const reply = replyTo !== undefined;
    const quota =
      family === 'ig' ? state.quotaTotal : reply ? state.threadsReplyQuotaTotal : state.threadsQuotaTotal;
    // The publishing limit is enforced here, not at container creation (platform-apis.md §16).
    if (state.publishedInWindow(family, request.caller.id, Date.now(), reply) >= quota)
      return { error: META.publishLimit };
    if (container.state === 'IN_PROGRESS' && container.readsLeft <= 0) container.state = container.ends.state;
    if (container.state === 'PUBLISHED') return { error: META.alreadyPublished };
    if (container.state !== 'FINISHED') return { error: META.notReady };
    const shortcode = state.shortcode();
    const mediaId = state.id();
    state.media.set(mediaId, {
      id: mediaId,
      family,
      owner: request.caller.id,
      text: family === 'ig' ? container.params.caption : container.params.text,
      mediaType: kindOf(family, container.params),
      createdAt: Date.now(),
      permalink: permalinkOf(family, request, shortcode),
      containerId: id,
      ...(replyTo === undefined ? {} : { replyTo }),
    });
    container.state = 'PUBLISHED';
    container.mediaId = mediaId;
    return ok({ id: mediaId });
  };
}

/**
 * GET /{user}/media or /{user}/threads: newest first; stories are not listed, nor are
 * Threads replies (GET /{user}/replies lists those, with `replies`).
 */
export function listMedia(family: 'ig' | 'th', replies = false): Handler {
  return (state, request) => {
    const limit = Math.min(Number(request.params.limit ?? 25), 100);
    const all = state
      .mediaOf(family, request.caller.id)
      .filter((m) => m.mediaType !== 'STORIES' && (m.replyTo !== undefined) === replies);
    const start = request.params.after
      ? Number(Buffer.from(request.params.after, 'base64url').toString())
      : 0;
    const page = all.slice(start, start + limit);
    const end = start + page.length;
    const cursor = (n: number) => Buffer.from(String(n)).toString('base64url');
    const edge = family === 'ig' ? 'media' : replies ? 'replies' : 'threads';
    return ok({
      data: page.map((m) => pick(mediaFields(state, m), request.params.fields)),
      paging: {
        cursors: { before: cursor(start), after: cursor(end) },
        // Meta sends `next` only when another page exists.
        ...(end < all.length
          ? {
              next: `${request.baseUrl}/${request.version}/${request.caller.id}/${edge}?after=${cursor(end)}`,
            }
          : {}),
      },
    });
  };
}

/** The fields a media object answers (GET /{media} and the account's list): Instagram's or Threads'. */
function mediaFields(state: GraphState, m: FakeMedia): Record<string, unknown> {
  const e = state.engagement(m.id);
  const common = {
    id: m.id,
    timestamp: metaTime(m.createdAt),
    permalink: m.permalink,
    media_type: m.mediaType,
  };
  if (m.family === 'th')
    return { ...common, text: m.text, username: state.accounts.find((a) => a.id === m.owner)?.username };
  return {
    ...common,
    caption: m.text,
    like_count: e.like,
    comments_count: e.comments,
    media_product_type: m.mediaType === 'REELS' || m.mediaType === 'VIDEO' ? 'REELS' : 'FEED',
  };
}

export function readMedia(state: GraphState, request: Request): Answer {
  const media = state.media.get(request.segments[0] as string);
  if (!media) return { error: META.objectMissing(request.segments[0] as string, 'get') };
  const root = media.replyTo === undefined ? undefined : state.chainRoot(media.id);
  const body = {
    ...mediaFields(state, media),
    shortcode: media.permalink.split('/').at(-2),
    ...(media.family === 'th' ? { is_reply: media.replyTo !== undefined } : {}),
    ...(media.replyTo === undefined
      ? {}
      : { replied_to: { id: media.replyTo }, root_post: { id: root?.id } }),
  };
  return ok(pick(body, request.params.fields));
}

export function deleteMedia(state: GraphState, request: Request): Answer {
  const id = request.segments[0] as string;
  state.media.delete(id);
  return ok({ success: true, deleted_id: id });
}

/** GET /{user}/content_publishing_limit or /threads_publishing_limit. */
export function publishingLimit(family: 'ig' | 'th'): Handler {
  return (state, request) => {
    const total = family === 'ig' ? state.quotaTotal : state.threadsQuotaTotal;
    const usage = state.publishedInWindow(family, request.caller.id);
    const limits = { quota_usage: usage, config: { quota_total: total, quota_duration: 86_400 } };
    if (family === 'ig') return ok({ data: [limits] });
    const replies = {
      reply_quota_usage: state.publishedInWindow(family, request.caller.id, Date.now(), true),
      reply_config: { quota_total: state.threadsReplyQuotaTotal, quota_duration: 86_400 },
    };
    return ok({ data: [{ ...limits, ...replies }] });
  };
}
