import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MastodonWorld, startMastodonWorld } from '../fakes/mastodon/fixtures.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

/** Mastodon analytics end to end against the fake instance (reached through the SSRF-safe fetcher). */
let world: MastodonWorld;
let t: TestHerald;

beforeAll(async () => {
  world = await startMastodonWorld();
  t = await startTestHerald({ env: { HERALD_MEDIA_ALLOW: '127.0.0.1' } });
  expect(
    (await t.request('POST', '/api/accounts', { platform: 'mastodon', credentials: world.credentials }))
      .status,
  ).toBe(200);
});
afterAll(async () => {
  await t?.stop();
  await world?.fake.close();
});

async function publish(text: string): Promise<{ id: string; status: string }> {
  const res = await t.request('POST', '/api/post', { post: text, platforms: ['mastodon'] });
  expect(res.status).toBe(200);
  return { id: res.body.id as string, status: (res.body.postIds as { id: string }[])[0]?.id as string };
}

describe('Mastodon analytics', () => {
  it('a status: replies, reblogs and favourites (GET /api/v1/statuses/:id)', async () => {
    const { id, status } = await publish('toot to measure');
    world.fake.engagement.set(status, { replies: 3, reposts: 5, like: 21 });
    const res = await t.request('POST', '/api/analytics/post', { id });
    expect(res.status).toBe(200);
    expect(res.body.mastodon).toMatchObject({
      id: status,
      postUrl: `https://social.example/@alice/${status}`,
      analytics: {
        post: '<p>toot to measure</p>',
        visibility: 'public',
        repliesCount: 3,
        reblogsCount: 5,
        favouritesCount: 21,
      },
    });
  });

  it('a status the instance does not have: 607', async () => {
    const res = await t.request('POST', '/api/analytics/post', {
      id: '1',
      platforms: ['mastodon'],
      searchPlatformId: true,
    });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 607, message: 'Status 1 on Mastodon was not found.' });
  });

  it('a token without read scopes: 682', async () => {
    const { id } = await publish('no read scope');
    world.account.scopes = new Set(['write']);
    try {
      const res = await t.request('POST', '/api/analytics/post', { id });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        code: 682,
        details: 'HTTP 403: This action is outside the authorized scopes',
      });
    } finally {
      world.account.scopes = undefined;
    }
  });

  it('the account: followers and statuses (verify_credentials)', async () => {
    world.fake.engagement.set(world.account.id, { followers: 88, follows: 12 });
    const res = await t.request('POST', '/api/analytics/social', { platforms: ['mastodon'] });
    expect(res.body).toMatchObject({
      mastodon: {
        analytics: { username: 'alice', followersCount: 88, followingCount: 12, statusesCount: 2 },
      },
    });
  });

  it('history: the account’s statuses, newest first, paged by max_id from the Link header', async () => {
    await publish('third toot');
    const first = await t.request('GET', '/api/history/mastodon?limit=2');
    expect((first.body.posts as { post: string }[]).map((p) => p.post)).toEqual([
      '<p>third toot</p>',
      '<p>no read scope</p>',
    ]);
    const second = await t.request('GET', `/api/history/mastodon?limit=2&next=${first.body.next as string}`);
    expect((second.body.posts as { post: string }[]).map((p) => p.post)).toEqual(['<p>toot to measure</p>']);
    expect(second.body).not.toHaveProperty('next');
  });
});
