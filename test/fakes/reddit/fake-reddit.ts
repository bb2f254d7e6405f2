import type { ServerResponse } from 'node:http';
import { EngagementBook } from '../engagement.ts';
import { type FakeRequest, listen, type Reply, type ScriptedReply, Scripts, send } from '../http.ts';
import {
  createComment,
  deleteComment,
  type FakeRedditComment,
  moreChildren,
  readComments,
} from './comments.ts';
import { type RedditMedia, startRedditMedia } from './media.ts';
import { DEFAULT_SCOPES, handleReads } from './reads.ts';
import { NO_REQUIREMENTS, type PostRequirements } from './requirements.ts';
import { handleSubmit } from './submit.ts';

/**
 * A fake Reddit API on loopback (platform-apis.md §9): bearer tokens that expire and
 * are renewed at /api/v1/access_token, a descriptive User-Agent required (a generic
 * one is throttled with an HTML 429), refusals inside HTTP 200 as `json.errors`
 * triples (and inside an HTTP 400 for a subreddit's post requirements), RATELIMIT with
 * `json.ratelimit` seconds, and X-Ratelimit-* headers on every answer. Subreddits carry
 * the rules that produce the refusals (bans, post requirements).
 */

export interface FakeRedditor {
  id: string;
  name: string;
  token: string;
  refreshToken?: string;
  /** The token's scopes (default: identity, submit, edit, read, history). */
  scopes?: Set<string>;
}

export interface FakeSubreddit {
  name: string;
  banned: Set<string>;
  /** The post requirements its moderators set (refused with an HTTP 400). */
  requirements: PostRequirements;
  noSelfs?: boolean;
}

export type SubredditRules = Partial<Omit<FakeSubreddit, 'name' | 'requirements'>> & {
  requirements?: Partial<PostRequirements>;
};

export interface FakeSubmission {
  id: string;
  sr: string;
  author: string;
  kind: string;
  title: string;
  text?: string;
  url?: string;
  deleted: boolean;
  /** Comments are locked by its moderators (THREAD_LOCKED). */
  locked?: boolean;
  /** Older than Reddit keeps open (TOO_OLD). */
  archived?: boolean;
  /** Epoch seconds, as Reddit prints `created_utc`. */
  createdUtc?: number;
}

export interface RedditState {
  users: FakeRedditor[];
  apps: Map<string, string>;
  subreddits: Map<string, FakeSubreddit>;
  posts: FakeSubmission[];
  comments: FakeRedditComment[];
  /** The next submits answer RATELIMIT asking for this many seconds. */
  rateLimited: number[];
  /** The same, for the next comments. */
  commentRateLimited: number[];
  /** Most comments a tree answers (Reddit's own cap; the rest come as `more` stubs). */
  treeCap: number;
  /** The image flow: asset leases, the S3 double, the websocket verdicts. */
  media: RedditMedia;
  nextId(): string;
}

export interface FakeReddit extends RedditState {
  url: string;
  /** Counts reads answer, per post id (derived unless a test sets them). */
  engagement: EngagementBook;
  requests: { method: string; path: string; userAgent: string }[];
  script(script: ScriptedReply): void;
  addSubreddit(name: string, rules?: SubredditRules): FakeSubreddit;
  postsOf(name: string): FakeSubmission[];
  calls(method: string, path: string): number;
  close(): Promise<void>;
}

/** Reddit's own shape: `<platform>:<app id>:<version> (by /u/<name>)` or at least not a library's default. */
const GENERIC_AGENT = /^(node|undici|python-requests|curl|axios|got|okhttp|java)\b/i;

function ratelimitHeaders(used: number): Record<string, string> {
  return {
    'x-ratelimit-used': String(used),
    'x-ratelimit-remaining': (100 - used + 0.5).toFixed(1),
    'x-ratelimit-reset': String(600 - (Math.floor(Date.now() / 1000) % 600)),
  };
}

const FORBIDDEN: Reply = { status: 403, body: { message: 'Forbidden', error: 403 } };
const UNAUTHORIZED: Reply = { status: 401, body: { message: 'Unauthorized', error: 401 } };

export async function startFakeReddit(): Promise<FakeReddit> {
  let counter = 0;
  let used = 0;
  const scripts = new Scripts();
  const requests: FakeReddit['requests'] = [];
  const engagement = new EngagementBook();
  const state: RedditState = {
    users: [],
    apps: new Map(),
    subreddits: new Map(),
    posts: [],
    comments: [],
    rateLimited: [],
    commentRateLimited: [],
    treeCap: 500,
    media: await startRedditMedia(),
    nextId: () => {
      counter += 1;
      return (1_000_000 + counter).toString(36);
    },
  };

  function refresh(request: FakeRequest): Reply {
    const [id, secret] = Buffer.from((request.headers.authorization ?? '').replace(/^Basic /, ''), 'base64')
      .toString()
      .split(':');
    const form = new URLSearchParams(request.body.toString());
    const user = state.users.find((u) => u.refreshToken && u.refreshToken === form.get('refresh_token'));
    if (state.apps.get(id ?? '') !== secret || form.get('grant_type') !== 'refresh_token')
      return UNAUTHORIZED;
    if (!user) return { status: 400, body: { error: 'invalid_grant' } };
    user.token = `renewed-${state.nextId()}`;
    return {
      status: 200,
      body: {
        access_token: user.token,
        token_type: 'bearer',
        expires_in: 3600,
        scope: 'identity submit edit',
      },
    };
  }

  async function handle(request: FakeRequest, res: ServerResponse): Promise<void> {
    const userAgent = String(request.headers['user-agent'] ?? '');
    requests.push({ method: request.method, path: request.path, userAgent });
    used += 1;
    const answer = (reply: Reply) =>
      send(res, { ...reply, headers: { ...ratelimitHeaders(used), ...reply.headers } });
    if (!userAgent || GENERIC_AGENT.test(userAgent)) {
      return answer({ status: 429, body: '<html><body><h1>whoa there, pardner!</h1></body></html>' });
    }
    if (request.method === 'POST' && request.path === '/api/v1/access_token') return answer(refresh(request));
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const user = state.users.find((u) => u.token === token);
    if (!user) return answer(UNAUTHORIZED);
    const scripted = scripts.take(request.method, request.path);
    if (scripted && !scripted.lose) return answer(scripted);
    const reply = route(request, user);
    // Handled, and the answer lost on the way back.
    if (scripted?.lose) return void res.socket?.destroy();
    return answer(reply);
  }

  function route(request: FakeRequest, user: FakeRedditor): Reply {
    if (request.method === 'GET' && request.path === '/api/v1/me') {
      return { status: 200, body: { id: user.id, name: user.name, icon_img: '', total_karma: 1 } };
    }
    const read = handleReads(state, engagement, request, user);
    if (read) return read;
    const form = new URLSearchParams(request.body.toString());
    if (request.method === 'POST' && request.path === '/api/submit') return handleSubmit(state, form, user);
    if (request.method === 'POST' && request.path === '/api/media/asset.json') return state.media.asset(form);
    // Each endpoint's OAuth scope, as reddit.com/dev/api lists it: 403 without.
    const scopes = user.scopes ?? DEFAULT_SCOPES;
    if (request.method === 'POST' && request.path === '/api/comment')
      return scopes.has('submit') ? createComment(state, form, user) : FORBIDDEN;
    const article = /^\/comments\/([a-z0-9]+)$/.exec(request.path)?.[1];
    if (request.method === 'GET' && article)
      return scopes.has('read') ? readComments(state, article, request.query) : FORBIDDEN;
    if (request.method === 'GET' && request.path === '/api/morechildren')
      return scopes.has('read') ? moreChildren(state, request.query) : FORBIDDEN;
    if (request.method === 'POST' && request.path === '/api/del') {
      const fullname = form.get('id') ?? '';
      if (fullname.startsWith('t1_')) return deleteComment(state, fullname, user);
      const post = state.posts.find((p) => `t3_${p.id}` === fullname && p.author === user.name);
      if (post) post.deleted = true;
      return { status: 200, body: {} };
    }
    return { status: 404, body: { message: 'Not Found', error: 404 } };
  }

  const server = await listen(handle);
  return Object.assign(state, {
    url: server.origin,
    engagement,
    requests,
    script: (script: ScriptedReply) => scripts.add(script),
    addSubreddit(name: string, rules: SubredditRules = {}) {
      const { requirements, ...rest } = rules;
      const sub: FakeSubreddit = {
        name,
        banned: new Set(),
        ...rest,
        requirements: { ...NO_REQUIREMENTS, ...requirements },
      };
      state.subreddits.set(name.toLowerCase(), sub);
      return sub;
    },
    postsOf: (name: string) => state.posts.filter((p) => p.author === name && !p.deleted),
    calls: (method: string, path: string) =>
      requests.filter((r) => r.method === method && r.path === path).length,
    async close() {
      await state.media.close();
      await server.close();
    },
  });
}
