import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { YOUTUBE_FAILURES } from '../fakes/youtube/errors.ts';
import { type FakeYouTube, startFakeYouTube } from '../fakes/youtube/server.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { type MediaServer, startMediaServer } from '../helpers/media-server.ts';

/** YouTube analytics end to end: the Data API and the YouTube Analytics API, both on one fake. */
let yt: FakeYouTube;
let media: MediaServer;
let t: TestHerald;

beforeAll(async () => {
  yt = await startFakeYouTube();
  media = await startMediaServer({ '/clip.mp4': { body: randomBytes(300_000), type: 'video/mp4' } });
  t = await startTestHerald({
    env: {
      HERALD_YOUTUBE_API_URL: yt.url,
      HERALD_YOUTUBE_ANALYTICS_API_URL: yt.url,
      HERALD_MEDIA_ALLOW: '127.0.0.1',
      HERALD_MAX_AUTO_RETRIES: '0',
    },
  });
  expect(
    (
      await t.request('POST', '/api/accounts', {
        platform: 'youtube',
        credentials: { accessToken: yt.token },
      })
    ).status,
  ).toBe(200);
});
afterAll(async () => {
  await t?.stop();
  await yt?.close();
  await media?.close();
});

async function publish(): Promise<{ id: string; video: string }> {
  const res = await t.request('POST', '/api/post', {
    post: 'A video to measure',
    platforms: ['youtube'],
    mediaUrls: [media.url('/clip.mp4')],
    youTubeOptions: { title: 'Measured' },
  });
  expect(res.status).toBe(200);
  return { id: res.body.id as string, video: (res.body.postIds as { id: string }[])[0]?.id as string };
}

describe('YouTube analytics', () => {
  it('a video: public statistics (numbers, not Google’s strings) and the owner’s report since publication', async () => {
    const { id, video } = await publish();
    yt.engagement.set(video, { views: 1234, like: 56, comments: 7, shares: 3, follows: 4 });
    const res = await t.request('POST', '/api/analytics/post', { id });
    expect(res.status).toBe(200);
    expect(res.body.youtube).toMatchObject({
      id: video,
      postUrl: `https://www.youtube.com/watch?v=${video}`,
      analytics: {
        title: 'Measured',
        description: 'A video to measure',
        views: 1234,
        likes: 56,
        comments: 7,
        estimatedMinutesWatched: 1851,
        averageViewDuration: 42,
        subscribersGained: 4,
        shares: 3,
      },
    });
  });

  it('another channel’s video: public statistics only (the Analytics API answers 403 forbidden)', async () => {
    const missing = await t.request('POST', '/api/analytics/post', {
      id: 'noSuchVideo',
      platforms: ['youtube'],
      searchPlatformId: true,
    });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 607, message: 'Video noSuchVideo on YouTube was not found.' });
    yt.foreign.set('dQw4w9WgXcQ', {
      id: 'dQw4w9WgXcQ',
      publishedAt: '2009-10-25T06:57:33Z',
      snippet: { title: 'Elsewhere', description: 'not ours', channelId: 'UC_other' },
      status: { uploadStatus: 'uploaded', privacyStatus: 'public', selfDeclaredMadeForKids: false },
      bytes: Buffer.alloc(0),
    });
    yt.engagement.set('dQw4w9WgXcQ', { views: 1_500_000_000 });
    const res = await t.request('POST', '/api/analytics/post', {
      id: 'dQw4w9WgXcQ',
      platforms: ['youtube'],
      searchPlatformId: true,
    });
    expect(res.status).toBe(200);
    const analytics = (res.body.youtube as { analytics: Record<string, unknown> }).analytics;
    expect(analytics).toMatchObject({ title: 'Elsewhere', views: 1_500_000_000 });
    expect(analytics).not.toHaveProperty('estimatedMinutesWatched');
  });

  it('a token without yt-analytics.readonly: 682', async () => {
    const { id } = await publish();
    yt.scopes.delete('yt-analytics.readonly');
    try {
      const res = await t.request('POST', '/api/analytics/post', { id });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        code: 682,
        platform: 'youtube',
        details: 'insufficientPermissions: Insufficient Permission',
      });
    } finally {
      yt.scopes.add('yt-analytics.readonly');
    }
  });

  it('the project’s daily quota spent: 628, held without spending more calls', async () => {
    const { id } = await publish();
    yt.failNext('videos', YOUTUBE_FAILURES.quotaExceeded());
    const res = await t.request('POST', '/api/analytics/post', { id });
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ code: 628 });
    const calls = yt.calls.length;
    expect((await t.request('POST', '/api/analytics/post', { id })).status).toBe(429);
    expect(yt.calls.length).toBe(calls);
  });

  it('the channel: subscribers, views and videos, and the last 28 days’ report', async () => {
    yt.engagement.set('UC_fake_channel_0001', { followers: 9876, views: 100 });
    const res = await t.request('POST', '/api/analytics/social', { platforms: ['youtube'] });
    expect(res.status).toBe(200);
    expect(res.body.youtube).toMatchObject({
      analytics: {
        title: 'Herald Test Channel',
        subscriberCount: 9876,
        viewCount: 5000,
        views: 100,
        startDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        endDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      },
    });
  });

  it('history: the uploads playlist, newest first, with each video’s counts, paged', async () => {
    yt.external.set('studioVideo1', {
      id: 'studioVideo1',
      publishedAt: new Date().toISOString(),
      snippet: {
        title: 'Made in Studio',
        description: 'not through Herald',
        channelId: 'UC_fake_channel_0001',
      },
      status: { uploadStatus: 'uploaded', privacyStatus: 'public', selfDeclaredMadeForKids: false },
      bytes: Buffer.alloc(0),
    });
    const first = await t.request('GET', '/api/history/youtube?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.posts).toEqual([
      expect.objectContaining({
        id: 'studioVideo1',
        title: 'Made in Studio',
        postUrl: 'https://www.youtube.com/watch?v=studioVideo1',
        viewCount: expect.any(Number),
      }),
    ]);
    const second = await t.request('GET', `/api/history/youtube?limit=1&next=${first.body.next as string}`);
    expect((second.body.posts as { title: string }[])[0]?.title).toBe('Measured');
  });
});
