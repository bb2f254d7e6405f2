import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshDueTokens } from '../../src/jobs/refresh-tokens.ts';
import { type MetaLinking, startMetaLinking } from '../fakes/oauth/meta.ts';
import { ConnectClient, consent, formAction } from '../helpers/connect-client.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * Facebook, Instagram and Threads through the connect page, against fakes written from
 * Meta's docs: Facebook Login (dialog, code exchange, fb_exchange_token, /me/permissions,
 * /me/accounts with Page tokens and the connected Instagram account) and Threads' OAuth
 * (code exchange, th_exchange_token).
 */

const PUBLIC_URL = 'https://herald.example.test';
let meta: MetaLinking;
let t: TestHerald;
let profileKey: string;

beforeAll(async () => {
  meta = await startMetaLinking();
  t = await startTestHerald({ env: { ...meta.env, HERALD_PUBLIC_URL: PUBLIC_URL } });
  const created = await t.request('POST', '/api/profiles', { title: 'Meta Co' });
  profileKey = created.body.profileKey as string;
});
afterAll(async () => {
  await t?.stop();
  await meta?.close();
});

async function start(platform: string): Promise<{ client: ConnectClient; authorize: string }> {
  const jwt = await t.request('POST', '/api/profiles/generateJWT', { profileKey });
  const client = new ConnectClient(t);
  const opened = await client.get(jwt.body.url as string);
  const page = await client.get(opened.location as string);
  const started = await client.post(formAction(page.body, platform, 'start'));
  expect(started.status).toBe(303);
  return { client, authorize: started.location as string };
}

async function user() {
  const res = await t.request('GET', '/api/user', undefined, { 'profile-key': profileKey });
  return res.body.displayNames as Record<string, unknown>[];
}

describe('Facebook', () => {
  it('asks for the Page permissions, trades the token for a long-lived one and links the one Page with its token', async () => {
    const { client, authorize } = await start('facebook');
    const url = new URL(authorize);
    expect(url.pathname).toBe('/v23.0/dialog/oauth');
    expect(url.searchParams.get('scope')).toBe('pages_show_list,pages_manage_posts,pages_read_engagement');
    const exchanges = meta.facebook.tokenCalls.get('fb_exchange_token') ?? 0;
    const callback = await client.get(await consent(authorize, 'allow'));
    expect(callback.location).toBe(
      `${PUBLIC_URL}/connect/${callback.location?.split('/')[4]?.split('?')[0]}?linked=facebook`,
    );
    expect(meta.facebook.tokenCalls.get('fb_exchange_token')).toBe(exchanges + 1);
    const facebook = (await user()).find((a) => a.platform === 'facebook');
    // A Page token from a long-lived user token never expires: no countdown, nothing to refresh.
    expect(facebook).toMatchObject({ id: meta.graph.page.id, displayName: 'Herald Test Page', status: 'ok' });
    expect(facebook).not.toHaveProperty('refreshDaysRemaining');
    // The stored token is the Page's: a post goes out with it.
    const posted = await t.request(
      'POST',
      '/api/post',
      { post: 'Linked through the connect page', platforms: ['facebook'] },
      { 'profile-key': profileKey },
    );
    expect(posted.status).toBe(200);
    const feed = meta.graph.requests.find((r) => r.route === 'fb.feed');
    expect(feed?.authorization ?? feed?.params.access_token).toContain(meta.graph.page.token);
  });

  it('a Cancel (error=access_denied) links nothing: 662 with Meta’s words', async () => {
    const { client, authorize } = await start('facebook');
    const back = await consent(authorize, 'cancel');
    expect(new URL(back).searchParams.get('error')).toBe('access_denied');
    const callback = await client.get(back);
    expect(callback.status).toBe(400);
    expect(callback.body).toContain('Facebook authorization was cancelled or refused');
    expect(callback.body).toContain('access_denied: Permissions error.');
  });

  it('a declined permission is 664 naming it', async () => {
    meta.facebook.grantOnly = ['pages_show_list', 'pages_read_engagement'];
    meta.user.permissions.delete('pages_manage_posts');
    try {
      const { client, authorize } = await start('facebook');
      const callback = await client.get(await consent(authorize, 'allow'));
      expect(callback.status).toBe(400);
      expect(callback.body).toContain('missing: pages_manage_posts');
    } finally {
      delete meta.facebook.grantOnly;
      meta.user.permissions.set('pages_manage_posts', 'granted');
    }
  });

  it('a code Meta already consumed is 665 with Meta’s error', async () => {
    const { client, authorize } = await start('facebook');
    const back = await consent(authorize, 'allow');
    const code = new URL(back).searchParams.get('code') as string;
    await fetch(`${meta.facebook.url}/v23.0/oauth/access_token`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: meta.facebook.client.id,
        client_secret: meta.facebook.client.secret,
        code,
        grant_type: 'authorization_code',
        redirect_uri: `${PUBLIC_URL}/connect/callback/facebook`,
      }),
    });
    const callback = await client.get(back);
    expect(callback.status).toBe(502);
    expect(callback.body).toContain('Facebook refused to issue a token');
    expect(callback.body).toContain('This authorization code has been used.');
  });
});

describe('Instagram', () => {
  it('links the professional account connected to the user’s Page, posting with the Page token', async () => {
    const { client, authorize } = await start('instagram');
    expect(new URL(authorize).searchParams.get('scope')).toContain('instagram_content_publish');
    const callback = await client.get(await consent(authorize, 'allow'));
    expect(callback.location).toMatch(/\?linked=instagram$/);
    const instagram = (await user()).find((a) => a.platform === 'instagram');
    expect(instagram).toMatchObject({ id: meta.graph.instagram.id, username: 'herald.test', status: 'ok' });
    expect(instagram?.userImage).toMatch(/^https:\/\//);
  });
});

describe('Threads', () => {
  it('exchanges the code, trades it for the 60-day token and links the profile', async () => {
    const { client, authorize } = await start('threads');
    expect(new URL(authorize).pathname).toBe('/oauth/authorize');
    const callback = await client.get(await consent(authorize, 'allow'));
    expect(callback.location).toMatch(/\?linked=threads$/);
    expect(meta.threads.tokenCalls.get('authorization_code')).toBe(1);
    expect(meta.threads.tokenCalls.get('th_exchange_token')).toBe(1);
    const threads = (await user()).find((a) => a.platform === 'threads');
    expect(threads).toMatchObject({ id: meta.graph.threads.id, status: 'ok', refreshDaysRemaining: 59 });
    const { rows } = await t.herald.app.pool.query<{ refresh_at: Date; token_expires_at: Date }>(
      "SELECT refresh_at, token_expires_at FROM accounts WHERE platform = 'threads'",
    );
    // Extended at about 80 % of its 60 days.
    const days = (rows[0]?.refresh_at.getTime() ?? 0) - Date.now();
    expect(Math.round(days / 86_400_000)).toBe(48);
  });
});

describe('Threads’ long-lived token', () => {
  it('is extended by the refresh job at 80 % of its life (th_refresh_token), and its end moves back', async () => {
    const before = await t.herald.app.pool.query<{ credentials: string; relink_by: Date }>(
      "SELECT credentials, relink_by FROM accounts WHERE platform = 'threads'",
    );
    await t.herald.app.pool.query(
      "UPDATE accounts SET refresh_at = now() - interval '1 second', relink_by = now() + interval '12 days' WHERE platform = 'threads'",
    );
    expect((await user()).find((a) => a.platform === 'threads')).toMatchObject({
      status: 'ok',
      refreshDaysRemaining: 11,
    });
    const run = await refreshDueTokens(t.herald.app);
    expect(run).toMatchObject({ renewed: 1, failed: 0 });
    expect(meta.threads.tokenCalls.get('th_refresh_token')).toBe(1);
    const after = await t.herald.app.pool.query<{ credentials: string; relink_by: Date }>(
      "SELECT credentials, relink_by FROM accounts WHERE platform = 'threads'",
    );
    expect(after.rows[0]?.credentials).not.toBe(before.rows[0]?.credentials);
    expect((await user()).find((a) => a.platform === 'threads')).toMatchObject({
      status: 'ok',
      refreshDaysRemaining: 59,
    });
  });
});
