import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedditWorld, startRedditWorld } from '../fakes/reddit/fixtures.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

/** Reddit analytics end to end against the fake Reddit. */
let world: RedditWorld;
let t: TestHerald;

beforeAll(async () => {
  world = await startRedditWorld();
  t = await startTestHerald({
    env: { HERALD_REDDIT_API_URL: world.fake.url, HERALD_REDDIT_AUTH_URL: world.fake.url },
  });
  expect(
    (await t.request('POST', '/api/accounts', { platform: 'reddit', credentials: world.credentials })).status,
  ).toBe(200);
});
afterAll(async () => {
  await t?.stop();
  await world?.fake.close();
});

async function publish(title: string): Promise<{ id: string; fullname: string }> {
  const res = await t.request('POST', '/api/post', {
    post: 'body',
    platforms: ['reddit'],
    redditOptions: { title, subreddit: 'test' },
  });
  expect(res.status).toBe(200);
  return { id: res.body.id as string, fullname: (res.body.postIds as { id: string }[])[0]?.id as string };
}

describe('Reddit analytics', () => {
  it('a post: score, upvote ratio and comments from /api/info', async () => {
    const { id, fullname } = await publish('Measured on Reddit');
    world.fake.engagement.set(fullname.replace(/^t3_/, ''), { like: 42, comments: 9, reposts: 1 });
    const res = await t.request('POST', '/api/analytics/post', { id });
    expect(res.status).toBe(200);
    expect(res.body.reddit).toMatchObject({
      id: fullname,
      postUrl: expect.stringMatching(/^https:\/\/www\.reddit\.com\/r\/test\/comments\//),
      analytics: {
        title: 'Measured on Reddit',
        subreddit: 'test',
        score: 42,
        ups: 42,
        upvoteRatio: 0.93,
        numComments: 9,
        numCrossposts: 1,
      },
    });
  });

  it('an id Reddit does not know (an empty Listing) is 607; a bare id is read as its fullname', async () => {
    const res = await t.request('POST', '/api/analytics/post', {
      id: 'zzzzzz',
      platforms: ['reddit'],
      searchPlatformId: true,
    });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 607, message: 'Post t3_zzzzzz on Reddit was not found.' });
  });

  it('an expired token is renewed once, as for publishing', async () => {
    const { id } = await publish('After expiry');
    world.user.token = 'expired-by-the-test';
    const res = await t.request('POST', '/api/analytics/post', { id });
    expect(res.status).toBe(200);
    expect(world.fake.calls('POST', '/api/v1/access_token')).toBeGreaterThan(0);
  });

  it('a token without the history scope: 682 on history', async () => {
    world.user.scopes = new Set(['identity', 'submit', 'read']);
    try {
      const res = await t.request('GET', '/api/history/reddit?limit=3');
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 682, platform: 'reddit' });
    } finally {
      world.user.scopes = undefined;
    }
  });

  it('the account’s karma', async () => {
    const res = await t.request('POST', '/api/analytics/social', { platforms: ['reddit'] });
    expect(res.body).toMatchObject({ reddit: { analytics: { name: 'herald_tester', totalKarma: 1 } } });
  });

  it('history: the account’s submissions, newest first, paged by `after`', async () => {
    const first = await t.request('GET', '/api/history/reddit?limit=1&next=');
    expect(first.status).toBe(400);
    const page = await t.request('GET', '/api/history/reddit?limit=1');
    expect(page.body.posts).toEqual([
      expect.objectContaining({
        post: 'After expiry',
        postUrl: expect.any(String),
        likeCount: expect.any(Number),
      }),
    ]);
    const next = await t.request('GET', `/api/history/reddit?limit=1&next=${page.body.next as string}`);
    expect(next.body.posts).toEqual([expect.objectContaining({ post: 'Measured on Reddit' })]);
  });
});
