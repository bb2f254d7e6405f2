import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * Two Herald processes on one database, each keeping the accounts POST /api/post's checks
 * read (src/app/accounts-cache.ts): a change made through one, or by hand, reaches the other
 * through the `herald_accounts` notification (migration 035), polled here, never timed; the
 * process that made the change, and a request naming a platform just linked, never wait.
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

/** A profile of its own per case, with these sandbox networks linked through `a`. */
async function profile(title: string, platforms: string[]): Promise<Record<string, string>> {
  const created = await a.request('POST', '/api/profiles', { title });
  const headers = { 'profile-key': String(created.body.profileKey) };
  await linkSandbox(a, platforms, headers);
  return headers;
}

const post = (t: TestHerald, headers: Record<string, string>, platforms: string[]) =>
  t.request('POST', '/api/post', { post: `Cached ${Date.now()}`, platforms }, headers);

/** Scheduled a day ahead: only the accept's checks can refuse it (the worker does not see it today). */
const schedule = (t: TestHerald, headers: Record<string, string>, platforms: string[]) =>
  t.request(
    'POST',
    '/api/post',
    { post: `Later ${Date.now()}`, platforms, scheduleDate: new Date(Date.now() + 86_400_000).toISOString() },
    headers,
  );

describe('accounts from memory, across processes', () => {
  it('unlinked through one process: the other refuses the next post to it once told', async () => {
    const headers = await profile('unlinked-elsewhere', ['facebook', 'linkedin']);
    // Both processes have read (and keep) the two accounts.
    for (const t of [a, b, b]) expect((await post(t, headers, ['facebook'])).body.status).toBe('success');
    const unlinked = await a.request('DELETE', '/api/profiles/social', { platform: 'facebook' }, headers);
    expect(unlinked.status).toBe(200);
    // The process that unlinked refuses at once; the other once the notification is in.
    const here = await post(a, headers, ['facebook']);
    expect(here.body.status).toBe('error');
    const refusal = { status: here.status, errors: here.body.errors };
    await vi.waitFor(
      async () => {
        const there = await post(b, headers, ['facebook']);
        expect({ status: there.status, errors: there.body.errors }).toEqual(refusal);
      },
      { timeout: 5000, interval: 20 },
    );
    expect((await post(b, headers, ['linkedin'])).body.status).toBe('success');
  });

  it('changed by hand (marked for relinking): every process refuses the next post to it once told', async () => {
    const headers = await profile('relinked-by-hand', ['bluesky']);
    for (const t of [a, b]) expect((await schedule(t, headers, ['bluesky'])).body.status).toBe('scheduled');
    await a.herald.app.pool.query(
      `UPDATE accounts SET sandbox = false, health = 'needs-relink', health_reason = 'by hand'
       WHERE platform = 'bluesky' AND profile_id IN (SELECT id FROM profiles WHERE title = 'relinked-by-hand')`,
    );
    for (const t of [a, b])
      await vi.waitFor(
        async () => {
          const refused = await schedule(t, headers, ['bluesky']);
          expect((refused.body.errors as Record<string, unknown>[] | undefined)?.[0]).toMatchObject({
            code: 623,
            relink: true,
            platform: 'bluesky',
          });
        },
        { timeout: 5000, interval: 20 },
      );
  });

  it('linked through one process a moment ago: the other finds it at once (a platform its list lacks is read again)', async () => {
    const headers = await profile('linked-elsewhere', ['facebook']);
    expect((await post(b, headers, ['facebook'])).body.status).toBe('success');
    await linkSandbox(a, ['linkedin'], headers);
    expect((await post(b, headers, ['facebook', 'linkedin'])).body.status).toBe('success');
  });
});
