import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { META } from '../fakes/graph/meta-errors.ts';
import { linkMeta, type MetaHerald, startMetaHerald } from '../fakes/graph/meta-herald.ts';
import { type MediaHost, startMediaHost } from '../fakes/media-server/server.ts';

/** Instagram and Threads analytics end to end against the fake Graph API. */
let meta: MetaHerald;
let host: MediaHost;
beforeAll(async () => {
  host = await startMediaHost();
  meta = await startMetaHerald();
  await linkMeta(meta, ['instagram', 'threads']);
});
afterAll(async () => {
  await meta?.stop();
  await host?.close();
});

async function publish(platforms: string[]): Promise<{ id: string; ids: Record<string, string> }> {
  const res = await meta.t.request('POST', '/api/post', {
    post: `analytics ${randomUUID()}`,
    platforms,
    mediaUrls: [host.url('/photo.jpg')],
  });
  expect(res.status).toBe(200);
  const ids = Object.fromEntries(
    (res.body.postIds as { platform: string; id: string }[]).map((p) => [p.platform, p.id]),
  );
  return { id: res.body.id as string, ids };
}

describe('Instagram', () => {
  it('post analytics: the media’s fields and insights under Ayrshare’s names', async () => {
    const { id, ids } = await publish(['instagram']);
    const media = ids.instagram as string;
    meta.fake.state.engagementOverrides.set(media, {
      views: 900,
      reach: 700,
      like: 50,
      comments: 6,
      shares: 3,
      saves: 9,
    });
    const res = await meta.t.request('POST', '/api/analytics/post', { id });
    expect(res.status).toBe(200);
    expect(res.body.instagram).toMatchObject({
      id: media,
      postUrl: expect.stringContaining('instagram.com'),
      analytics: {
        caption: expect.stringContaining('analytics'),
        commentsCount: 6,
        engagementCount: 68,
        likeCount: 50,
        mediaProductType: 'FEED',
        reachCount: 700,
        savedCount: 9,
        sharesCount: 3,
        viewsCount: 900,
      },
    });
    const insights = meta.fake.requests.find((r) => r.route === 'ig.insights');
    expect(insights?.params.metric).toBe('reach,saved,likes,comments,shares,total_interactions,views');
  });

  it('80002 (Instagram’s throttle) is a rate limit, held without asking Meta again', async () => {
    const { id } = await publish(['instagram']);
    meta.fake.failNext('ig.insights', {
      code: 80002,
      classic: true,
      message: 'There have been too many calls to this Instagram account.',
    });
    const res = await meta.t.request('POST', '/api/analytics/post', { id });
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ code: 624, action: 'rate limit', platform: 'instagram' });
    const calls = meta.fake.count('ig.insights');
    expect((await meta.t.request('POST', '/api/analytics/post', { id })).status).toBe(429);
    expect(meta.fake.count('ig.insights')).toBe(calls);
  });

  it('social analytics: followers and account insights (metric_type=total_value)', async () => {
    const res = await meta.t.request('POST', '/api/analytics/social', { platforms: ['instagram'] });
    const e = meta.fake.state.engagement(meta.fake.instagram.id);
    expect(res.body).toMatchObject({
      status: 'success',
      instagram: {
        analytics: {
          username: 'herald.test',
          followersCount: e.followers,
          mediaCount: e.mediaCount,
          reachCount: e.reach * 4,
        },
      },
    });
    expect(meta.fake.requests.find((r) => r.route === 'ig.user_insights')?.params).toMatchObject({
      metric_type: 'total_value',
      period: 'day',
    });
  });

  it('history lists the account’s media with like and comment counts, paged', async () => {
    const first = await meta.t.request('GET', '/api/history/instagram?limit=1');
    expect(first.status).toBe(200);
    const [item] = first.body.posts as Record<string, unknown>[];
    expect(item).toMatchObject({
      id: expect.any(String),
      post: expect.any(String),
      postUrl: expect.any(String),
      likeCount: expect.any(Number),
      commentsCount: expect.any(Number),
    });
    expect(first.body.next).toEqual(expect.any(String));
    const second = await meta.t.request(
      'GET',
      `/api/history/instagram?limit=1&next=${first.body.next as string}`,
    );
    expect((second.body.posts as { id: string }[])[0]?.id).not.toBe(item?.id);
  });
});

describe('Threads', () => {
  it('post analytics: views, likes, replies, reposts, quotes, shares', async () => {
    const { id, ids } = await publish(['threads']);
    const thread = ids.threads as string;
    meta.fake.state.engagementOverrides.set(thread, {
      views: 321,
      like: 12,
      replies: 4,
      reposts: 2,
      quotes: 1,
      shares: 5,
    });
    const res = await meta.t.request('POST', '/api/analytics/post', { id, platforms: ['threads'] });
    expect(res.body.threads).toMatchObject({
      id: thread,
      analytics: { views: 321, likes: 12, replies: 4, reposts: 2, quotes: 1, shares: 5 },
    });
  });

  it('social analytics: followers_count and the latest day of views', async () => {
    const res = await meta.t.request('POST', '/api/analytics/social', { platforms: ['threads'] });
    const e = meta.fake.state.engagement(meta.fake.threads.id);
    expect(res.body).toMatchObject({
      threads: { analytics: { followersCount: e.followers, views: e.views * 5 } },
    });
  });

  it('a missing threads_manage_insights is 682', async () => {
    const { id } = await publish(['threads']);
    meta.fake.failNext('th.insights', {
      code: 10,
      classic: true,
      message: 'Application does not have permission for this action',
    });
    const res = await meta.t.request('POST', '/api/analytics/post', { id });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 682, resolution: { relink: true, platform: 'threads' } });
  });

  it('both networks in one call: each under its key, a failure beside a success', async () => {
    const { id } = await publish(['instagram', 'threads']);
    meta.fake.failNext('th.insights', META.unknownError);
    const res = await meta.t.request('POST', '/api/analytics/post', { id });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      status: 'error',
      instagram: { analytics: expect.any(Object) },
      threads: { code: 625, platform: 'threads' },
      httpErrorCode: 625,
    });
  });
});
