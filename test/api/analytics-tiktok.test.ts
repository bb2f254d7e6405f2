import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeTikTok, startFakeTikTok } from '../fakes/tiktok/server.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { type MediaServer, startMediaServer } from '../helpers/media-server.ts';

/** TikTok analytics end to end through the Display API of the fake TikTok. */
/** A real MP4 (encoder output): Herald probes every video with ffprobe before it goes out. */
const VIDEO = readFileSync(new URL('../fixtures/media/vertical-360x640.mp4', import.meta.url));

let fake: FakeTikTok;
let media: MediaServer;
let t: TestHerald;

beforeAll(async () => {
  fake = await startFakeTikTok();
  fake.autoPublish = false;
  media = await startMediaServer({ '/clip.mp4': { body: VIDEO, type: 'video/mp4' } });
  t = await startTestHerald({
    env: { HERALD_TIKTOK_API_URL: fake.url, HERALD_MEDIA_ALLOW: '127.0.0.1', HERALD_MAX_AUTO_RETRIES: '0' },
  });
  expect(
    (
      await t.request('POST', '/api/accounts', {
        platform: 'tiktok',
        credentials: { accessToken: fake.token },
      })
    ).status,
  ).toBe(200);
  fake.appVideos.push(
    { id: '7300000000000000001', title: 'made in the app, first', createTime: 1_700_000_000 },
    { id: '7300000000000000002', title: 'made in the app, second', createTime: 1_700_000_600 },
  );
});
afterAll(async () => {
  await t?.stop();
  await fake?.close();
  await media?.close();
});

describe('TikTok analytics', () => {
  it('a video by its TikTok id: views, likes, comments, shares (video.query)', async () => {
    fake.engagement.set('7300000000000000001', { views: 5000, like: 300, comments: 20, shares: 11 });
    const res = await t.request('POST', '/api/analytics/post', {
      id: '7300000000000000001',
      platforms: ['tiktok'],
      searchPlatformId: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.tiktok).toMatchObject({
      id: '7300000000000000001',
      postUrl: 'https://www.tiktok.com/@herald.creator/video/7300000000000000001',
      analytics: {
        post: 'made in the app, first',
        videoViews: 5000,
        likes: 300,
        comments: 20,
        shareCount: 11,
      },
    });
  });

  it('a post still processing at TikTok (id pending) has no analytics yet: 681, before any call', async () => {
    const res = await t.request('POST', '/api/post', {
      post: 'pending video',
      platforms: ['tiktok'],
      mediaUrls: [media.url('/clip.mp4')],
    });
    expect((res.body.postIds as { id: string }[])[0]?.id).toBe('pending');
    const before = fake.counts;
    const analytics = await t.request('POST', '/api/analytics/post', { id: res.body.id });
    expect(analytics.status).toBe(400);
    expect(analytics.body).toMatchObject({
      code: 681,
      message: 'The post is not published on TikTok (its state there is pending), so it has no analytics.',
    });
    expect(fake.counts).toEqual(before);
  });

  it('a token without video.list: 682 (re-link granting the analytics scopes)', async () => {
    fake.scopes.delete('video.list');
    try {
      const res = await t.request('POST', '/api/analytics/post', {
        id: '7300000000000000002',
        platforms: ['tiktok'],
        searchPlatformId: true,
      });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        code: 682,
        platform: 'tiktok',
        resolution: { relink: true, platform: 'tiktok' },
      });
    } finally {
      fake.scopes.add('video.list');
    }
  });

  it('the creator’s counts (user.info.stats)', async () => {
    fake.engagement.set(fake.creator.openId, { followers: 4242, follows: 17 });
    const res = await t.request('POST', '/api/analytics/social', { platforms: ['tiktok'] });
    expect(res.body).toMatchObject({
      tiktok: {
        analytics: { username: 'herald.creator', followerCount: 4242, followingCount: 17, videoCount: 2 },
      },
    });
  });

  it('history: video.list newest first, the cursor a time in milliseconds', async () => {
    const first = await t.request('GET', '/api/history/tiktok?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.posts).toEqual([
      expect.objectContaining({ id: '7300000000000000002', post: 'made in the app, second' }),
    ]);
    expect(first.body.next).toBe(String(1_700_000_600_000));
    const second = await t.request('GET', `/api/history/tiktok?limit=1&next=${first.body.next as string}`);
    expect(second.body.posts).toEqual([expect.objectContaining({ id: '7300000000000000001' })]);
    expect(second.body).not.toHaveProperty('next');
  });
});
