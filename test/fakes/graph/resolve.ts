import { META } from './meta-errors.ts';
import type { Handler, Route } from './routes.ts';
import { createComment, deleteComment, listComments, ownerOf, threadsReplies } from './routes-comments.ts';
import {
  createContainer,
  deleteMedia,
  listMedia,
  publishContainer,
  publishingLimit,
  readContainer,
  readMedia,
} from './routes-containers.ts';
import {
  deletePost,
  postFeed,
  postPhoto,
  postPhotoStory,
  postVideo,
  publishedPosts,
  readPage,
  readPost,
  uploadVideo,
  videoPhases,
} from './routes-facebook.ts';
import { mediaInsights, pageInsights, postInsights, userInsights } from './routes-insights.ts';
import type { Family, GraphState } from './state.ts';

/** Which route a request is, and whose object it touches (the owner its token must be). */
export interface Resolved {
  route: Route;
  handler?: Handler;
  owner?: string;
  family?: Family;
}

const EDGES: Record<string, { route: Route; family: Family; handler: Handler; method: string }> = {
  'POST fb feed': { route: 'fb.feed', family: 'fb', handler: postFeed, method: 'POST' },
  'POST fb photos': { route: 'fb.photos', family: 'fb', handler: postPhoto, method: 'POST' },
  'POST fb videos': { route: 'fb.videos', family: 'fb', handler: postVideo, method: 'POST' },
  'POST fb video_reels': {
    route: 'fb.video_reels',
    family: 'fb',
    handler: videoPhases('reel'),
    method: 'POST',
  },
  'POST fb video_stories': {
    route: 'fb.video_stories',
    family: 'fb',
    handler: videoPhases('story'),
    method: 'POST',
  },
  'POST fb photo_stories': {
    route: 'fb.photo_stories',
    family: 'fb',
    handler: postPhotoStory,
    method: 'POST',
  },
  'POST ig media': { route: 'ig.create', family: 'ig', handler: createContainer('ig'), method: 'POST' },
  'POST ig media_publish': {
    route: 'ig.publish',
    family: 'ig',
    handler: publishContainer('ig'),
    method: 'POST',
  },
  'GET fb insights': { route: 'fb.page_insights', family: 'fb', handler: pageInsights, method: 'GET' },
  'GET fb published_posts': {
    route: 'fb.published_posts',
    family: 'fb',
    handler: publishedPosts,
    method: 'GET',
  },
  'GET ig insights': { route: 'ig.user_insights', family: 'ig', handler: userInsights, method: 'GET' },
  'GET th threads_insights': {
    route: 'th.user_insights',
    family: 'th',
    handler: userInsights,
    method: 'GET',
  },
  'GET ig media': { route: 'ig.list', family: 'ig', handler: listMedia('ig'), method: 'GET' },
  'GET ig content_publishing_limit': {
    route: 'ig.limit',
    family: 'ig',
    handler: publishingLimit('ig'),
    method: 'GET',
  },
  'POST th threads': { route: 'th.create', family: 'th', handler: createContainer('th'), method: 'POST' },
  'POST th threads_publish': {
    route: 'th.publish',
    family: 'th',
    handler: publishContainer('th'),
    method: 'POST',
  },
  'GET th threads': { route: 'th.list', family: 'th', handler: listMedia('th'), method: 'GET' },
  'GET th replies': { route: 'th.replies', family: 'th', handler: listMedia('th', true), method: 'GET' },
  'GET th threads_publishing_limit': {
    route: 'th.limit',
    family: 'th',
    handler: publishingLimit('th'),
    method: 'GET',
  },
};

function resolveNode(state: GraphState, method: string, id: string): Resolved {
  const account = state.accounts.find((a) => a.id === id);
  if (account && method === 'GET') {
    const route: Route =
      account.family === 'fb' ? 'fb.page' : account.family === 'ig' ? 'ig.user' : 'th.user';
    return { route, owner: account.id, family: account.family, handler: readPage };
  }
  const container = state.containers.get(id);
  if (container && method === 'GET') {
    return {
      route: `${container.family}.status`,
      owner: container.owner,
      family: container.family,
      handler: readContainer,
    };
  }
  const media = state.media.get(id);
  if (media && (method === 'GET' || method === 'DELETE')) {
    const route: Route = method === 'GET' ? `${media.family}.get` : `${media.family}.delete`;
    return {
      route,
      owner: media.owner,
      family: media.family,
      handler: method === 'GET' ? readMedia : deleteMedia,
    };
  }
  const post = state.posts.get(id) ?? [...state.posts.values()].find((p) => p.id.endsWith(`_${id}`));
  if (post && (method === 'GET' || method === 'DELETE')) {
    const handler: Handler =
      method === 'GET' ? readPost : (s, r) => deletePost(s, { ...r, segments: [post.id] });
    return { route: method === 'GET' ? 'fb.post' : 'fb.delete', owner: post.pageId, family: 'fb', handler };
  }
  return {
    route: 'unknown',
    handler: () => ({
      error: META.objectMissing(id, method === 'DELETE' ? 'delete' : method === 'POST' ? 'post' : 'get'),
    }),
  };
}

/** GET /{post-or-media-id}/insights: the object's owner must be the caller. */
function insightsOf(state: GraphState, id: string): Resolved | undefined {
  const media = state.media.get(id);
  if (media)
    return {
      route: `${media.family}.insights`,
      owner: media.owner,
      family: media.family,
      handler: mediaInsights,
    };
  const post = state.posts.get(id);
  if (post) return { route: 'fb.insights', owner: post.pageId, family: 'fb', handler: postInsights };
  return undefined;
}

export function resolve(
  state: GraphState,
  method: string,
  segments: readonly string[],
  upload: boolean,
): Resolved {
  const [id, edge] = segments;
  if (!id) return { route: 'unknown' };
  if (upload) {
    const video = state.uploads.get(id);
    return {
      route: 'fb.upload',
      handler: uploadVideo,
      ...(video ? { owner: video.pageId, family: 'fb' as const } : {}),
    };
  }
  const comments = resolveComments(state, method, id, edge);
  if (comments) return comments;
  if (edge === undefined) return resolveNode(state, method, id);
  if (edge === 'insights' && method === 'GET') {
    const insights = insightsOf(state, id);
    if (insights) return insights;
  }
  const account = state.accounts.find((a) => a.id === id);
  const entry = account ? EDGES[`${method} ${account.family} ${edge}`] : undefined;
  if (!account || !entry) return resolveNode(state, method, id);
  return { route: entry.route, handler: entry.handler, owner: account.id, family: entry.family };
}

/** Comment edges and comment nodes (routes-comments.ts); undefined when the request is none of them. */
function resolveComments(
  state: GraphState,
  method: string,
  id: string,
  edge: string | undefined,
): Resolved | undefined {
  const comment = state.comments.get(id);
  const threads = state.media.get(id);
  if (threads?.family === 'th' && edge === 'replies' && method === 'GET')
    return { route: 'th.media.replies', handler: threadsReplies, owner: threads.owner, family: 'th' };
  if (edge === undefined) {
    if (!comment || method !== 'DELETE') return undefined;
    const route: Route = comment.family === 'fb' ? 'fb.comment.delete' : 'ig.comment.delete';
    return { route, handler: deleteComment, owner: comment.owner, family: comment.family };
  }
  const family =
    comment?.family ?? (state.posts.has(id) ? 'fb' : state.media.get(id)?.family === 'ig' ? 'ig' : undefined);
  if (!family || (method !== 'GET' && method !== 'POST')) return undefined;
  const owner = ownerOf(state, id);
  if (family === 'fb' && edge === 'comments') {
    const route: Route = method === 'POST' ? 'fb.comments' : 'fb.comments.list';
    return {
      route,
      handler: method === 'POST' ? createComment('fb') : listComments('fb'),
      ...(owner ? { owner } : {}),
      family,
    };
  }
  // Instagram: comments on a media; replies on a comment (a reply to a reply is refused, as on Instagram).
  if (family === 'ig' && edge === 'comments' && !comment) {
    const route: Route = method === 'POST' ? 'ig.comments' : 'ig.comments.list';
    return {
      route,
      handler: method === 'POST' ? createComment('ig') : listComments('ig'),
      ...(owner ? { owner } : {}),
      family,
    };
  }
  if (family === 'ig' && edge === 'replies' && comment && state.media.has(comment.objectId)) {
    const route: Route = method === 'POST' ? 'ig.replies' : 'ig.replies.list';
    return {
      route,
      handler: method === 'POST' ? createComment('ig') : listComments('ig'),
      ...(owner ? { owner } : {}),
      family,
    };
  }
  return undefined;
}
