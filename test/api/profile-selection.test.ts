import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

let t: TestHerald;
let a: { key: string; refId: string };
let c: { key: string; refId: string };

async function profile(title: string): Promise<{ key: string; refId: string }> {
  const res = await t.request('POST', '/api/profiles', { title });
  return { key: res.body.profileKey as string, refId: res.body.refId as string };
}

async function linked(headers: Record<string, string>): Promise<unknown> {
  return (await t.request('GET', '/api/user', undefined, headers)).body.activeSocialAccounts;
}

beforeAll(async () => {
  t = await startTestHerald();
  a = await profile('Profile A');
  c = await profile('Profile C');
  await linkSandbox(t, ['linkedin', 'bluesky']);
  await linkSandbox(t, ['linkedin'], { 'profile-key': a.key });
  await linkSandbox(t, ['linkedin'], { 'profile-key': c.key });
});
afterAll(() => t.stop());

describe('a profile named in the body or the query', () => {
  it('unlink with profileKey in the body (as Ayrshare’s SDK sends it) acts on that profile, not the primary', async () => {
    const res = await t.request('DELETE', '/api/profiles/social', {
      platform: 'linkedin',
      profileKey: a.key,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'success', platform: 'linkedin', refId: a.refId });
    expect(await linked({ 'profile-key': a.key })).toEqual([]);
    expect(await linked({})).toEqual(['bluesky', 'linkedin']);
    expect(await linked({ 'profile-key': c.key })).toEqual(['linkedin']);
    await linkSandbox(t, ['linkedin'], { 'profile-key': a.key });
  });

  it('profileKey in the query selects the profile of a GET', async () => {
    const res = await t.request('GET', `/api/user?profileKey=${encodeURIComponent(c.key)}`);
    expect(res.body).toMatchObject({ refId: c.refId, title: 'Profile C' });
  });

  it('a post with profileKey in the body belongs to that profile', async () => {
    const res = await t.request('POST', '/api/post', {
      post: 'hi',
      platforms: ['linkedin'],
      profileKey: c.key,
    });
    expect(res.status).toBe(200);
    const id = res.body.id as string;
    expect((await t.request('GET', `/api/post/${id}`, undefined, { 'profile-key': c.key })).status).toBe(200);
    expect((await t.request('GET', `/api/post/${id}`)).status).toBe(404);
  });

  it('the same profile named twice is fine', async () => {
    const res = await t.request('GET', `/api/user?profileKey=${encodeURIComponent(a.key)}`, undefined, {
      'profile-key': a.key,
    });
    expect(res.body).toMatchObject({ refId: a.refId });
  });

  it('an unknown profileKey is 602, as in the header', async () => {
    const res = await t.request('DELETE', '/api/profiles/social', {
      platform: 'linkedin',
      profileKey: 'AAAAAAA-BBBBBBB-CCCCCCC-DDDDDDD',
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe(602);
    expect(await linked({})).toEqual(['bluesky', 'linkedin']);
  });
});

describe('two different profiles named in one request are refused, nothing changes', () => {
  it.each([
    ['DELETE', '/api/profiles', () => ({ profileKey: c.key })],
    ['DELETE', '/api/profiles/profile', () => ({ profileKey: c.key })],
    ['DELETE', '/api/profiles', () => ({ title: 'Profile C' })],
    ['DELETE', '/api/profiles/social', () => ({ platform: 'linkedin', profileKey: c.key })],
    ['PATCH', '/api/profiles', () => ({ title: 'Renamed', profileKey: c.key })],
    ['POST', '/api/post', () => ({ post: 'x', platforms: ['linkedin'], profileKey: c.key })],
  ] as const)('%s %s as profile A naming profile C → 632', async (method, url, body) => {
    const before = {
      profiles: await t.count('profiles'),
      accounts: await t.count('accounts'),
      posts: await t.count('posts'),
    };
    const res = await t.request(method, url, body(), { 'profile-key': a.key });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 'error', code: 632 });
    expect(res.body.message).toMatch(
      /^This request names two different profiles: the Profile-Key header and /,
    );
    expect({
      profiles: await t.count('profiles'),
      accounts: await t.count('accounts'),
      posts: await t.count('posts'),
    }).toEqual(before);
    expect((await t.request('GET', '/api/profiles')).body.profiles).toHaveLength(2);
  });
});

describe('a request acting as a profile sees only that profile', () => {
  it('GET /api/profiles as profile A lists A alone; with the API key alone, every profile', async () => {
    const asA = await t.request('GET', '/api/profiles', undefined, { 'profile-key': a.key });
    expect(asA.body.profiles).toEqual([expect.objectContaining({ refId: a.refId })]);
    const byQuery = await t.request('GET', `/api/profiles?profileKey=${encodeURIComponent(c.key)}`);
    expect(byQuery.body.profiles).toEqual([expect.objectContaining({ refId: c.refId })]);
    const all = await t.request('GET', '/api/profiles');
    expect((all.body.profiles as { refId: string }[]).map((p) => p.refId)).toEqual([a.refId, c.refId]);
  });

  it('DELETE /api/profiles as profile A deletes A (and a title naming A is consistent)', async () => {
    const b = await profile('Profile B');
    const res = await t.request('DELETE', '/api/profiles', { title: 'Profile B' }, { 'profile-key': b.key });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'success', refId: b.refId });
  });

  it('DELETE /api/profiles/profile with profileKey in the body deletes that profile (Ayrshare’s deleteProfile)', async () => {
    const d = await profile('Profile D');
    const res = await t.request('DELETE', '/api/profiles/profile', { profileKey: d.key, source: 'npm' });
    expect(res.body).toEqual({ status: 'success', refId: d.refId });
    expect((await t.request('GET', '/api/profiles')).body.profiles).toHaveLength(2);
  });

  it('PATCH without naming a profile is refused: title is the new title there', async () => {
    const res = await t.request('PATCH', '/api/profiles', { title: 'Whatever' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(604);
  });
});

describe('Ayrshare’s older profile paths (what its SDK calls)', () => {
  it('POST, PUT and DELETE /api/profiles/profile create, rename and delete', async () => {
    const created = await t.request('POST', '/api/profiles/profile', { title: 'Legacy', source: 'npm' });
    expect(created.body).toMatchObject({ status: 'success', title: 'Legacy' });
    const key = created.body.profileKey as string;
    const renamed = await t.request('PUT', '/api/profiles/profile', {
      title: 'Legacy 2',
      profileKey: key,
      source: 'npm',
    });
    expect(renamed.body).toMatchObject({ status: 'success', title: 'Legacy 2' });
    const deleted = await t.request('DELETE', '/api/profiles/profile', { profileKey: key, source: 'npm' });
    expect(deleted.body).toMatchObject({ status: 'success', refId: created.body.refId });
  });
});
