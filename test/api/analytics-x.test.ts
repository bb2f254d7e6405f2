import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byoHeaders, startXWorld, type XWorld } from '../fakes/x/fixtures.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { expectSeedShape, SEED_272_ANALYTICS } from '../helpers/seed-analytics.ts';

/** X analytics end to end, signed with the request's BYO keys against the fake X. */
let world: XWorld;
let t: TestHerald;
let keys: Record<string, string>;

beforeAll(async () => {
  world = await startXWorld();
  keys = byoHeaders(world.app);
  t = await startTestHerald({ env: { HERALD_TWITTER_API_URL: world.fake.url } });
  const linked = await t.request(
    'POST',
    '/api/accounts',
    { platform: 'twitter', credentials: world.credentials },
    keys,
  );
  expect(linked.status).toBe(200);
});
afterAll(async () => {
  await t?.stop();
  await world?.fake.close();
});

let counter = 0;
async function publish(extra: Record<string, unknown> = {}): Promise<{ id: string; tweet: string }> {
  counter += 1;
  const res = await t.request(
    'POST',
    '/api/post',
    { post: `tweet number ${counter}`, platforms: ['twitter'], ...extra },
    keys,
  );
  expect(res.status).toBe(200);
  return { id: res.body.id as string, tweet: (res.body.postIds as { id: string }[])[0]?.id as string };
}

describe('POST /api/analytics/post on X', () => {
  it('answers public, non-public and organic metrics, camelCased as Ayrshare’s', async () => {
    const { id, tweet } = await publish();
    world.fake.engagement.set(tweet, {
      like: 7,
      replies: 2,
      reposts: 3,
      quotes: 1,
      saves: 4,
      views: 250,
      clicks: 9,
      follows: 1,
    });
    const res = await t.request('POST', '/api/analytics/post', { id, platforms: ['twitter'] }, keys);
    expect(res.status).toBe(200);
    expect(res.body.twitter).toMatchObject({
      id: tweet,
      postUrl: `https://x.com/heraldtest/status/${tweet}`,
      analytics: {
        post: `tweet number ${counter}`,
        publicMetrics: {
          likeCount: 7,
          replyCount: 2,
          retweetCount: 3,
          quoteCount: 1,
          bookmarkCount: 4,
          impressionCount: 250,
        },
        nonPublicMetrics: { impressionCount: 250, urlLinkClicks: 9, userProfileClicks: 1 },
        organicMetrics: { likeCount: 7, impressionCount: 250 },
      },
    });
  });

  it('without the BYO keys: 419, before any call to X', async () => {
    const { id } = await publish();
    const calls = world.fake.requests.length;
    const res = await t.request('POST', '/api/analytics/post', { id });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ action: 'x_credentials_required', code: 419, platform: 'twitter' });
    expect(world.fake.requests.length).toBe(calls);
  });

  it('a thread answers one result per tweet, in order', async () => {
    const { id } = await publish({ post: 'first part\n\nsecond part', twitterOptions: { thread: true } });
    const res = await t.request('POST', '/api/analytics/post', { id }, keys);
    expect(res.status).toBe(200);
    const parts = res.body.twitter as { analytics: { post: string } }[];
    expect(parts.map((p) => p.analytics.post)).toEqual(['first part', 'second part']);
  });

  it('someone else’s tweet by its id: public metrics only (X names the others it refused)', async () => {
    const other = world.fake.addUser({
      username: 'someoneelse',
      token: 'tok-2',
      tokenSecret: 'sec-2',
      appKey: world.app.key,
    });
    const tweet = world.fake.nextId();
    world.fake.tweets.push({ id: tweet, authorId: other.id, text: 'not ours', mediaIds: [], deleted: false });
    const res = await t.request(
      'POST',
      '/api/analytics/post',
      { id: tweet, platforms: ['twitter'], searchPlatformId: true },
      keys,
    );
    expect(res.status).toBe(200);
    const analytics = (res.body.twitter as { analytics: Record<string, unknown> }).analytics;
    expect(analytics.publicMetrics).toBeDefined();
    expect(analytics).not.toHaveProperty('nonPublicMetrics');
  });

  it('a tweet X cannot find (HTTP 200 with errors) is 607', async () => {
    const res = await t.request(
      'POST',
      '/api/analytics/post',
      { id: '123', platforms: ['twitter'], searchPlatformId: true },
      keys,
    );
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 607, message: 'Post 123 on X/Twitter was not found.' });
  });
});

describe('GET /api/history/twitter', () => {
  it('lists the account’s timeline, a page at a time even below X’s minimum of 5', async () => {
    const first = await t.request('GET', '/api/history/twitter?limit=2', undefined, keys);
    expect(first.status).toBe(200);
    const posts = first.body.posts as { id: string; postUrl: string; likeCount: number }[];
    expect(posts).toHaveLength(2);
    expect(posts[0]?.postUrl).toBe(`https://x.com/heraldtest/status/${posts[0]?.id}`);
    const second = await t.request(
      'GET',
      `/api/history/twitter?limit=2&next=${first.body.next as string}`,
      undefined,
      keys,
    );
    const more = second.body.posts as { id: string }[];
    expect(more).toHaveLength(2);
    expect(more.map((p) => p.id)).not.toContain(posts[0]?.id);
    expect(more.map((p) => p.id)).not.toContain(posts[1]?.id);
    const ids = world.fake
      .tweetsOf(world.user.id)
      .map((tw) => tw.id)
      .reverse();
    expect([...posts, ...more].map((p) => p.id)).toEqual(ids.slice(0, 4));
  });
});

describe('POST /api/analytics/social on X', () => {
  it('the linked account’s public metrics, or another account’s by userName', async () => {
    world.fake.engagement.set(world.user.id, { followers: 321, follows: 45 });
    const own = await t.request('POST', '/api/analytics/social', { platforms: ['twitter'] }, keys);
    expect(own.body).toMatchObject({
      status: 'success',
      twitter: { analytics: { username: 'heraldtest', followersCount: 321, followingCount: 45 } },
    });
    const other = await t.request(
      'POST',
      '/api/analytics/social',
      { platforms: ['twitter'], userName: 'someoneelse' },
      keys,
    );
    expect(other.body).toMatchObject({ twitter: { analytics: { username: 'someoneelse' } } });
  });
});

describe('272: X identity failures on the analytics path', () => {
  it('a suspended account answers the seed’s long 272, field by field, HTTP 400, held for a while', async () => {
    const { id } = await publish();
    world.user.suspended = true;
    try {
      const res = await t.request('POST', '/api/analytics/post', { id }, keys);
      expect(res.status).toBe(400);
      expectSeedShape(res.body, SEED_272_ANALYTICS);
      const calls = world.fake.requests.length;
      expect((await t.request('POST', '/api/analytics/post', { id }, keys)).body).toEqual(res.body);
      expect(world.fake.requests.length).toBe(calls);
    } finally {
      world.user.suspended = false;
    }
  });

  it('keys of another app (401) are the same 272 variant with X’s words', async () => {
    const { id } = await publish();
    const other = world.fake.addApp({ key: 'another-app', secret: 'another-secret' });
    const res = await t.request('POST', '/api/analytics/post', { id }, byoHeaders(other));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ ...SEED_272_ANALYTICS, details: 'Unauthorized' });
  });
});
