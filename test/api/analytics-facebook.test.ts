import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { META } from '../fakes/graph/meta-errors.ts';
import { linkMeta, type MetaHerald, startMetaHerald } from '../fakes/graph/meta-herald.ts';
import { expectSeedShape, SEED_444 } from '../helpers/seed-analytics.ts';

/** Facebook Page analytics end to end: the API → the analytics cache → the connector → the fake Graph API. */
let meta: MetaHerald;
beforeAll(async () => {
  meta = await startMetaHerald();
  await linkMeta(meta, ['facebook']);
});
afterAll(() => meta?.stop());

async function publish(text = `analytics ${randomUUID()}`): Promise<{ id: string; fbId: string }> {
  const res = await meta.t.request('POST', '/api/post', { post: text, platforms: ['facebook'] });
  expect(res.status).toBe(200);
  const [entry] = res.body.postIds as { id: string }[];
  return { id: res.body.id as string, fbId: entry?.id as string };
}

const analytics = (body: Record<string, unknown>) => meta.t.request('POST', '/api/analytics/post', body);

describe('POST /api/analytics/post on Facebook', () => {
  it('answers the post’s fields and insights in Ayrshare’s shape', async () => {
    const { id, fbId } = await publish();
    meta.fake.state.engagementOverrides.set(fbId, {
      views: 1200,
      reach: 800,
      clicks: 31,
      like: 38,
      love: 4,
      wow: 1,
      comments: 13,
      shares: 2,
    });
    const res = await analytics({ id, platforms: ['facebook'], source: 'npm' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'success', id });
    const facebook = res.body.facebook as Record<string, unknown>;
    expect(Object.keys(facebook)).toEqual(['id', 'postUrl', 'analytics', 'lastUpdated', 'nextUpdate']);
    expect(facebook.id).toBe(fbId);
    expect(facebook.postUrl).toMatch(/^https:\/\/www\.facebook\.com\/\d+\/posts\/\d+$/);
    expect(facebook.analytics).toMatchObject({
      likeCount: 43,
      commentsCount: 13,
      sharesCount: 2,
      impressions: 1200,
      impressionsUnique: 800,
      clicks: 31,
      reactions: { like: 38, love: 4, wow: 1, haha: 0, sorry: 0, anger: 0, total: 43 },
    });
    const last = Date.parse(facebook.lastUpdated as string);
    expect(Date.parse(facebook.nextUpdate as string) - last).toBe(600_000);
  });

  it('a second call within nextUpdate answers from the cache: no request reaches Meta', async () => {
    const { id } = await publish();
    const first = await analytics({ id });
    const calls = meta.fake.requests.length;
    const second = await analytics({ id });
    expect(meta.fake.requests.length).toBe(calls);
    expect(second.body).toEqual(first.body);
  });

  it('444: the per-Page throttle (Meta 80001) in the seed’s shape, HTTP 429, then held without asking Meta', async () => {
    const { id, fbId } = await publish();
    meta.fake.failNext('fb.insights', META.pageThrottle);
    const res = await analytics({ id, platforms: ['facebook'] });
    expect(res.status).toBe(429);
    expectSeedShape(res.body, SEED_444, { facebook: { pageId: meta.fake.page.id, id: fbId } });
    const facebook = res.body.facebook as Record<string, unknown>;
    expect(facebook).not.toHaveProperty('relink');
    expect(facebook).not.toHaveProperty('resolution');
    // Herald backs off: five minutes after the first throttle, and asks Meta nothing meanwhile.
    expect(Date.parse(res.body.nextUpdate as string) - Date.parse(res.body.lastUpdated as string)).toBe(
      300_000,
    );
    const insights = meta.fake.count('fb.insights');
    const again = await analytics({ id, platforms: ['facebook'] });
    expect(again.status).toBe(429);
    expect(again.body).toEqual(res.body);
    expect(meta.fake.count('fb.insights')).toBe(insights);
  });

  it('searchPlatformId: a Page post made outside Herald, by its Facebook id', async () => {
    const outside = `${meta.fake.page.id}_${meta.fake.state.id()}`;
    meta.fake.state.posts.set(outside, {
      id: outside,
      pageId: meta.fake.page.id,
      kind: 'post',
      message: 'made on Facebook',
      createdAt: Date.now(),
      attached: [],
    });
    const res = await analytics({ id: outside, platforms: ['facebook'], searchPlatformId: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'success',
      id: outside,
      facebook: { id: outside, analytics: { post: 'made on Facebook' } },
    });
  });

  it('searchPlatformId needs exactly one platform (604), a post of another Page is 607', async () => {
    expect((await analytics({ id: '1_2', searchPlatformId: true })).body).toMatchObject({ code: 604 });
    const res = await analytics({ id: '999_1', platforms: ['facebook'], searchPlatformId: true });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 607, message: 'Post 999_1 on Facebook was not found.' });
  });

  it('682: a token without read_insights asks for a relink naming Facebook', async () => {
    const { id } = await publish();
    meta.fake.failNext('fb.insights', {
      code: 10,
      classic: true,
      message: 'Requires read_insights permission',
    });
    const res = await analytics({ id });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      action: 'authorization',
      code: 682,
      resolution: { relink: true, platform: 'facebook' },
      details: '(#10) Requires read_insights permission',
      platform: 'facebook',
    });
  });
});

describe('POST /api/analytics/social on Facebook', () => {
  it('answers the Page’s counts and 28-day insights', async () => {
    const res = await meta.t.request('POST', '/api/analytics/social', {
      platforms: ['facebook'],
      source: 'npm',
    });
    expect(res.status).toBe(200);
    const e = meta.fake.state.engagement(meta.fake.page.id);
    expect(res.body).toMatchObject({
      status: 'success',
      facebook: {
        analytics: {
          name: 'Herald Test Page',
          fanCount: e.followers,
          followersCount: e.followers + e.follows,
          impressions: e.views * 10,
          follows: e.followers,
        },
        lastUpdated: expect.any(String),
        nextUpdate: expect.any(String),
      },
    });
    expect(meta.fake.requests.at(-1)?.params.period).toBe('days_28');
  });
});

describe('GET /api/history/facebook', () => {
  it('lists the Page’s posts, Herald’s and others, newest first, a page at a time', async () => {
    await publish('through herald');
    const outside = `${meta.fake.page.id}_${meta.fake.state.id()}`;
    meta.fake.state.posts.set(outside, {
      id: outside,
      pageId: meta.fake.page.id,
      kind: 'post',
      message: 'made on Facebook',
      createdAt: Date.now() + 1000,
      attached: [],
    });
    const first = await meta.t.request('GET', '/api/history/facebook?limit=1&platform=facebook&source=npm');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      status: 'success',
      lastUpdated: expect.any(String),
      nextUpdate: expect.any(String),
    });
    const posts = first.body.posts as Record<string, unknown>[];
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({
      id: outside,
      post: 'made on Facebook',
      postUrl: expect.stringContaining('facebook.com'),
      created: expect.any(String),
    });
    expect(posts[0]).toHaveProperty('likeCount');
    expect(posts[0]).toHaveProperty('commentsCount');
    const second = await meta.t.request(
      'GET',
      `/api/history/facebook?limit=1&next=${first.body.next as string}`,
    );
    expect((second.body.posts as Record<string, unknown>[])[0]).toMatchObject({ post: 'through herald' });
  });

  it('444 on the list answers the seed’s shape with the Page', async () => {
    meta.fake.failNext('fb.published_posts', META.pageThrottle);
    const res = await meta.t.request('GET', '/api/history/facebook?limit=7');
    expect(res.status).toBe(429);
    expectSeedShape(res.body, SEED_444, { facebook: { pageId: meta.fake.page.id, id: meta.fake.page.id } });
  });
});
