import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decryptJson } from '../../src/config/secrets.ts';
import { listAccountEvents } from '../../src/db/account-events.ts';
import { refreshDueTokens } from '../../src/jobs/refresh-tokens.ts';
import { refreshAccount } from '../../src/linking/refresh-account.ts';
import { type Linking, startRedditLinking } from '../fakes/oauth/networks.ts';
import type { RedditWorld } from '../fakes/reddit/fixtures.ts';
import { linkThroughPage } from '../helpers/connect-client.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { startWebhookReceiver, until, type WebhookReceiver } from '../helpers/webhook-receiver.ts';

/**
 * Tokens stay alive: a Reddit account linked on the connect page (hour-long access
 * tokens, a refresh token) is renewed once for 20 concurrent publishes spread over two
 * Herald processes, by the refresh job at about 80 % of its life, and a revoked refresh
 * token leaves it `needs-relink`, recorded, with the next post refused before any call.
 */

let reddit: Linking<RedditWorld>;
let a: TestHerald;
let b: TestHerald;
let profileKey: string;
let profileId: string;
let receiver: WebhookReceiver;

beforeAll(async () => {
  reddit = await startRedditLinking();
  receiver = await startWebhookReceiver();
  const env = {
    ...reddit.env,
    HERALD_PUBLIC_URL: 'https://herald.example.test',
    HERALD_WORKER_CONCURRENCY: '10',
    // The webhook receiver is on loopback.
    HERALD_MEDIA_ALLOW: '127.0.0.1',
  };
  a = await startTestHerald({ env });
  // A second worker process on the same database: the refresh lock must hold across processes.
  b = await startTestHerald({ env, role: 'worker', databaseUrl: a.databaseUrl });
  const created = await a.request('POST', '/api/profiles', { title: 'Refresh Co' });
  profileKey = created.body.profileKey as string;
  const { rows } = await a.herald.app.pool.query<{ id: string }>(
    "SELECT id FROM profiles WHERE title = 'Refresh Co'",
  );
  profileId = rows[0]?.id as string;
  await a.request(
    'POST',
    '/api/hook/webhook',
    { action: 'social', url: `${receiver.url}/social` },
    { 'profile-key': profileKey },
  );
  await linkThroughPage(a, profileKey, 'reddit');
});
afterAll(async () => {
  await b?.stop();
  await a?.stop();
  await reddit?.close();
  await receiver?.close();
});

const refreshes = () => reddit.auth.tokenCalls.get('refresh_token') ?? 0;
const submits = () => reddit.api.fake.requests.filter((r) => r.path === '/api/submit').length;

async function account() {
  const { rows } = await a.herald.app.pool.query<{
    id: string;
    credentials: string;
    refresh_at: Date | null;
    health: string;
  }>("SELECT id, credentials, refresh_at, health FROM accounts WHERE platform = 'reddit'");
  const row = rows[0];
  if (!row) throw new Error('no reddit account');
  return {
    ...row,
    credentials: decryptJson<Record<string, string>>(a.herald.app.secretKey, row.credentials),
  };
}

function post(title: string) {
  return a.request(
    'POST',
    '/api/post',
    { post: `Body of ${title}`, platforms: ['reddit'], redditOptions: { subreddit: 'test', title } },
    { 'profile-key': profileKey },
  );
}

describe('token refresh', () => {
  it('an expired access token is renewed once for 20 concurrent publishes on two processes', async () => {
    // The stored token no longer works at Reddit (it expired); the renewal is held in flight
    // until every publish has met the 401, so all of them wait on the one refresh.
    reddit.api.user.token = 'expired-at-reddit';
    let release = () => {};
    reddit.auth.holdNextToken(new Promise<void>((resolve) => (release = resolve)));
    const before = { refreshes: refreshes(), submits: submits() };
    const answers = Promise.all(Array.from({ length: 20 }, (_, i) => post(`Concurrent ${i}`)));
    await vi.waitFor(() => expect(submits() - before.submits).toBeGreaterThanOrEqual(20), {
      timeout: 15_000,
    });
    release();
    const results = await answers;
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(refreshes() - before.refreshes).toBe(1);
    const stored = await account();
    expect(stored.credentials.accessToken).toBe(reddit.api.user.token);
    expect(stored.health).toBe('ok');
  });

  it('the lock holds across processes: two processes renewing the same stale token call the network once', async () => {
    const stale = (await account()).credentials.accessToken as string;
    let release = () => {};
    reddit.auth.holdNextToken(new Promise<void>((resolve) => (release = resolve)));
    const before = refreshes();
    const { id } = await account();
    const first = refreshAccount(a.herald.app, id, { stale });
    const second = refreshAccount(b.herald.app, id, { stale });
    await vi.waitFor(() => expect(refreshes()).toBe(before + 1));
    release();
    const [one, two] = await Promise.all([first, second]);
    expect(one.ok && two.ok).toBe(true);
    expect(refreshes()).toBe(before + 1);
    if (one.ok && two.ok) expect(one.credentials.accessToken).toBe(two.credentials.accessToken);
  });

  it('a refresh in flight holds no post back: one accepted meanwhile is answered before it ends', async () => {
    // The refresh's row lock must not stop what only references the account: a target's
    // foreign key (FOR KEY SHARE) conflicts with FOR UPDATE, not with FOR NO KEY UPDATE.
    const stale = (await account()).credentials.accessToken as string;
    let release = () => {};
    reddit.auth.holdNextToken(new Promise<void>((resolve) => (release = resolve)));
    const before = refreshes();
    const { id } = await account();
    const renewing = refreshAccount(b.herald.app, id, { stale });
    await vi.waitFor(() => expect(refreshes()).toBe(before + 1));
    const scheduled = new Date(Date.now() + 3_600_000).toISOString();
    const accepted = a.request(
      'POST',
      '/api/post',
      {
        post: 'Accepted while the token is renewed',
        platforms: ['reddit'],
        scheduleDate: scheduled,
        redditOptions: { subreddit: 'test', title: 'During the refresh' },
      },
      { 'profile-key': profileKey },
    );
    const first = await Promise.race([
      accepted.then(() => 'answered' as const),
      new Promise<'held'>((resolve) => setTimeout(() => resolve('held'), 10_000)),
    ]);
    release();
    expect(first).toBe('answered');
    expect((await accepted).status).toBe(200);
    expect((await renewing).ok).toBe(true);
  });

  it('the refresh job renews a token past 80 % of its life, and only that one', async () => {
    const before = refreshes();
    expect((await refreshDueTokens(a.herald.app)).renewed).toBe(0);
    await a.herald.app.pool.query(
      "UPDATE accounts SET refresh_at = now() - interval '1 second' WHERE platform = 'reddit'",
    );
    const run = await refreshDueTokens(a.herald.app);
    expect(run).toMatchObject({ renewed: 1, failed: 0 });
    expect(refreshes()).toBe(before + 1);
    const stored = await account();
    // Reddit's token lives 3600 s: the next renewal is due at about 80 % of it.
    const next = ((stored.refresh_at?.getTime() ?? 0) - Date.now()) / 1000;
    expect(next).toBeGreaterThan(2800);
    expect(next).toBeLessThanOrEqual(2880);
    const published = await post('After the scheduled refresh');
    expect(published.status).toBe(200);
  });

  it('a revoked refresh token: needs-relink, recorded, and the next post fails before any call', async () => {
    const stored = await account();
    reddit.auth.revokeRefreshToken(stored.credentials.refreshToken as string);
    reddit.api.user.token = 'expired-again';
    const failed = await post('Meets the revoked grant');
    expect(failed.status).toBe(401);
    expect((failed.body.errors as Record<string, unknown>[])[0]).toMatchObject({
      code: 623,
      relink: true,
      platform: 'reddit',
    });

    const user = await a.request('GET', '/api/user', undefined, { 'profile-key': profileKey });
    expect((user.body.displayNames as Record<string, unknown>[])[0]).toMatchObject({
      platform: 'reddit',
      status: 'needs-relink',
      reason: expect.stringContaining('invalid_grant'),
    });
    const events = await listAccountEvents(a.herald.app.pool, profileId);
    expect(events.at(-1)).toMatchObject({
      platform: 'reddit',
      type: 'refresh',
      source: 'system',
      details: { status: 'error', code: 623 },
    });
    // Ayrshare's `social` webhook says so too, from the same transaction.
    await until(() => receiver.at('/social').some((h) => h.json.type === 'refresh'), 'the refresh event');
    expect(receiver.at('/social').find((h) => h.json.type === 'refresh')?.json).toMatchObject({
      action: 'social',
      type: 'refresh',
      source: 'system',
      platform: 'reddit',
      code: 401,
      details: { status: 'error', code: 623, message: expect.stringContaining('Reddit authorization error') },
    });

    const calls = reddit.api.fake.requests.length;
    const tokenCalls = refreshes();
    const refused = await post('Never sent');
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ status: 'error', postIds: [] });
    expect((refused.body.errors as Record<string, unknown>[])[0]).toMatchObject({
      code: 623,
      relink: true,
      details: expect.stringContaining('invalid_grant'),
    });
    expect(reddit.api.fake.requests.length).toBe(calls);
    expect(refreshes()).toBe(tokenCalls);
    // The job leaves it alone: only a relink helps.
    expect(await refreshDueTokens(a.herald.app)).toMatchObject({ renewed: 0, failed: 0 });
  });

  it('relinking on the page makes it healthy again', async () => {
    await linkThroughPage(a, profileKey, 'reddit');
    const user = await a.request('GET', '/api/user', undefined, { 'profile-key': profileKey });
    expect((user.body.displayNames as Record<string, unknown>[])[0]).toMatchObject({ status: 'ok' });
    expect((await post('After the relink')).status).toBe(200);
  });
});
