import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashKey } from '../../src/config/secrets.ts';
import { insertApiKey, revokeApiKey } from '../../src/db/api-keys.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * Two Herald processes on one database, each keeping the keys and profiles it has
 * authenticated in memory: a change made through one reaches the other through
 * PostgreSQL's `herald_auth` notification, so a revoked key or a deleted profile is
 * refused everywhere (within the time a notification takes, polled here, never timed).
 */
let a: TestHerald;
let b: TestHerald;
beforeAll(async () => {
  a = await startTestHerald();
  b = await startTestHerald({ databaseUrl: a.databaseUrl });
});
afterAll(async () => {
  await b?.stop();
  await a?.stop();
});

const asKey = (key: string) => ({ authorization: `Bearer ${key}` });

describe('authentication from memory, across processes', () => {
  it('a key revoked through one process is refused by the other', async () => {
    const key = `second-key-${Date.now()}`;
    const id = await insertApiKey(a.herald.app.pool, hashKey(key), key.slice(0, 8), 'second');
    // Both processes have let it in (and keep it): twice each.
    for (const t of [a, b, a, b])
      expect((await t.request('GET', '/api/user', undefined, asKey(key))).status).toBe(200);

    expect(await revokeApiKey(a.herald.app.pool, id)).toBe(1);
    await vi.waitFor(
      async () => {
        const res = await b.request('GET', '/api/user', undefined, asKey(key));
        expect(res.status).toBe(401);
        expect(res.body.code).toBe(601);
      },
      { timeout: 5000, interval: 20 },
    );
    expect((await a.request('GET', '/api/user', undefined, asKey(key))).body.code).toBe(601);
    // The primary key is untouched.
    expect((await b.request('GET', '/api/user')).status).toBe(200);
  });

  it('a profile deleted through one process: its key is refused by the other (602)', async () => {
    const created = await a.request('POST', '/api/profiles', { title: 'cached-elsewhere' });
    expect(created.status).toBe(200);
    const profileKey = String(created.body.profileKey);
    for (const t of [a, b, b]) {
      const res = await t.request('GET', '/api/user', undefined, { 'profile-key': profileKey });
      expect(res.status).toBe(200);
    }
    const deleted = await a.request('DELETE', '/api/profiles', { profileKey });
    expect(deleted.body).toMatchObject({ status: 'success' });
    await vi.waitFor(
      async () => {
        const res = await b.request('GET', '/api/user', undefined, { 'profile-key': profileKey });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe(602);
      },
      { timeout: 5000, interval: 20 },
    );
  });

  it('a profile renamed through one process is seen renamed by the other', async () => {
    const created = await a.request('POST', '/api/profiles', { title: 'before-rename' });
    const profileKey = String(created.body.profileKey);
    for (let i = 0; i < 2; i++) {
      const res = await b.request('GET', '/api/user', undefined, { 'profile-key': profileKey });
      expect(res.body.title).toBe('before-rename');
    }
    const renamed = await a.request(
      'PATCH',
      '/api/profiles',
      { title: 'after-rename' },
      { 'profile-key': profileKey },
    );
    expect(renamed.status).toBe(200);
    await vi.waitFor(
      async () => {
        const res = await b.request('GET', '/api/user', undefined, { 'profile-key': profileKey });
        expect(res.body.title).toBe('after-rename');
      },
      { timeout: 5000, interval: 20 },
    );
  });
});
