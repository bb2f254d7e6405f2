import type { Reply } from '../http.ts';
import type { FakeRedditor, FakeSubmission, RedditState } from './fake-reddit.ts';

/**
 * Reddit's comment endpoints, as its API reference and r2 (reddit-archive/reddit) shape
 * them: `POST /api/comment` (`thing_id` a `t3_` or `t1_` fullname, markdown `text`;
 * refusals as `json.errors` triples in an HTTP 200: NO_TEXT/TOO_LONG on `text`,
 * DELETED_LINK/DELETED_COMMENT/TOO_OLD/THREAD_LOCKED on `parent`, RATELIMIT; an unknown
 * parent or a banned commenter is a bare 403), `GET /comments/{article}` (the post's
 * Listing, then the comment tree with `replies` Listings and `more` stubs past `limit`;
 * `comment=` focuses on one comment), `GET /api/morechildren` (what stubs stand for,
 * flattened), the comments of `GET /api/info` and `POST /api/del` (`{}` whatever happened).
 */

export interface FakeRedditComment {
  id: string;
  postId: string;
  /** `t3_<post>` for a top-level comment, `t1_<comment>` for a reply. */
  parentName: string;
  author: FakeRedditor;
  body: string;
  /** Seconds since the epoch, as Reddit's created_utc. */
  created: number;
  score: number;
  deleted: boolean;
}

const FORBIDDEN: Reply = { status: 403, body: { message: 'Forbidden', error: 403 } };
const NOT_FOUND: Reply = { status: 404, body: { message: 'Not Found', error: 404 } };

function refused(code: string, message: string, field: string, extra: Record<string, unknown> = {}): Reply {
  return { status: 200, body: { json: { ...extra, errors: [[code, message, field]] } } };
}

function listing(children: unknown[]): Record<string, unknown> {
  return { kind: 'Listing', data: { after: null, dist: null, modhash: '', children, before: null } };
}

function live(state: RedditState): FakeRedditComment[] {
  return state.comments
    .filter((c) => !c.deleted)
    .sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1));
}

function childrenOf(state: RedditState, name: string): FakeRedditComment[] {
  return live(state).filter((c) => c.parentName === name);
}

function commentData(state: RedditState, c: FakeRedditComment, replies: unknown): Record<string, unknown> {
  const post = state.posts.find((p) => p.id === c.postId) as FakeSubmission;
  return {
    id: c.id,
    name: `t1_${c.id}`,
    body: c.body,
    author: c.author.name,
    author_fullname: `t2_${c.author.id}`,
    parent_id: c.parentName,
    link_id: `t3_${c.postId}`,
    subreddit: post?.sr,
    created_utc: c.created,
    score: c.score,
    ups: c.score,
    replies,
    permalink: `/r/${post?.sr}/comments/${c.postId}/_/${c.id}/`,
    collapsed: false,
  };
}

/** The tree under `name`, at most `budget.left` comments; the siblings past it become one `more` stub. */
function tree(state: RedditState, name: string, budget: { left: number }, depth: number): unknown[] {
  const out: unknown[] = [];
  const kids = childrenOf(state, name);
  for (const [index, c] of kids.entries()) {
    if (budget.left <= 0) {
      const rest = kids.slice(index).map((k) => k.id);
      out.push({
        kind: 'more',
        data: {
          count: rest.length,
          name: `t1_${rest[0]}`,
          id: rest[0],
          parent_id: name,
          depth,
          children: rest,
        },
      });
      break;
    }
    budget.left -= 1;
    const below = tree(state, `t1_${c.id}`, budget, depth + 1);
    out.push({ kind: 't1', data: commentData(state, c, below.length > 0 ? listing(below) : '') });
  }
  return out;
}

function postThing(post: FakeSubmission, state: RedditState): Record<string, unknown> {
  return {
    kind: 't3',
    data: {
      id: post.id,
      name: `t3_${post.id}`,
      title: post.title,
      author: post.author,
      subreddit: post.sr,
      num_comments: live(state).filter((c) => c.postId === post.id).length,
      locked: post.locked === true,
      archived: post.archived === true,
    },
  };
}

export function createComment(state: RedditState, form: URLSearchParams, user: FakeRedditor): Reply {
  if (form.get('api_type') !== 'json') return { status: 400, body: { message: 'Bad Request', error: 400 } };
  const thingId = form.get('thing_id') ?? '';
  const [kind, id] = thingId.split('_') as [string, string | undefined];
  const parentComment = kind === 't1' ? state.comments.find((c) => c.id === id) : undefined;
  const post = state.posts.find((p) => p.id === (kind === 't3' ? id : parentComment?.postId));
  if (!post || (kind === 't1' && !parentComment)) return FORBIDDEN;
  if (state.subreddits.get(post.sr.toLowerCase())?.banned.has(user.name)) return FORBIDDEN;
  if (kind === 't3' && post.deleted)
    return refused('DELETED_LINK', 'the link you are commenting on has been deleted', 'parent');
  if (parentComment?.deleted) return refused('DELETED_COMMENT', 'that comment has been deleted', 'parent');
  if (post.archived)
    return refused('TOO_OLD', "that's a piece of history now; it's too late to reply to it", 'parent');
  if (post.locked) return refused('THREAD_LOCKED', 'Comments are locked.', 'parent');
  const wait = state.commentRateLimited.shift();
  if (wait !== undefined)
    return refused(
      'RATELIMIT',
      `Looks like you've been doing that a lot. Take a break for ${Math.ceil(wait / 60)} minutes before trying again.`,
      'ratelimit',
      { ratelimit: wait },
    );
  const text = form.get('text') ?? '';
  if (!text.trim()) return refused('NO_TEXT', 'we need something here', 'text');
  if (text.length > 10_000) return refused('TOO_LONG', 'this is too long (max: 10000)', 'text');
  const comment: FakeRedditComment = {
    id: state.nextId(),
    postId: post.id,
    parentName: thingId,
    author: user,
    body: text,
    created: Date.now() / 1000,
    score: 1,
    deleted: false,
  };
  state.comments.push(comment);
  return {
    status: 200,
    body: { json: { errors: [], data: { things: [{ kind: 't1', data: commentData(state, comment, '') }] } } },
  };
}

export function readComments(state: RedditState, article: string, query: URLSearchParams): Reply {
  const post = state.posts.find((p) => p.id === article && !p.deleted);
  if (!post) return NOT_FOUND;
  const limit = Math.min(Number(query.get('limit') ?? 200), state.treeCap);
  const focus = query.get('comment');
  let children: unknown[];
  if (focus) {
    const c = live(state).find((x) => x.id === focus && x.postId === post.id);
    if (!c) return NOT_FOUND;
    const budget = { left: limit - 1 };
    const below = tree(state, `t1_${c.id}`, budget, 1);
    children = [{ kind: 't1', data: commentData(state, c, below.length > 0 ? listing(below) : '') }];
  } else children = tree(state, `t3_${post.id}`, { left: limit }, 0);
  return { status: 200, body: [listing([postThing(post, state)]), listing(children)] };
}

export function moreChildren(state: RedditState, query: URLSearchParams): Reply {
  if (query.get('api_type') !== 'json') return { status: 400, body: { message: 'Bad Request', error: 400 } };
  const ids = (query.get('children') ?? '').split(',').filter(Boolean);
  if (ids.length > 100) return refused('TOO_MANY_THING_IDS', 'you provided too many ids', 'children');
  const linkId = query.get('link_id') ?? '';
  const things: unknown[] = [];
  const walk = (c: FakeRedditComment) => {
    things.push({ kind: 't1', data: commentData(state, c, '') });
    for (const kid of childrenOf(state, `t1_${c.id}`)) walk(kid);
  };
  for (const id of ids) {
    const c = live(state).find((x) => x.id === id && `t3_${x.postId}` === linkId);
    if (c) walk(c);
  }
  return { status: 200, body: { json: { errors: [], data: { things } } } };
}

/** The `t1_` things of `/api/info` (reads.ts answers the `t3_` ones beside them). */
export function commentInfo(state: RedditState, fullnames: readonly string[]): unknown[] {
  return state.comments
    .filter((c) => fullnames.includes(`t1_${c.id}`))
    .map((c) => ({ kind: 't1', data: commentData(state, c, '') }));
}

/** POST /api/del of a comment: Reddit answers `{}` whether or not there was one to delete. */
export function deleteComment(state: RedditState, fullname: string, user: FakeRedditor): Reply {
  const c = state.comments.find((x) => `t1_${x.id}` === fullname && x.author.name === user.name);
  if (c) c.deleted = true;
  return { status: 200, body: {} };
}
