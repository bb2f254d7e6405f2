import type { ServerResponse } from 'node:http';
import { EngagementBook } from '../engagement.ts';
import { type FakeRequest, listen, type Reply, type ScriptedReply, Scripts, send } from '../http.ts';
import { X_BODIES } from './bodies.ts';
import { handleMedia, type StoredMedia } from './media.ts';
import { expectedSignature, parseOAuthHeader } from './oauth.ts';
import { handleReads } from './reads.ts';
import { handleSearch } from './search.ts';
import { type ThreeLegged, threeLegged } from './three-legged.ts';
import { handleTweets, newTweet } from './tweets.ts';

/**
 * A fake X API v2 on loopback, answering as platform-apis.md §5 documents: OAuth 1.0a
 * checked for real (an app's keys, a user's token issued to one app), 201 on create,
 * problem+json errors, x-rate-limit-* headers in epoch seconds and no Retry-After,
 * x-access-level on every user-context answer. Tests change its state (credits, a
 * read-only token, a suspension) or script the next answers, and read what it received.
 */

export interface FakeApp {
  key: string;
  secret: string;
  /** Out of credits: every call answers 402 CreditsDepleted. */
  depleted?: boolean;
  /** Access without recent search (a legacy Free app): search answers 403 client-forbidden. */
  noSearch?: boolean;
}

export interface FakeUser {
  id: string;
  username: string;
  name: string;
  token: string;
  tokenSecret: string;
  /** The app the token was generated for: keys of any other app get a 401. */
  appKey: string;
  accessLevel: 'read' | 'read-write' | 'read-write-directmessages';
  suspended?: boolean;
  locked?: boolean;
}

export interface FakeTweet {
  id: string;
  authorId: string;
  text: string;
  replyTo?: string;
  /** The thread's first post (absent: its own id, a post that replies to nothing). */
  conversationId?: string;
  /** Epoch ms (absent: the time X's snowflake id encodes). */
  createdAt?: number;
  mediaIds: string[];
  poll?: { options: string[]; duration_minutes: number };
  quote?: string;
  deleted: boolean;
}

/** When X says a post was made: as created, else from its snowflake id. */
export function createdAtOf(tweet: FakeTweet): number {
  return tweet.createdAt ?? Number(BigInt(tweet.id) >> 22n) + 1_288_834_974_657;
}

export interface XState {
  apps: Map<string, FakeApp>;
  users: Map<string, FakeUser>;
  tweets: FakeTweet[];
  media: Map<string, StoredMedia>;
  /** STATUS answers `in_progress` this many times before `succeeded`. */
  processingPolls: number;
  checkAfterSecs: number;
  nextId(): string;
}

export interface FakeX extends XState {
  url: string;
  /** Counts the metrics answer, per post or user id (derived unless a test sets them). */
  engagement: EngagementBook;
  /** OAuth 1.0a three-legged (request_token, authorize, access_token): linking from the connect page. */
  oauth: ThreeLegged;
  /** Every call, in order, with whether its signature verified. */
  requests: { method: string; path: string; signed: boolean }[];
  script(script: ScriptedReply): void;
  addApp(app: FakeApp): FakeApp;
  addUser(user: Omit<FakeUser, 'id' | 'name' | 'accessLevel'> & Partial<FakeUser>): FakeUser;
  /** Live (not deleted) tweets of a user. */
  tweetsOf(userId: string): FakeTweet[];
  /** Someone else's reply, as X would hold it (the audience of a test). */
  addReply(author: FakeUser, replyTo: string, text: string, at?: number): FakeTweet;
  calls(method: string, path: string | RegExp): number;
  close(): Promise<void>;
}

export async function startFakeX(): Promise<FakeX> {
  let counter = 1_880_000_000_000_000_000n;
  const scripts = new Scripts();
  const nonces = new Set<string>();
  const requests: FakeX['requests'] = [];
  const engagement = new EngagementBook();
  const state: XState = {
    apps: new Map(),
    users: new Map(),
    tweets: [],
    media: new Map(),
    processingPolls: 1,
    checkAfterSecs: 1,
    nextId: () => {
      counter += 1n;
      return String(counter);
    },
  };
  let origin = '';

  function authenticate(request: FakeRequest): { app: FakeApp; user: FakeUser } | undefined {
    const oauth = parseOAuthHeader(request.headers.authorization);
    if (!oauth || nonces.has(oauth.nonce)) return undefined;
    const app = state.apps.get(oauth.consumerKey);
    const user = [...state.users.values()].find((u) => u.token === oauth.token);
    if (!app || !user) return undefined;
    const expected = expectedSignature(
      request.method,
      origin,
      request.rawUrl,
      oauth,
      app.secret,
      user.tokenSecret,
    );
    if (expected !== oauth.signature || user.appKey !== app.key) return undefined;
    nonces.add(oauth.nonce);
    return { app, user };
  }

  const oauth = threeLegged(state);

  async function handle(request: FakeRequest, res: ServerResponse): Promise<void> {
    const linking = oauth.handle(request, origin);
    if (linking) {
      requests.push({ method: request.method, path: request.path, signed: true });
      return send(res, linking);
    }
    const caller = authenticate(request);
    requests.push({ method: request.method, path: request.path, signed: caller !== undefined });
    if (!caller) return send(res, X_BODIES.unauthorized());
    const level = { 'x-access-level': caller.user.accessLevel };
    const answer = (reply: Reply) => send(res, { ...reply, headers: { ...level, ...reply.headers } });
    const scripted = scripts.take(request.method, request.path);
    if (scripted && !scripted.lose) return answer(scripted);
    if (caller.app.depleted) return answer(X_BODIES.credits('1243608864848629761'));
    const read = handleReads(state, engagement, request, caller.user);
    if (read) return answer(read);
    const reply = request.path.startsWith('/2/media/')
      ? await handleMedia(state, request, caller.user)
      : request.method === 'GET'
        ? handleSearch(state, engagement, request, caller)
        : handleTweets(state, request, caller.user);
    // Handled, and the answer lost on the way back.
    if (scripted?.lose) return void res.socket?.destroy();
    return answer(reply);
  }

  const server = await listen(handle);
  origin = server.origin;
  return Object.assign(state, {
    url: origin,
    engagement,
    oauth,
    requests,
    script: (script: ScriptedReply) => scripts.add(script),
    addApp(app: FakeApp) {
      state.apps.set(app.key, app);
      return app;
    },
    addUser(user: Omit<FakeUser, 'id' | 'name' | 'accessLevel'> & Partial<FakeUser>) {
      const full: FakeUser = { id: state.nextId(), name: user.username, accessLevel: 'read-write', ...user };
      state.users.set(full.id, full);
      return full;
    },
    tweetsOf: (userId: string) => state.tweets.filter((t) => t.authorId === userId && !t.deleted),
    addReply(author: FakeUser, replyTo: string, text: string, at = Date.now()) {
      const tweet = newTweet(state, author, text, [], replyTo);
      tweet.createdAt = at;
      state.tweets.push(tweet);
      return tweet;
    },
    calls: (method: string, path: string | RegExp) =>
      requests.filter(
        (r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
      ).length,
    close: server.close,
  });
}
