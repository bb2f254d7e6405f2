import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectClient } from '../helpers/connect-client.ts';
import { API_KEY, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * POST /api/profiles/generateJWT as Ayrshare's SDK sends it (`generateJWT(data)`: a JSON
 * POST with the Bearer key, the Profile-Key header when set, and `source: "npm"` added
 * to the body), and every field it documents.
 */

let t: TestHerald;
let profileKey: string;
let refId: string;

beforeAll(async () => {
  t = await startTestHerald({ env: { HERALD_PUBLIC_URL: 'https://herald.example.test' } });
  const created = await t.request('POST', '/api/profiles', { title: 'Jwt Co' });
  profileKey = created.body.profileKey as string;
  refId = created.body.refId as string;
});
afterAll(async () => {
  await t?.stop();
});

/** What the SDK's doPost sends: headers from getHeaders(), the body with source: "npm". */
function sdkPost(data: Record<string, unknown>, withProfileKeyHeader = false) {
  return t.request(
    'POST',
    '/api/profiles/generateJWT',
    { ...data, source: 'npm' },
    {
      'content-type': 'application/json',
      authorization: `Bearer ${API_KEY}`,
      ...(withProfileKeyHeader ? { 'profile-key': profileKey } : {}),
    },
  );
}

describe('POST /api/profiles/generateJWT', () => {
  it('refuses an unauthenticated call (102)', async () => {
    const res = await t.herald.server?.inject({
      method: 'POST',
      url: '/api/profiles/generateJWT',
      payload: { profileKey },
    });
    expect(res?.statusCode).toBe(403);
    expect(res?.json()).toMatchObject({ code: 102 });
  });

  it('answers {status, title, token, url} for the SDK’s body, and the url opens the page', async () => {
    const res = await sdkPost({
      domain: 'acme',
      privateKey: '-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----',
      profileKey,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'success',
      title: 'Jwt Co',
      token: expect.any(String),
      url: expect.stringMatching(/^https:\/\/herald\.example\.test\/connect\?jwt=/),
      expiresIn: 5,
    });
    const claims = decodeJwt(res.body.token as string);
    expect(claims).toMatchObject({
      sub: refId,
      aud: 'herald-connect',
      iss: 'https://herald.example.test/connect',
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(300);
    const client = new ConnectClient(t);
    const opened = await client.get(res.body.url as string);
    expect(opened.status).toBe(303);
    const cookie = opened.headers['set-cookie'] as string;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\/connect/);
    const page = await client.get(opened.location as string);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Link your accounts');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('takes the profile from the Profile-Key header too, and honours expiresIn', async () => {
    const res = await sdkPost({ expiresIn: 2880 }, true);
    expect(res.status).toBe(200);
    const claims = decodeJwt(res.body.token as string);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(2880 * 60);
  });

  it.each([
    ['no profile key at all', {}, 604, 'profileKey is required'],
    ['expiresIn 0', { expiresIn: 0 }, 604, 'expiresIn'],
    ['expiresIn 2881', { expiresIn: 2881 }, 604, 'expiresIn'],
    ['an unknown network in allowedSocial', { allowedSocial: ['myspace'] }, 605, 'myspace'],
    ['a redirect that is not a URL', { redirect: 'javascript:alert(1)' }, 604, 'redirect'],
    ['the email option', { email: { to: 'a@b.c' } }, 604, 'email'],
    ['an unknown field', { expiresin: 5 }, 631, 'expiresin'],
    // The profile key is added when the test runs (it exists only after beforeAll).
  ])('refuses %s (%i) and stores nothing', async (name, given, code, words) => {
    const body = name === 'no profile key at all' ? given : { profileKey, ...given };
    const before = await t.herald.app.pool.query('SELECT count(*)::int AS n FROM link_sessions');
    const res = await sdkPost(body);
    expect(res.body, JSON.stringify(res.body)).toMatchObject({ status: 'error', code });
    expect(JSON.stringify(res.body)).toContain(words);
    const after = await t.herald.app.pool.query('SELECT count(*)::int AS n FROM link_sessions');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('X keys: both halves (headers or body) are sealed in the page session; one half alone is 419', async () => {
    const half = await sdkPost({ profileKey, twitterApiKey: 'key-only' });
    expect(half.status).toBe(400);
    expect(half.body).toMatchObject({
      code: 419,
      message: expect.stringContaining('Missing: X-Twitter-OAuth1-Api-Secret'),
    });
    const both = await t.request(
      'POST',
      '/api/profiles/generateJWT',
      { profileKey },
      { 'x-twitter-oauth1-api-key': 'ck-123', 'x-twitter-oauth1-api-secret': 'cs-456' },
    );
    expect(both.status).toBe(200);
    const { rows } = await t.herald.app.pool.query<{ sealed_secrets: string }>(
      'SELECT sealed_secrets FROM link_sessions WHERE sealed_secrets IS NOT NULL',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.sealed_secrets).not.toContain('ck-123');
    expect(rows[0]?.sealed_secrets).not.toContain('cs-456');
  });

  it('logout: true ends the profile’s earlier pages', async () => {
    const first = await sdkPost({ profileKey });
    const client = new ConnectClient(t);
    expect((await client.get(first.body.url as string)).status).toBe(303);
    const second = await sdkPost({ profileKey, logout: true });
    expect(second.status).toBe(200);
    const stale = await new ConnectClient(t).get(first.body.url as string);
    expect(stale.status).toBe(401);
    expect(stale.body).toContain('This connect link has expired or is not valid');
    expect((await new ConnectClient(t).get(second.body.url as string)).status).toBe(303);
  });

  it('a token that is not Herald’s, or tampered with, opens nothing (660)', async () => {
    const good = await sdkPost({ profileKey });
    const token = good.body.token as string;
    const tampered = `${token.slice(0, -3)}${token.slice(-3) === 'AAA' ? 'BBB' : 'AAA'}`;
    for (const jwt of [tampered, 'not-a-jwt', '']) {
      const res = await new ConnectClient(t).get(`/connect?jwt=${encodeURIComponent(jwt)}`);
      expect(res.status).toBe(401);
    }
  });
});
