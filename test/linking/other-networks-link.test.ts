import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptJson } from '../../src/config/secrets.ts';
import { type MastodonWorld, startMastodonWorld } from '../fakes/mastodon/fixtures.ts';
import { TEST_MEDIA_ALLOW } from '../fakes/media-server/loopback-fetch.ts';
import { startTelegramWorld, type TelegramWorld } from '../fakes/telegram/fixtures.ts';
import { startXWorld, type XWorld } from '../fakes/x/fixtures.ts';
import { ConnectClient, consent, formAction } from '../helpers/connect-client.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { startPds, type TestPds } from '../helpers/pds.ts';

/**
 * The networks that are not plain OAuth 2.0 with the operator's app: X (OAuth 1.0a
 * three-legged with the developer's keys given to generateJWT), Mastodon (an instance
 * the user names, Herald's app registered there), Bluesky (an app password, against a
 * real PDS) and Telegram (a bot token and a chat).
 */

const PUBLIC_URL = 'https://herald.example.test';
let x: XWorld;
let mastodon: MastodonWorld;
let telegram: TelegramWorld;
let pds: TestPds;
let t: TestHerald;
let profileKey: string;

beforeAll(async () => {
  x = await startXWorld();
  x.fake.oauth.signedIn = x.user.username;
  mastodon = await startMastodonWorld();
  mastodon.fake.oauth.user = { id: mastodon.account.id, name: mastodon.account.displayName };
  telegram = await startTelegramWorld();
  pds = await startPds();
  t = await startTestHerald({
    env: {
      HERALD_PUBLIC_URL: PUBLIC_URL,
      HERALD_TWITTER_AUTH_URL: x.fake.url,
      HERALD_TWITTER_API_URL: x.fake.url,
      HERALD_TELEGRAM_API_URL: telegram.fake.url,
      HERALD_BLUESKY_API_URL: pds.url,
      // The fake instance and the PDS are on loopback: the SSRF-safe fetcher must be told.
      HERALD_MEDIA_ALLOW: TEST_MEDIA_ALLOW,
    },
  });
  const created = await t.request('POST', '/api/profiles', { title: 'Others Co' });
  profileKey = created.body.profileKey as string;
});
afterAll(async () => {
  await t?.stop();
  await Promise.all([x?.fake.close(), mastodon?.fake.close(), telegram?.fake.close(), pds?.close()]);
});

async function page(headers: Record<string, string> = {}) {
  const jwt = await t.request('POST', '/api/profiles/generateJWT', { profileKey }, headers);
  expect(jwt.status).toBe(200);
  const client = new ConnectClient(t);
  const opened = await client.get(jwt.body.url as string);
  return { client, html: (await client.get(opened.location as string)).body };
}

async function credentialsOf(platform: string) {
  const { rows } = await t.herald.app.pool.query<{ credentials: string }>(
    'SELECT credentials FROM accounts WHERE platform = $1',
    [platform],
  );
  return decryptJson<Record<string, unknown>>(t.herald.app.secretKey, rows[0]?.credentials ?? '');
}

async function linked(platform: string) {
  const res = await t.request('GET', '/api/user', undefined, { 'profile-key': profileKey });
  return (res.body.displayNames as Record<string, unknown>[]).find((a) => a.platform === platform);
}

describe('X (OAuth 1.0a with the developer’s keys)', () => {
  it('without keys given to generateJWT the page says so, and Connect is 419', async () => {
    const { client, html } = await page();
    expect(html).toContain('needs the developer’s X app keys');
    expect(html).not.toMatch(/\/start\/twitter"/);
    const sessionUrl = /action="([^"]+)\/start\//.exec(html)?.[1] as string;
    const refused = await client.post(`${sessionUrl}/start/twitter`);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('X/Twitter operations require your own API credentials');
  });

  it('request token, the user’s consent, access token: linked, the app keys never stored', async () => {
    const { client, html } = await page({
      'x-twitter-oauth1-api-key': x.app.key,
      'x-twitter-oauth1-api-secret': x.app.secret,
    });
    const started = await client.post(formAction(html, 'twitter', 'start'));
    const authorize = new URL(started.location as string);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${x.fake.url}/oauth/authorize`);
    const callback = await client.get(await consent(authorize.href, 'allow'));
    expect(callback.location, callback.body).toMatch(/\?linked=twitter$/);
    const stored = await credentialsOf('twitter');
    expect(stored).toEqual({ accessToken: x.user.token, accessTokenSecret: x.user.tokenSecret });
    expect(JSON.stringify(stored)).not.toContain(x.app.secret);
    expect(await linked('twitter')).toMatchObject({ username: 'heraldtest', status: 'ok' });
    // Posting still takes the keys on the request, as with any BYO-key account.
    const posted = await t.request(
      'POST',
      '/api/post',
      { post: 'Linked on the connect page', platforms: ['twitter'] },
      {
        'profile-key': profileKey,
        'x-twitter-oauth1-api-key': x.app.key,
        'x-twitter-oauth1-api-secret': x.app.secret,
      },
    );
    expect(posted.status).toBe(200);
  });

  it('a Cancel at X (denied=) links nothing: 662', async () => {
    const { client, html } = await page({
      'x-twitter-oauth1-api-key': x.app.key,
      'x-twitter-oauth1-api-secret': x.app.secret,
    });
    const started = await client.post(formAction(html, 'twitter', 'start'));
    const back = await consent(started.location as string, 'cancel');
    expect(new URL(back).searchParams.has('denied')).toBe(true);
    const callback = await client.get(back);
    expect(callback.status).toBe(400);
    expect(callback.body).toContain('X/Twitter authorization was cancelled or refused');
  });
});

describe('Mastodon (the user’s instance)', () => {
  it('registers Herald’s app on the instance once, runs its OAuth and links the account', async () => {
    for (const round of [1, 2]) {
      const { client, html } = await page();
      const started = await client.post(formAction(html, 'mastodon', 'start'), {
        instance: mastodon.fake.url,
      });
      const authorize = new URL(started.location as string);
      expect(`${authorize.origin}${authorize.pathname}`).toBe(`${mastodon.fake.url}/oauth/authorize`);
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      const callback = await client.get(await consent(authorize.href, 'allow'));
      expect(callback.location, callback.body).toMatch(/\?linked=mastodon$/);
      expect(mastodon.fake.apps, `round ${round}`).toHaveLength(1);
    }
    expect(mastodon.fake.apps[0]).toMatchObject({
      redirectUri: `${PUBLIC_URL}/connect/callback/mastodon`,
      scopes: 'write:statuses write:media read:accounts',
    });
    expect(await credentialsOf('mastodon')).toEqual({
      instance: mastodon.fake.url,
      accessToken: mastodon.account.token,
    });
    expect(await linked('mastodon')).toMatchObject({ displayName: 'Alice Herald', status: 'ok' });
  });

  it('what is not a server address is refused on the page (613)', async () => {
    const { client, html } = await page();
    const refused = await client.post(formAction(html, 'mastodon', 'start'), { instance: 'not a server' });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('Mastodon did not accept these credentials');
  });
});

describe('forms: Bluesky and Telegram', () => {
  it('Bluesky: an app password checked against the PDS', async () => {
    const { client, html } = await page();
    const wrong = await client.post(formAction(html, 'bluesky', 'start'), {
      identifier: pds.handle,
      appPassword: 'wrong-password',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('Bluesky did not accept these credentials');
    const done = await client.post(formAction(html, 'bluesky', 'start'), {
      identifier: pds.handle,
      appPassword: pds.password,
      service: '',
    });
    expect(done.location).toMatch(/\?linked=bluesky$/);
    expect(await linked('bluesky')).toMatchObject({ username: pds.handle, status: 'ok' });
  });

  it('Telegram: a bot token and a channel, checked with getMe and getChat', async () => {
    const { client, html } = await page();
    expect(html).toContain('<label for="telegram-botToken">Bot token</label>');
    const done = await client.post(formAction(html, 'telegram', 'start'), {
      botToken: telegram.bot.token,
      chatId: '@heraldnews',
    });
    expect(done.location, done.body).toMatch(/\?linked=telegram$/);
    expect(await linked('telegram')).toMatchObject({ displayName: 'Herald News', status: 'ok' });
  });
});
