import type { ServerResponse } from 'node:http';
import { EngagementBook } from '../engagement.ts';
import { type FakeRequest, jsonOf, listen, type Reply, type ScriptedReply, Scripts, send } from '../http.ts';
import { createAuthorization, type FakeAuthorizationServer } from '../oauth/authorization-server.ts';
import { mastodonShape } from '../oauth/shapes.ts';
import { accountEntity } from './entities.ts';
import { showMedia, uploadMedia } from './media.ts';
import { handleReads } from './reads.ts';
import { createState, type FakeAccount, type FakeStatus, type MastodonState } from './state.ts';
import { createStatus, deleteStatus, mastodonError, statusContext } from './statuses.ts';

/**
 * A fake Mastodon instance on loopback, as platform-apis.md §11 documents it: bearer
 * tokens, the Error entity `{error}`, media 202 → 206 → 200, an Idempotency-Key
 * cache of one hour per account (a repeat answers the original status), and
 * `X-RateLimit-Limit/Remaining/Reset` on every answer, the reset an ISO 8601 time.
 * Tests read what it received, script answers, lose answers and move its clock.
 */

export interface FakeMastodonRequest {
  method: string;
  path: string;
  idempotencyKey?: string;
  authorization?: string;
}

export interface FakeMastodon extends MastodonState {
  url: string;
  /** Counts statuses and accounts answer (derived from the id unless a test sets them). */
  engagement: EngagementBook;
  /** The instance's OAuth server (apps registered with POST /api/v1/apps; its user signs in). */
  oauth: FakeAuthorizationServer;
  /** Apps registered with POST /api/v1/apps. */
  apps: { clientId: string; redirectUri: string; scopes: string }[];
  requests: FakeMastodonRequest[];
  calls(method: string, path: string | RegExp): number;
  script(script: ScriptedReply): void;
  /** Handle the next `times` matching calls, then drop the connection without an answer. */
  loseAnswers(method: string, path: string, times?: number): void;
  addAccount(account: Omit<FakeAccount, 'id'>): FakeAccount;
  statusesOf(account: FakeAccount): FakeStatus[];
  advance(ms: number): void;
  close(): Promise<void>;
}

/** The API's rate window: 300 calls per 5 minutes per account. */
const LIMIT = 300;
const WINDOW_MS = 5 * 60_000;

export async function startFakeMastodon(domain = 'social.example'): Promise<FakeMastodon> {
  const state = createState(domain);
  const requests: FakeMastodonRequest[] = [];
  const scripts = new Scripts();
  const losses: { method: string; path: string; times: number }[] = [];
  const engagement = new EngagementBook();
  let origin = '';
  const apps: FakeMastodon['apps'] = [];
  // A token the instance issues is the signed-in account's (one token per account in this fake).
  const authorization = createAuthorization(mastodonShape(), {
    onIssue: ({ user, accessToken }) => {
      const account = state.accounts.find((a) => a.id === user.id);
      if (account) account.token = accessToken;
    },
  });

  /** POST /api/v1/apps: `client_name` and `redirect_uris` required; answers the Application with its secret. */
  async function registerApp(request: FakeRequest): Promise<Reply> {
    const type = request.headers['content-type'] ?? '';
    const fields: Record<string, unknown> = type.includes('json')
      ? jsonOf(request)
      : Object.fromEntries(new URLSearchParams(request.body.toString('utf8')));
    const name = typeof fields.client_name === 'string' ? fields.client_name : '';
    const redirect = typeof fields.redirect_uris === 'string' ? fields.redirect_uris : '';
    if (!name) return mastodonError(422, "Validation failed: Application name can't be blank");
    if (!/^https?:\/\//.test(redirect))
      return mastodonError(422, 'Validation failed: Redirect URI must be an absolute URI.');
    const clientId = `app-${apps.length + 1}-${Math.random().toString(36).slice(2, 10)}`;
    const clientSecret = `secret-${Math.random().toString(36).slice(2)}`;
    authorization.fake.addClient(clientId, clientSecret);
    const scopes = typeof fields.scopes === 'string' ? fields.scopes : 'read';
    apps.push({ clientId, redirectUri: redirect, scopes });
    return {
      status: 200,
      body: {
        id: String(apps.length),
        name,
        website: fields.website ?? null,
        scopes: scopes.split(' '),
        redirect_uri: redirect,
        redirect_uris: [redirect],
        client_id: clientId,
        client_secret: clientSecret,
        vapid_key: 'BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=',
      },
    };
  }

  function rateHeaders(): Record<string, string> {
    const now = state.now();
    const reset = new Date(Math.ceil((now + 1) / WINDOW_MS) * WINDOW_MS).toISOString();
    const used = requests.filter((r) => r.method !== 'OPTIONS').length % LIMIT;
    return {
      'x-ratelimit-limit': String(LIMIT),
      'x-ratelimit-remaining': String(LIMIT - used),
      'x-ratelimit-reset': reset,
    };
  }

  function accountOf(request: FakeRequest): FakeAccount | undefined {
    const header = request.headers.authorization ?? '';
    const token = /^Bearer (.+)$/.exec(header)?.[1];
    return state.accounts.find((a) => a.token === token);
  }

  async function route(request: FakeRequest): Promise<Reply> {
    const account = accountOf(request);
    if (!account) return mastodonError(401, 'The access token is invalid');
    if (account.disabled) return mastodonError(403, 'Your login is currently disabled');
    const { method, path } = request;
    if (method === 'GET' && path === '/api/v1/accounts/verify_credentials') {
      const e = engagement.of(account.id);
      const counts = { followers_count: e.followers, following_count: e.follows };
      return {
        status: 200,
        body: { ...accountEntity(state, account), ...counts, source: { privacy: 'public' } },
      };
    }
    const read = handleReads(state, engagement, request, account, origin);
    if (read) return read;
    if (method === 'POST' && path === '/api/v2/media') return uploadMedia(state, account, request);
    const media = /^\/api\/v1\/media\/([^/]+)$/.exec(path);
    if (method === 'GET' && media) return showMedia(state, account, decodeURIComponent(media[1] ?? ''));
    if (method === 'POST' && path === '/api/v1/statuses') return createStatus(state, account, request);
    const context = /^\/api\/v1\/statuses\/([^/]+)\/context$/.exec(path);
    if (method === 'GET' && context) return statusContext(state, decodeURIComponent(context[1] ?? ''));
    const status = /^\/api\/v1\/statuses\/([^/]+)$/.exec(path);
    if (method === 'DELETE' && status)
      return deleteStatus(state, account, decodeURIComponent(status[1] ?? ''));
    return mastodonError(404, 'Record not found');
  }

  async function handle(request: FakeRequest, res: ServerResponse): Promise<void> {
    const key = request.headers['idempotency-key'];
    requests.push({
      method: request.method,
      path: request.path,
      ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
      ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
    });
    if (request.method === 'POST' && request.path === '/api/v1/apps')
      return send(res, { ...(await registerApp(request)), headers: rateHeaders() });
    if (await authorization.handle(request, res)) return;
    const scripted = scripts.take(request.method, request.path);
    const reply = scripted ?? (await route(request));
    const loss = losses.find((l) => l.method === request.method && l.path === request.path && l.times > 0);
    if (loss) {
      loss.times -= 1;
      res.socket?.destroy();
      return;
    }
    send(res, { ...reply, headers: { ...rateHeaders(), ...reply.headers } });
  }

  const server = await listen(handle);
  origin = server.origin;
  authorization.fake.url = server.origin;
  return Object.assign(state, {
    url: server.origin,
    engagement,
    oauth: authorization.fake,
    apps,
    requests,
    calls: (method: string, path: string | RegExp) =>
      requests.filter(
        (r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
      ).length,
    script: (script: ScriptedReply) => scripts.add(script),
    loseAnswers: (method: string, path: string, times = 1) => {
      losses.push({ method, path, times });
    },
    addAccount: (account: Omit<FakeAccount, 'id'>) => {
      const added = { ...account, id: String(100_000 + state.accounts.length) };
      state.accounts.push(added);
      return added;
    },
    statusesOf: (account: FakeAccount) =>
      state.statuses.filter((s) => s.accountId === account.id && !s.deleted),
    close: server.close,
  });
}
