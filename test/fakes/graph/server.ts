import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorBody, META, type MetaError, statusOf } from './meta-errors.ts';
import { resolve } from './resolve.ts';
import type { Route } from './routes.ts';
import { userRoute } from './routes-user.ts';
import { type ContainerPlan, type FakeAccount, type Family, GraphState } from './state.ts';
import { readBody, send, sendAnswer, tokenOf, usageHeaders } from './wire.ts';

/**
 * A fake of Meta's Graph API (graph.facebook.com for Pages and Instagram, graph.threads.net
 * for Threads) on 127.0.0.1, answering as platform-apis.md §1–4 and §16 document. Tests
 * script the next answer of a route, count requests per route, and read what was posted.
 */

export type Scripted =
  | { kind: 'error'; error: MetaError; headers?: Record<string, string> }
  /** Answers nothing; with `effect`, after doing what the call asked (Meta accepted, the answer is lost). */
  | { kind: 'hang'; effect: boolean }
  | { kind: 'drop'; effect: boolean }
  | { kind: 'headers'; headers: Record<string, string> };

export interface RecordedRequest {
  method: string;
  path: string;
  route: Route;
  version: string;
  params: Record<string, string>;
  authorization: string | undefined;
}

/** What the fake downloaded for a container, as Meta's crawler does (with `fetchMedia`). */
export interface FetchedMedia {
  url: string;
  status: number;
  contentType: string | null;
  bytes: Buffer;
}

export interface GraphFake {
  url: string;
  /** Media downloaded for containers, in order (only when started with `fetchMedia`). */
  fetched: FetchedMedia[];
  state: GraphState;
  page: FakeAccount;
  instagram: FakeAccount;
  threads: FakeAccount;
  requests: RecordedRequest[];
  /** The next call of `route` gets this instead of its normal answer (queued, one per call). */
  script(route: Route, action: Scripted): void;
  failNext(route: Route, error: MetaError, headers?: Record<string, string>): void;
  /** The next containers created process for `reads` status reads, or end in ERROR with Meta's text. */
  planContainer(plan: ContainerPlan): void;
  /** From now on the account's token answers this error (revoked, expired, password changed). */
  revoke(family: Family, error: MetaError): void;
  /** The account's token works again. */
  restore(family: Family): void;
  count(route: Route): number;
  close(): Promise<void>;
}

export async function startGraphFake(
  options: {
    quotaTotal?: number;
    threadsQuotaTotal?: number;
    threadsReplyQuotaTotal?: number;
    /**
     * Meta downloads a container's `image_url` / `video_url` itself: with a fetcher, the fake
     * does too (before answering, so a test reads what arrived) and records it in `fetched`.
     */
    fetchMedia?: typeof fetch;
  } = {},
): Promise<GraphFake> {
  const fetched: FetchedMedia[] = [];
  const state = new GraphState({
    quotaTotal: options.quotaTotal ?? 50,
    threadsQuotaTotal: options.threadsQuotaTotal ?? 250,
    threadsReplyQuotaTotal: options.threadsReplyQuotaTotal ?? 1000,
  });
  const scripts = new Map<Route, Scripted[]>();
  const requests: RecordedRequest[] = [];
  let baseUrl = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    const params = { ...Object.fromEntries(url.searchParams), ...(await readBody(req)) };
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const upload = parts[0] === 'video-upload';
    const [version = '', ...segments] = upload ? parts.slice(1) : parts;
    const method = req.method ?? 'GET';
    const token = tokenOf(req, params);
    // `me` is the token's own object (a Threads user reading its profile); a Facebook user's `me` is below.
    const self =
      token && segments[0] === 'me' && !state.userByToken(token) ? state.byToken(token) : undefined;
    if (self) segments[0] = self.id;
    const target = resolve(state, method, /^v\d+\.\d+$/.test(version) ? segments : [], upload);
    requests.push({
      method,
      path: url.pathname,
      route: target.route,
      version,
      params,
      authorization: req.headers.authorization,
    });

    const scripted = scripts.get(target.route)?.shift();
    if (scripted?.kind === 'error')
      return send(res, statusOf(scripted.error), errorBody(scripted.error), scripted.headers);
    if ((scripted?.kind === 'hang' || scripted?.kind === 'drop') && !scripted.effect) {
      if (scripted.kind === 'drop') req.socket.destroy();
      return;
    }
    const user = token ? state.userByToken(token) : undefined;
    if (user && segments[0] === 'me') {
      const revokedUser = state.revoked.get(token as string);
      if (revokedUser) return send(res, statusOf(revokedUser), errorBody(revokedUser));
      return sendAnswer(res, userRoute(state, user, method, segments, params), {});
    }
    const caller = token ? state.callerFor(token, target.owner) : undefined;
    if (!token || !caller) return send(res, 400, errorBody(META.invalidToken));
    const revoked = state.revoked.get(token);
    if (revoked) return send(res, statusOf(revoked), errorBody(revoked));
    const headers = {
      ...usageHeaders(state, token, target.owner, target.family),
      ...(scripted?.kind === 'headers' ? scripted.headers : {}),
    };
    if (!target.handler)
      return send(
        res,
        400,
        errorBody({ code: 2500, message: 'Unknown path components', type: 'OAuthException' }),
        headers,
      );
    // The token must belong to the object's owner: anything else "does not exist" for it.
    if (target.owner !== undefined && target.owner !== caller.id) {
      const verb = method === 'DELETE' ? 'delete' : method === 'POST' ? 'post' : 'get';
      return send(res, 400, errorBody(META.objectMissing(segments[0] ?? '', verb)), headers);
    }
    const mediaUrl = params.video_url ?? params.image_url;
    if (options.fetchMedia && mediaUrl && /\.create$/.test(target.route)) {
      const response = await options.fetchMedia(mediaUrl, {
        headers: {
          'user-agent': 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
        },
      });
      fetched.push({
        url: mediaUrl,
        status: response.status,
        contentType: response.headers.get('content-type'),
        bytes: Buffer.from(await response.arrayBuffer()),
      });
    }
    const answer = await target.handler(state, {
      method,
      segments,
      params,
      headers: req.headers,
      caller,
      baseUrl,
      version,
    });
    if (scripted?.kind === 'drop') return void req.socket.destroy();
    if (scripted?.kind === 'hang') return;
    sendAnswer(res, answer, headers);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) =>
      send(res, 500, { error: { message: String(error), code: 1 } }),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const script = (route: Route, action: Scripted): void => {
    scripts.set(route, [...(scripts.get(route) ?? []), action]);
  };
  return {
    url: baseUrl,
    fetched,
    state,
    page: state.accountOf('fb'),
    instagram: state.accountOf('ig'),
    threads: state.accountOf('th'),
    requests,
    script,
    failNext(route, error, headers) {
      script(route, { kind: 'error', error, ...(headers ? { headers } : {}) });
    },
    planContainer(plan) {
      state.containerPlans.push(plan);
    },
    revoke(family, error) {
      state.revoked.set(state.accountOf(family).token, error);
    },
    restore(family) {
      state.revoked.delete(state.accountOf(family).token);
    },
    count: (route) => requests.filter((r) => r.route === route).length,
    close: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections();
        server.close((error) => (error ? fail(error) : done()));
      }),
  };
}
