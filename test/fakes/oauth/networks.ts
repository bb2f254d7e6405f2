import { type FakeGmb, startFakeGmb } from '../gmb/server.ts';
import { type PinterestWorld, startPinterestWorld } from '../pinterest/fixtures.ts';
import { type RedditWorld, startRedditWorld } from '../reddit/fixtures.ts';
import { type FakeTikTok, startFakeTikTok } from '../tiktok/server.ts';
import { type FakeYouTube, startFakeYouTube } from '../youtube/server.ts';
import { type FakeAuthorizationServer, startAuthorizationServer } from './authorization-server.ts';
import { googleShape, pinterestShape, redditShape, tiktokShape } from './shapes.ts';

/**
 * Each network's authorization server (shapes.ts) beside the fake of its API that already
 * answers the publish calls: a token the authorization server issues becomes the token
 * that API accepts for the signed-in user, as at the real network.
 */
export interface Linking<Api> {
  auth: FakeAuthorizationServer;
  api: Api;
  env: Record<string, string>;
  close(): Promise<void>;
}

function envOf(platform: string, auth: FakeAuthorizationServer, apiUrl: string): Record<string, string> {
  const name = platform.toUpperCase();
  return {
    [`HERALD_${name}_CLIENT_ID`]: auth.client.id,
    [`HERALD_${name}_CLIENT_SECRET`]: auth.client.secret,
    [`HERALD_${name}_AUTH_URL`]: auth.url,
    [`HERALD_${name}_API_URL`]: apiUrl,
  };
}

export async function startYouTubeLinking(): Promise<Linking<FakeYouTube>> {
  const api = await startFakeYouTube();
  const auth = await startAuthorizationServer(googleShape('youtube'), {
    onIssue: ({ accessToken }) => {
      api.token = accessToken;
    },
  });
  return {
    auth,
    api,
    env: envOf('youtube', auth, api.url),
    close: () => Promise.all([auth.close(), api.close()]).then(() => undefined),
  };
}

export async function startGmbLinking(): Promise<Linking<FakeGmb>> {
  const api = await startFakeGmb();
  const auth = await startAuthorizationServer(googleShape('gmb'), {
    onIssue: ({ accessToken }) => {
      api.tokens.alice = accessToken;
    },
  });
  return {
    auth,
    api,
    env: envOf('gmb', auth, api.url),
    close: () => Promise.all([auth.close(), api.close()]).then(() => undefined),
  };
}

export async function startTikTokLinking(): Promise<Linking<FakeTikTok>> {
  const api = await startFakeTikTok();
  const auth = await startAuthorizationServer(tiktokShape(), {
    user: { id: api.creator.openId, name: api.creator.nickname },
    onIssue: ({ accessToken }) => {
      api.token = accessToken;
    },
  });
  return {
    auth,
    api,
    env: envOf('tiktok', auth, api.url),
    close: () => Promise.all([auth.close(), api.close()]).then(() => undefined),
  };
}

export async function startRedditLinking(): Promise<Linking<RedditWorld>> {
  const api = await startRedditWorld();
  const auth = await startAuthorizationServer(redditShape(), {
    user: { id: api.user.id, name: api.user.name },
    onIssue: ({ accessToken }) => {
      api.user.token = accessToken;
    },
  });
  return {
    auth,
    api,
    env: envOf('reddit', auth, api.fake.url),
    close: () => Promise.all([auth.close(), api.fake.close()]).then(() => undefined),
  };
}

export async function startPinterestLinking(): Promise<Linking<PinterestWorld>> {
  const api = await startPinterestWorld();
  api.fake.addBoard({ id: '549755885175000002', name: 'Recipes', owner: api.user.id });
  const auth = await startAuthorizationServer(pinterestShape(), {
    user: { id: api.user.id, name: api.user.username },
    // A new token replaces the user's old one (which answers 2 from now on), fresh for 30 days.
    onIssue: ({ accessToken }) => {
      api.user.token = accessToken;
      api.user.expired = false;
    },
  });
  return {
    auth,
    api,
    env: envOf('pinterest', auth, api.fake.url),
    close: () => Promise.all([auth.close(), api.fake.close()]).then(() => undefined),
  };
}
