import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAccountEvents } from '../../src/db/account-events.ts';
import { refreshDueTokens } from '../../src/jobs/refresh-tokens.ts';
import { type LinkedInLinking, startLinkedInLinking } from '../fakes/oauth/linkedin.ts';
import { ConnectClient, consent, formAction } from '../helpers/connect-client.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * The outside check, in-process: with HERALD_LINKEDIN_CLIENT_ID/SECRET and
 * HERALD_LINKEDIN_AUTH_URL pointing at a fake written from LinkedIn's docs, generateJWT
 * → the page → Connect LinkedIn redirects to <AUTH_URL>/oauth/v2/authorization with
 * response_type=code, client_id, redirect_uri, state (no PKCE: LinkedIn has it only for
 * native apps) → the fake's redirect back with a code → the code exchanged at
 * <AUTH_URL>/oauth/v2/accessToken → GET /api/user lists LinkedIn.
 */

const PUBLIC_URL = 'https://herald.example.test';
let li: LinkedInLinking;
let t: TestHerald;
let profileKey: string;

beforeAll(async () => {
  li = await startLinkedInLinking();
  t = await startTestHerald({ env: { ...li.env, HERALD_PUBLIC_URL: PUBLIC_URL } });
  const created = await t.request('POST', '/api/profiles', { title: 'Acme' });
  profileKey = created.body.profileKey as string;
});
afterAll(async () => {
  await t?.stop();
  await li?.close();
});

async function openPage(): Promise<{ client: ConnectClient; page: string; pageUrl: string }> {
  const jwt = await t.request('POST', '/api/profiles/generateJWT', { profileKey });
  expect(jwt.status).toBe(200);
  const client = new ConnectClient(t);
  const opened = await client.get(jwt.body.url as string);
  expect(opened.status).toBe(303);
  const pageUrl = opened.location as string;
  const page = await client.get(pageUrl);
  expect(page.status).toBe(200);
  return { client, page: page.body, pageUrl };
}

describe('linking LinkedIn through the connect page', () => {
  it('redirects to the authorization endpoint with LinkedIn’s parameters', async () => {
    const { client, page } = await openPage();
    const started = await client.post(formAction(page, 'linkedin', 'start'));
    expect(started.status).toBe(303);
    const authorize = new URL(started.location as string);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${li.auth.url}/oauth/v2/authorization`);
    const q = authorize.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe(li.auth.client.id);
    expect(q.get('redirect_uri')).toBe(`${PUBLIC_URL}/connect/callback/linkedin`);
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(q.get('scope')?.split(' ')).toEqual(
      expect.arrayContaining(['openid', 'profile', 'w_member_social']),
    );
    expect(q.has('code_challenge')).toBe(false);
  });

  it('exchanges the code at /oauth/v2/accessToken, lets the user pick, and GET /api/user lists LinkedIn', async () => {
    const { client, page } = await openPage();
    const started = await client.post(formAction(page, 'linkedin', 'start'));
    const back = await consent(started.location as string, 'allow');
    expect(back.startsWith(`${PUBLIC_URL}/connect/callback/linkedin?`)).toBe(true);
    const exchanges = li.auth.tokenCalls.get('authorization_code') ?? 0;
    const callback = await client.get(back);
    expect(li.auth.tokenCalls.get('authorization_code')).toBe(exchanges + 1);
    // The member administers an organization: the page asks which one to post as.
    expect(callback.status).toBe(303);
    expect(callback.location).toMatch(/\/choose\/[0-9a-f-]{36}$/);
    const choose = await client.get(callback.location as string);
    expect(choose.body).toContain('Alice Herald');
    expect(choose.body).toContain('Herald Test Co');
    const action = /action="([^"]+\/choose\/[^"]+)"/.exec(choose.body)?.[1] as string;
    const picked = await client.post(action, { choice: li.organization });
    expect(picked.status).toBe(303);
    expect(picked.location).toMatch(/\?linked=linkedin$/);

    const user = await t.request('GET', '/api/user', undefined, { 'profile-key': profileKey });
    expect(user.body.activeSocialAccounts).toEqual(['linkedin']);
    expect(user.body.displayNames).toEqual([
      expect.objectContaining({
        platform: 'linkedin',
        id: li.organization,
        displayName: 'Herald Test Co',
        status: 'ok',
        refreshDaysRemaining: expect.any(Number),
      }),
    ]);
    // The same code cannot be used twice: the callback's state is spent.
    const replay = await client.get(back);
    expect(replay.status).toBe(400);
    expect(replay.body).toContain('already used');
    expect(li.auth.tokenCalls.get('authorization_code')).toBe(exchanges + 1);

    const { rows } = await t.herald.app.pool.query<{ id: string }>(
      "SELECT id FROM profiles WHERE title = 'Acme'",
    );
    const events = await listAccountEvents(t.herald.app.pool, rows[0]?.id as string);
    expect(events.at(-1)).toMatchObject({
      platform: 'linkedin',
      type: 'link',
      source: 'user',
      displayName: 'Herald Test Co',
    });
  });

  it('a Cancel at LinkedIn links nothing and says so (662 with LinkedIn’s words)', async () => {
    const { client, page } = await openPage();
    const started = await client.post(formAction(page, 'linkedin', 'start'));
    const back = await consent(started.location as string, 'cancel');
    const callback = await client.get(back);
    expect(callback.status).toBe(400);
    expect(callback.body).toContain('LinkedIn authorization was cancelled or refused');
    expect(callback.body).toContain('user_cancelled_authorize');
  });

  it('a callback from another browser (no page cookie) or a made-up state is refused (661)', async () => {
    const { client, page } = await openPage();
    const started = await client.post(formAction(page, 'linkedin', 'start'));
    const back = await consent(started.location as string, 'allow');
    const stranger = new ConnectClient(t);
    const refused = await stranger.get(back);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('started from another page or browser');
    const madeUp = await client.get(`${PUBLIC_URL}/connect/callback/linkedin?code=x&state=not-a-state`);
    expect(madeUp.status).toBe(400);
  });
});

describe('a LinkedIn token Herald cannot renew (no partner refresh token)', () => {
  it('is `expiring` in its last days, then `needs-relink` once past them: recorded, and posts refused before any call', async () => {
    await t.herald.app.pool.query(
      "UPDATE accounts SET relink_by = now() + interval '5 days 1 minute' WHERE platform = 'linkedin'",
    );
    const soon = await t.request('GET', '/api/user', undefined, { 'profile-key': profileKey });
    expect((soon.body.displayNames as Record<string, unknown>[])[0]).toMatchObject({
      status: 'expiring',
      refreshDaysRemaining: 5,
      reason: expect.stringContaining('link again before'),
    });
    await t.herald.app.pool.query(
      "UPDATE accounts SET relink_by = now() - interval '1 minute' WHERE platform = 'linkedin'",
    );
    expect(await refreshDueTokens(t.herald.app)).toMatchObject({ expired: 1 });
    const { rows } = await t.herald.app.pool.query<{ id: string }>(
      "SELECT id FROM profiles WHERE title = 'Acme'",
    );
    const events = await listAccountEvents(t.herald.app.pool, rows[0]?.id as string);
    expect(events.at(-1)).toMatchObject({ type: 'refresh', source: 'system', details: { code: 623 } });
    const calls = li.api.requests.length;
    const refused = await t.request(
      'POST',
      '/api/post',
      { post: 'Too late', platforms: ['linkedin'] },
      { 'profile-key': profileKey },
    );
    expect(refused.status).toBe(401);
    expect((refused.body.errors as Record<string, unknown>[])[0]).toMatchObject({
      code: 623,
      relink: true,
      platform: 'linkedin',
    });
    expect(li.api.requests.length).toBe(calls);
  });
});
