import type { ServerResponse } from 'node:http';
import { EngagementBook } from '../engagement.ts';
import { type FakeRequest, listen, type Reply, type ScriptedReply, Scripts, send } from '../http.ts';
import { FakeGoogleOAuth } from '../youtube/oauth.ts';
import { NOT_FOUND, PERMISSION_DENIED, resourceExhausted, UNAUTHENTICATED } from './errors.ts';
import { createPost, type FakeLocalPost } from './posts.ts';
import { dailyMetrics, listPosts, readPost, reportInsights } from './reads.ts';

/**
 * A fake Business Profile API v4 on loopback, as platform-apis.md §14 documents it:
 * `POST …/localPosts` (LocalPost with name, state, searchUrl), `DELETE …/localPosts/{id}`
 * → `{}`, Google's error shape, bearer tokens refreshed at Google's token endpoint
 * (`POST /token`, the YouTube fake's). The reference documents no location lookup:
 * `GET …/localPosts` (Herald's link check) answers the standard list shape,
 * `{localPosts, nextPageToken}`, nothing more. Tests script answers and read requests.
 */

export interface FakeLocation {
  name: string;
  /** The Google account (by token) that manages it. */
  owner: 'alice' | 'bob';
}

export interface FakeGmb {
  url: string;
  tokenUrl: string;
  oauth: FakeGoogleOAuth;
  /** The current access token of each Google account. */
  tokens: Record<FakeLocation['owner'], string>;
  locations: FakeLocation[];
  posts: FakeLocalPost[];
  /** Counts insights answer, per post name or location id (derived unless a test sets them). */
  engagement: EngagementBook;
  requests: { method: string; path: string; body: Record<string, unknown> | undefined }[];
  /** State of the next created post (LIVE by default). */
  nextState: FakeLocalPost['state'];
  /** Create the next post, then drop the connection without an answer. */
  dropNextCreate: boolean;
  /** Every API call answers 429 with this quota limit ("0": the project is not approved). */
  quotaLimit: string | undefined;
  /** Alice's current token expires: calls answer 401 until a refreshed one is used. */
  expireToken(): void;
  script(script: ScriptedReply): void;
  postsOf(location: string): FakeLocalPost[];
  calls(method: string, path: RegExp): number;
  close(): Promise<void>;
}

const POSTS = /^\/v4\/(accounts\/[^/]+\/locations\/[^/]+)\/localPosts$/;
const POST = /^\/v4\/((accounts\/[^/]+\/locations\/[^/]+)\/localPosts\/[^/:]+)$/;
const REPORT = /^\/v4\/(accounts\/[^/]+\/locations\/[^/]+)\/localPosts:reportInsights$/;
const DAILY = /^\/v1\/locations\/([^/:]+):fetchMultiDailyMetricsTimeSeries$/;

export async function startFakeGmb(): Promise<FakeGmb> {
  const scripts = new Scripts();
  let counter = 4_200_000_000_000_000_000n;
  const fake: FakeGmb = {
    url: '',
    tokenUrl: '',
    oauth: new FakeGoogleOAuth((token) => {
      fake.tokens.alice = token;
    }),
    tokens: { alice: 'ya29.fake-gmb-token-alice', bob: 'ya29.fake-gmb-token-bob' },
    locations: [
      { name: 'accounts/1234567890/locations/9876543210', owner: 'alice' },
      { name: 'accounts/5550001111/locations/5550002222', owner: 'bob' },
    ],
    posts: [],
    engagement: new EngagementBook(),
    requests: [],
    nextState: 'LIVE',
    dropNextCreate: false,
    quotaLimit: undefined,
    expireToken() {
      fake.oauth.expired.add(fake.tokens.alice);
    },
    script: (script) => scripts.add(script),
    postsOf: (location) => fake.posts.filter((p) => p.location === location && !p.deleted),
    calls: (method, path) => fake.requests.filter((r) => r.method === method && path.test(r.path)).length,
    close: async () => undefined,
  };

  function ownerOf(request: FakeRequest): FakeLocation['owner'] | undefined {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!bearer || fake.oauth.expired.has(bearer)) return undefined;
    return (Object.keys(fake.tokens) as FakeLocation['owner'][]).find(
      (owner) => fake.tokens[owner] === bearer,
    );
  }

  /** The location of a path, or Google's refusal: unknown → 404, someone else's → 403. */
  function locationFor(name: string, owner: FakeLocation['owner']): FakeLocation | Reply {
    const location = fake.locations.find((l) => l.name === name);
    if (!location) return NOT_FOUND;
    return location.owner === owner ? location : PERMISSION_DENIED;
  }

  async function handle(request: FakeRequest, res: ServerResponse): Promise<void> {
    const { method, path } = request;
    if (method === 'POST' && path === '/token') {
      const answer = fake.oauth.exchange(request.headers['content-type'], request.body);
      return send(res, { status: answer.status, body: answer.body });
    }
    const body =
      request.body.length > 0
        ? (JSON.parse(request.body.toString('utf8')) as Record<string, unknown>)
        : undefined;
    fake.requests.push({ method, path, body });
    const owner = ownerOf(request);
    if (!owner) return send(res, UNAUTHENTICATED);
    if (fake.quotaLimit !== undefined) return send(res, resourceExhausted(fake.quotaLimit));
    const scripted = scripts.take(method, path);
    if (scripted) return send(res, scripted);
    // Account Management v1 accounts.list and Business Information v1 accounts.locations.list
    // (what linking lists): the signed-in user's accounts, then each account's locations.
    if (method === 'GET' && path === '/v1/accounts') {
      const accounts = [
        ...new Set(
          fake.locations.filter((l) => l.owner === owner).map((l) => l.name.split('/locations/')[0]),
        ),
      ];
      return send(res, {
        status: 200,
        body: {
          accounts: accounts.map((name) => ({ name, accountName: `Business of ${owner}`, type: 'PERSONAL' })),
        },
      });
    }
    const locations = /^\/v1\/(accounts\/[^/]+)\/locations$/.exec(path);
    if (method === 'GET' && locations) {
      if (!request.query.get('readMask'))
        return send(res, {
          status: 400,
          body: {
            error: {
              code: 400,
              message: 'Request contains an invalid argument.',
              status: 'INVALID_ARGUMENT',
            },
          },
        });
      const found = fake.locations.filter((l) => l.owner === owner && l.name.startsWith(`${locations[1]}/`));
      return send(res, {
        status: 200,
        body: {
          locations: found.map((l) => ({
            name: `locations/${l.name.split('/locations/')[1]}`,
            title: `Herald Bakery (${owner})`,
          })),
        },
      });
    }
    const list = POSTS.exec(path);
    if (list) {
      const location = locationFor(list[1] ?? '', owner);
      if ('status' in location) return send(res, location);
      if (method === 'GET') return send(res, listPosts(fake.postsOf(location.name), request));
      if (method === 'POST') {
        counter += 1n;
        const { reply, post } = createPost(request, location.name, String(counter), fake.nextState);
        if (!post) return send(res, reply);
        fake.posts.push(post);
        if (fake.dropNextCreate) {
          // The post exists; its answer never arrives.
          fake.dropNextCreate = false;
          res.socket?.destroy();
          return;
        }
        return send(res, reply);
      }
    }
    const report = REPORT.exec(decodeURIComponent(path));
    if (report && method === 'POST') {
      const location = locationFor(report[1] ?? '', owner);
      if ('status' in location) return send(res, location);
      return send(res, reportInsights(fake.engagement, fake.posts, location.name, body));
    }
    const daily = DAILY.exec(decodeURIComponent(path));
    if (daily && method === 'GET') {
      const location = fake.locations.find((l) => l.name.endsWith(`/locations/${daily[1]}`));
      if (!location) return send(res, NOT_FOUND);
      if (location.owner !== owner) return send(res, PERMISSION_DENIED);
      return send(res, dailyMetrics(fake.engagement, daily[1] ?? '', request));
    }
    const one = POST.exec(path);
    if (one && method === 'GET') {
      const location = locationFor(one[2] ?? '', owner);
      if ('status' in location) return send(res, location);
      return send(res, readPost(fake.posts, one[1] ?? ''));
    }
    if (one && method === 'DELETE') {
      const location = locationFor(one[2] ?? '', owner);
      if ('status' in location) return send(res, location);
      const post = fake.posts.find((p) => p.name === one[1] && !p.deleted);
      if (!post) return send(res, NOT_FOUND);
      post.deleted = true;
      return send(res, { status: 200, body: {} });
    }
    return send(res, NOT_FOUND);
  }

  const server = await listen(handle);
  fake.url = server.origin;
  fake.tokenUrl = `${server.origin}/token`;
  fake.close = server.close;
  return fake;
}

/** What POST /api/accounts takes for Alice's location, refresh credentials included. */
export function credentialsOf(fake: FakeGmb): Record<string, string> {
  return {
    locationName: fake.locations[0]?.name ?? '',
    accessToken: fake.tokens.alice,
    refreshToken: fake.oauth.refreshToken,
    clientId: fake.oauth.clientId,
    clientSecret: fake.oauth.clientSecret,
    tokenUrl: fake.tokenUrl,
  };
}
