import type { EngagementBook } from '../engagement.ts';
import type { FakeRequest, Reply } from '../http.ts';
import { commentInfo } from './comments.ts';
import type { FakeRedditor, FakeSubmission, RedditState } from './fake-reddit.ts';

/**
 * Reddit's reads (reddit.com/dev/api): `GET /api/info?id=t3_…,t1_…` (a Listing of the things
 * found; an unknown fullname is an empty Listing, not a 404) and
 * `GET /user/{name}/submitted?limit&after` (newest first, `after` the last fullname).
 * Reading needs the `read` (info) and `history` (submitted) scopes: 403 otherwise.
 */

function link(book: EngagementBook, post: FakeSubmission) {
  const e = book.of(post.id);
  const permalink = `/r/${post.sr}/comments/${post.id}/${post.title.toLowerCase().replace(/\W+/g, '_').slice(0, 40)}/`;
  return {
    kind: 't3',
    data: {
      id: post.id,
      name: `t3_${post.id}`,
      title: post.title,
      selftext: post.text ?? '',
      subreddit: post.sr,
      subreddit_name_prefixed: `r/${post.sr}`,
      author: post.author,
      permalink,
      url: post.url ?? `https://www.reddit.com${permalink}`,
      created_utc: post.createdUtc ?? Math.floor(Date.now() / 1000),
      score: e.like,
      ups: e.like,
      downs: 0,
      upvote_ratio: 0.93,
      num_comments: e.comments,
      num_crossposts: e.reposts,
      total_awards_received: 0,
      view_count: null,
    },
  };
}

function listing(children: unknown[], after: string | null) {
  return {
    kind: 'Listing',
    data: { after, dist: children.length, modhash: '', geo_filter: '', children, before: null },
  };
}

const FORBIDDEN: Reply = { status: 403, body: { message: 'Forbidden', error: 403 } };

export function handleReads(
  state: RedditState,
  book: EngagementBook,
  request: FakeRequest,
  user: FakeRedditor,
): Reply | undefined {
  if (request.method !== 'GET') return undefined;
  if (request.path === '/api/info') {
    if (!(user.scopes ?? DEFAULT_SCOPES).has('read')) return FORBIDDEN;
    const ids = (request.query.get('id') ?? '').split(',');
    const found = state.posts.filter((p) => !p.deleted && ids.includes(`t3_${p.id}`));
    return {
      status: 200,
      body: listing([...found.map((p) => link(book, p)), ...commentInfo(state, ids)], null),
    };
  }
  const submitted = /^\/user\/([\w-]+)\/submitted$/.exec(request.path);
  if (submitted) {
    if (!(user.scopes ?? DEFAULT_SCOPES).has('history')) return FORBIDDEN;
    const limit = Math.min(Number(request.query.get('limit') ?? 25), 100);
    const all = state.posts.filter((p) => !p.deleted && p.author === submitted[1]).reverse();
    const after = request.query.get('after');
    const start = after ? all.findIndex((p) => `t3_${p.id}` === after) + 1 : 0;
    const page = all.slice(start, start + limit);
    const more = start + page.length < all.length;
    return {
      status: 200,
      body: listing(
        page.map((p) => link(book, p)),
        more ? `t3_${page.at(-1)?.id}` : null,
      ),
    };
  }
  return undefined;
}

export const DEFAULT_SCOPES: ReadonlySet<string> = new Set(['identity', 'submit', 'edit', 'read', 'history']);
