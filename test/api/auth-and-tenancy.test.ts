import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashKey } from '../../src/config/secrets.ts';
import { API_KEY, linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

let t: TestHerald;
beforeAll(async () => {
  t = await startTestHerald();
});
afterAll(() => t.stop());

/** Every authenticated endpoint, each refusing a call without a key. */
const PROTECTED: [string, string][] = [
  ['POST', '/api/post'],
  ['GET', '/api/post/abc'],
  ['DELETE', '/api/post'],
  ['PUT', '/api/post/retry'],
  ['PATCH', '/api/post'],
  ['PUT', '/api/post'],
  ['POST', '/api/auto-schedule/set'],
  ['GET', '/api/auto-schedule/list'],
  ['DELETE', '/api/auto-schedule/delete'],
  ['GET', '/api/history'],
  ['GET', '/api/history/abc'],
  ['GET', '/api/history/bluesky'],
  ['POST', '/api/analytics/post'],
  ['POST', '/api/analytics/social'],
  ['POST', '/api/accounts'],
  ['GET', '/api/accounts'],
  ['DELETE', '/api/profiles/social'],
  ['GET', '/api/user'],
  ['POST', '/api/profiles'],
  ['GET', '/api/profiles'],
  ['PATCH', '/api/profiles'],
  ['DELETE', '/api/profiles'],
];

describe('API keys', () => {
  it.each(PROTECTED)('%s %s without a key → 102 (403)', async (method, url) => {
    const res = await t.herald.server!.inject({ method: method as 'GET', url });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({
      action: 'authorization',
      status: 'error',
      code: 102,
      message: 'No API key was sent. Add the header "Authorization: Bearer <API key>".',
    });
  });

  it.each(['Bearer wrong-key', 'Basic abc', 'Bearer'])(
    'Authorization "%s" → 601 (401)',
    async (authorization) => {
      const res = await t.request('GET', '/api/user', undefined, { authorization });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe(601);
    },
  );

  it('a profile key in Authorization is refused (Ayrshare: it is an error)', async () => {
    const created = await t.request('POST', '/api/profiles', { title: 'keyswap' });
    const res = await t.request('GET', '/api/user', undefined, {
      authorization: `Bearer ${created.body.profileKey}`,
    });
    expect(res.status).toBe(401);
  });

  it('keys are stored hashed, never in clear', async () => {
    const { rows } = await t.herald.app.pool.query<{ key_hash: string }>('SELECT key_hash FROM api_keys');
    expect(rows.map((r) => r.key_hash)).toEqual([hashKey(API_KEY)]);
    const dump = JSON.stringify((await t.herald.app.pool.query('SELECT * FROM api_keys')).rows);
    expect(dump).not.toContain(API_KEY);
  });

  it('public endpoints answer without a key', async () => {
    for (const url of ['/healthz', '/readyz', '/api/errors', '/openapi.json']) {
      const res = await t.herald.server!.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
    }
  });
});

describe('profiles', () => {
  it('create, list, rename, delete; profile keys are shown once and stored hashed', async () => {
    const created = await t.request('POST', '/api/profiles', { title: 'Acme' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ status: 'success', title: 'Acme' });
    const key = created.body.profileKey as string;
    expect(key).toMatch(/^[A-Z2-9]{7}(-[A-Z2-9]{7}){3}$/);

    const dup = await t.request('POST', '/api/profiles', { title: 'Acme' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe(616);

    const list = await t.request('GET', '/api/profiles');
    const profiles = list.body.profiles as { title: string; refId: string }[];
    expect(profiles.map((p) => p.title)).toContain('Acme');
    expect(JSON.stringify(list.body)).not.toContain(key);

    const renamed = await t.request('PATCH', '/api/profiles', { title: 'Acme Inc' }, { 'profile-key': key });
    expect(renamed.body).toMatchObject({ status: 'success', title: 'Acme Inc' });

    const { rows } = await t.herald.app.pool.query('SELECT key_hash FROM profiles WHERE title = $1', [
      'Acme Inc',
    ]);
    expect(rows[0]?.key_hash).toBe(hashKey(key));

    const deleted = await t.request('DELETE', '/api/profiles', { profileKey: key });
    expect(deleted.body).toMatchObject({ status: 'success', refId: created.body.refId });
    const after = await t.request('GET', '/api/user', undefined, { 'profile-key': key });
    expect(after.body.code).toBe(602);
  });

  it('the primary profile cannot be deleted', async () => {
    const res = await t.request('DELETE', '/api/profiles', { title: 'Primary' });
    expect(res.body.code).toBe(617);
  });

  it('a profile never sees another profile’s posts or accounts', async () => {
    const a = (await t.request('POST', '/api/profiles', { title: 'Tenant A' })).body.profileKey as string;
    const b = (await t.request('POST', '/api/profiles', { title: 'Tenant B' })).body.profileKey as string;
    await linkSandbox(t, ['facebook'], { 'profile-key': a });

    const post = await t.request(
      'POST',
      '/api/post',
      { post: 'from A', platforms: ['facebook'] },
      { 'profile-key': a },
    );
    expect(post.status).toBe(200);
    const id = post.body.id as string;

    expect((await t.request('GET', `/api/post/${id}`, undefined, { 'profile-key': b })).body.code).toBe(607);
    expect((await t.request('GET', `/api/post/${id}`)).body.code).toBe(607);
    expect((await t.request('DELETE', '/api/post', { id }, { 'profile-key': b })).body.code).toBe(607);
    expect((await t.request('PUT', '/api/post/retry', { id }, { 'profile-key': b })).body.code).toBe(607);
    expect((await t.request('GET', '/api/history', undefined, { 'profile-key': b })).body.history).toEqual(
      [],
    );
    expect(
      (await t.request('GET', '/api/user', undefined, { 'profile-key': b })).body.activeSocialAccounts,
    ).toEqual([]);
    // B has not linked Facebook: posting there is 156, A's account is not used.
    const fromB = await t.request(
      'POST',
      '/api/post',
      { post: 'from B', platforms: ['facebook'] },
      { 'profile-key': b },
    );
    expect((fromB.body.errors as { code: number }[])[0]?.code).toBe(156);
    expect((await t.request('GET', `/api/post/${id}`, undefined, { 'profile-key': a })).body.id).toBe(id);
  });
});

describe('accounts', () => {
  it('links a sandbox account, lists it in /api/user, unlinks it', async () => {
    const key = (await t.request('POST', '/api/profiles', { title: 'Linker' })).body.profileKey as string;
    const h = { 'profile-key': key };
    const linked = await t.request(
      'POST',
      '/api/accounts',
      { platform: 'threads', credentials: { sandbox: true } },
      h,
    );
    expect(linked.body).toMatchObject({ status: 'success', platform: 'threads', account: { sandbox: true } });
    const user = await t.request('GET', '/api/user', undefined, h);
    expect(user.body.activeSocialAccounts).toEqual(['threads']);
    expect(user.body.displayNames).toEqual([
      expect.objectContaining({
        platform: 'threads',
        displayName: 'Threads sandbox',
        username: 'sandbox_threads',
      }),
    ]);
    const unlinked = await t.request('DELETE', '/api/profiles/social', { platform: 'threads' }, h);
    expect(unlinked.body).toMatchObject({ status: 'success', platform: 'threads' });
    expect((await t.request('GET', '/api/user', undefined, h)).body.activeSocialAccounts).toEqual([]);
    // Ayrshare answers 200 even when the network was not linked.
    expect((await t.request('DELETE', '/api/profiles/social', { platform: 'threads' }, h)).status).toBe(200);
  });

  it('a network without a live connector asks for a sandbox account (614) and stores nothing', async () => {
    const before = await t.count('accounts');
    const res = await t.request('POST', '/api/accounts', {
      platform: 'snapchat',
      credentials: { profileId: 'x', accessToken: 'x' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 614 });
    expect(res.body.message).toContain('Snapchat');
    expect(await t.count('accounts')).toBe(before);
  });

  it('credentials are encrypted at rest and never returned', async () => {
    await linkSandbox(t, ['mastodon']);
    const { rows } = await t.herald.app.pool.query<{ credentials: string }>(
      "SELECT credentials FROM accounts WHERE platform = 'mastodon'",
    );
    const sealed = rows[0]?.credentials ?? '';
    expect(sealed).not.toContain('sandbox');
    expect(Buffer.from(sealed, 'base64').length).toBeGreaterThan(28);
    const listed = await t.request('GET', '/api/accounts');
    expect(JSON.stringify(listed.body)).not.toContain(sealed);
    expect(JSON.stringify(listed.body)).not.toContain('credentials');
  });
});

describe('the database holds no secret in clear', () => {
  it('a dump of every table contains neither API key nor profile key', async () => {
    const key = (await t.request('POST', '/api/profiles', { title: 'Dumped' })).body.profileKey as string;
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    let dump = '';
    for (const table of ['profiles', 'api_keys', 'accounts', 'posts', 'targets', 'attempts']) {
      dump += JSON.stringify((await client.query(`SELECT * FROM ${table}`)).rows);
    }
    await client.end();
    expect(dump).not.toContain(API_KEY);
    expect(dump).not.toContain(key);
  });
});
