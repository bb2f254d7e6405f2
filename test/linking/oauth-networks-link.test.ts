import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptJson } from '../../src/config/secrets.ts';
import {
  type Linking,
  startGmbLinking,
  startPinterestLinking,
  startRedditLinking,
  startTikTokLinking,
  startYouTubeLinking,
} from '../fakes/oauth/networks.ts';
import { linkThroughPage } from '../helpers/connect-client.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * YouTube and Google Business Profile (Google), TikTok, Reddit and Pinterest through the
 * connect page, each against its authorization server fake (from its docs) and the fake
 * of its API: the authorize request carries what the network documents (PKCE where it
 * takes it, access_type=offline, duration=permanent, client_key), the code is exchanged
 * once, the account (or the location, the board) is picked, the refresh token is kept
 * (encrypted) and the account's health is shown.
 */

const PUBLIC_URL = 'https://herald.example.test';
const worlds: Record<string, Linking<unknown>> = {};
let t: TestHerald;
let profileKey: string;

beforeAll(async () => {
  worlds.youtube = await startYouTubeLinking();
  worlds.gmb = await startGmbLinking();
  worlds.tiktok = await startTikTokLinking();
  worlds.reddit = await startRedditLinking();
  worlds.pinterest = await startPinterestLinking();
  const env = Object.assign({}, ...Object.values(worlds).map((w) => w.env));
  t = await startTestHerald({ env: { ...env, HERALD_PUBLIC_URL: PUBLIC_URL } });
  const created = await t.request('POST', '/api/profiles', { title: 'Networks Co' });
  profileKey = created.body.profileKey as string;
});
afterAll(async () => {
  await t?.stop();
  await Promise.all(Object.values(worlds).map((w) => w.close()));
});

function link(platform: string, pick?: string): Promise<URL> {
  return linkThroughPage(t, profileKey, platform, pick);
}

async function stored(platform: string) {
  const { rows } = await t.herald.app.pool.query<{ credentials: string; linked_via: string }>(
    'SELECT credentials, linked_via FROM accounts WHERE platform = $1',
    [platform],
  );
  return {
    credentials: decryptJson<Record<string, unknown>>(t.herald.app.secretKey, rows[0]?.credentials ?? ''),
    via: rows[0]?.linked_via,
  };
}

async function health(platform: string) {
  const res = await t.request('GET', '/api/user', undefined, { 'profile-key': profileKey });
  return (res.body.displayNames as Record<string, unknown>[]).find((a) => a.platform === platform);
}

describe('networks linked with OAuth 2.0', () => {
  it('YouTube: Google with PKCE and offline access; the channel, the refresh token kept', async () => {
    const authorize = await link('youtube');
    const q = authorize.searchParams;
    expect(authorize.pathname).toBe('/o/oauth2/v2/auth');
    expect(q.get('access_type')).toBe('offline');
    expect(q.get('prompt')).toBe('consent');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('scope')).toContain('https://www.googleapis.com/auth/youtube.upload');
    const { credentials, via } = await stored('youtube');
    expect(via).toBe('connect');
    expect(credentials).toMatchObject({
      accessToken: expect.stringMatching(/^ya29\./),
      refreshToken: expect.stringMatching(/^1\/\//),
    });
    // The operator's client refreshes it: its secret is not copied into the account.
    expect(credentials).not.toHaveProperty('clientSecret');
    expect(await health('youtube')).toMatchObject({ displayName: 'Herald Test Channel', status: 'ok' });
  });

  it('Google Business Profile: the location picked among the user’s accounts', async () => {
    await link('gmb', 'Herald Bakery (alice)');
    const { credentials } = await stored('gmb');
    expect(credentials).toMatchObject({
      locationName: 'accounts/1234567890/locations/9876543210',
      refreshToken: expect.any(String),
    });
  });

  it('TikTok: client_key and PKCE; the single-use refresh token kept; 365 days until a relink', async () => {
    const authorize = await link('tiktok');
    expect(authorize.searchParams.get('client_key')).toBe(worlds.tiktok?.auth.client.id);
    expect(authorize.searchParams.has('client_id')).toBe(false);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('scope')).toBe('user.info.basic,video.publish,video.upload');
    const { credentials } = await stored('tiktok');
    expect(credentials).toMatchObject({
      openId: expect.any(String),
      refreshToken: expect.stringMatching(/^rft\./),
    });
    expect(await health('tiktok')).toMatchObject({ status: 'ok', refreshDaysRemaining: 364 });
  });

  it('Reddit: duration=permanent, HTTP Basic at the token endpoint', async () => {
    const authorize = await link('reddit');
    expect(authorize.searchParams.get('duration')).toBe('permanent');
    expect(authorize.searchParams.has('code_challenge')).toBe(false);
    const { credentials } = await stored('reddit');
    expect(credentials).toMatchObject({ refreshToken: expect.any(String) });
    expect(await health('reddit')).toMatchObject({ displayName: 'u/herald_tester', status: 'ok' });
  });

  it('Pinterest: the default board picked among the user’s boards', async () => {
    await link('pinterest', 'Recipes');
    const { credentials } = await stored('pinterest');
    expect(credentials).toMatchObject({
      boardId: '549755885175000002',
      refreshToken: expect.stringMatching(/^pinr_/),
    });
    expect(await health('pinterest')).toMatchObject({ status: 'ok', refreshDaysRemaining: 364 });
  });
});
