import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeYouTube, startFakeYouTube } from '../fakes/youtube/server.ts';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { type MediaServer, startMediaServer } from '../helpers/media-server.ts';

/**
 * PATCH /api/post youTubeOptions on a published video: videos.update against the fake
 * YouTube, which (as YouTube documents) erases what an update leaves out of a part.
 */

let yt: FakeYouTube;
let media: MediaServer;
let t: TestHerald;

beforeAll(async () => {
  yt = await startFakeYouTube();
  media = await startMediaServer({ '/clip.mp4': { body: randomBytes(300_000), type: 'video/mp4' } });
  t = await startTestHerald({
    env: { HERALD_YOUTUBE_API_URL: yt.url, HERALD_MEDIA_ALLOW: '127.0.0.1', HERALD_MAX_AUTO_RETRIES: '0' },
  });
  const linked = await t.request('POST', '/api/accounts', {
    platform: 'youtube',
    credentials: { accessToken: yt.token },
  });
  expect(linked.status).toBe(200);
});
afterAll(async () => {
  await t?.stop();
  await yt?.close();
  await media?.close();
});

async function publish(youTubeOptions: Record<string, unknown>): Promise<{ id: string; videoId: string }> {
  const res = await t.request('POST', '/api/post', {
    post: 'The description',
    platforms: ['youtube'],
    mediaUrls: [media.url('/clip.mp4')],
    youTubeOptions,
  });
  expect(res.body.status).toBe('success');
  const [entry] = res.body.postIds as { id: string }[];
  return { id: res.body.id as string, videoId: entry?.id as string };
}

const patch = (body: Record<string, unknown>) => t.request('PATCH', '/api/post', body);

describe('a published YouTube video', () => {
  it('changes title and visibility on YouTube, keeping the description, tags and category', async () => {
    const { id, videoId } = await publish({ title: 'Original', tags: ['herald', 'api'], categoryId: 28 });
    const updates = yt.counts.updates;
    const res = await patch({
      id,
      youTubeOptions: { title: 'Renamed', visibility: 'unlisted' },
      source: 'npm',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'success',
      id,
      updated: ['youTubeOptions'],
      youtube: {
        status: 'success',
        id: videoId,
        postUrl: `https://www.youtube.com/watch?v=${videoId}`,
        title: 'Renamed',
        visibility: 'unlisted',
        description: 'The description',
        tags: ['herald', 'api'],
        categoryId: 28,
      },
    });
    expect(yt.counts.updates).toBe(updates + 1);
    const video = yt.videos.get(videoId);
    expect(video?.snippet).toMatchObject({
      title: 'Renamed',
      description: 'The description',
      tags: ['herald', 'api'],
      categoryId: '28',
    });
    expect(video?.status.privacyStatus).toBe('unlisted');
  });

  it('changes the description and category; a Short keeps #Shorts in a new title', async () => {
    const { id, videoId } = await publish({ title: 'Clip', shorts: true });
    expect(yt.videos.get(videoId)?.snippet.title).toBe('Clip #Shorts');
    const res = await patch({
      id,
      youtubeOptions: { title: 'Better clip', description: 'Now with words', categoryId: 22 },
    });
    expect(res.status).toBe(200);
    expect(yt.videos.get(videoId)?.snippet).toMatchObject({
      title: 'Better clip #Shorts',
      description: 'Now with words',
      categoryId: '22',
    });
  });

  it('a token without the youtube scope: 623 (relink), and nothing stored, notes included', async () => {
    const { id, videoId } = await publish({ title: 'Scoped' });
    yt.scopes.delete('youtube.force-ssl');
    try {
      const res = await patch({ id, youTubeOptions: { title: 'Nope' }, notes: 'should not stay' });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ status: 'error', id });
      const [error] = res.body.errors as Record<string, unknown>[];
      expect(error).toMatchObject({ action: 'update', code: 623, relink: true, platform: 'youtube' });
      expect(error?.details).toBe('insufficientPermissions: Request had insufficient authentication scopes.');
    } finally {
      yt.scopes.add('youtube.force-ssl');
    }
    expect(yt.videos.get(videoId)?.snippet.title).toBe('Scoped');
    expect((await t.request('GET', `/api/post/${id}`)).body.notes).toBeUndefined();
  });

  it('a video deleted on YouTube: 176 (HTTP 500, as the seed has it) naming it', async () => {
    const { id, videoId } = await publish({ title: 'Gone soon' });
    yt.videos.delete(videoId);
    const res = await patch({ id, youTubeOptions: { visibility: 'public' } });
    expect(res.status).toBe(500);
    const [error] = res.body.errors as Record<string, unknown>[];
    expect(error).toMatchObject({ code: 176, platform: 'youtube', action: 'update' });
    expect(error?.details).toContain(`videoNotFound: YouTube lists no video ${videoId}`);
  });

  it('refuses fields it cannot change (675), bad values (604), text or dates of a sent post (675)', async () => {
    const { id } = await publish({ title: 'Fixed' });
    const thumb = await patch({ id, youTubeOptions: { thumbNail: 'https://example.com/t.png' } });
    expect(thumb.body).toMatchObject({ code: 675 });
    expect(thumb.body.message).toContain('youTubeOptions.thumbNail cannot be changed');
    expect((await patch({ id, youTubeOptions: { visibility: 'secret' } })).body.code).toBe(604);
    expect((await patch({ id, youTubeOptions: { title: 'x'.repeat(101) } })).body.code).toBe(604);
    expect((await patch({ id, youTubeOptions: { title: 'ok' }, post: 'new text' })).body.code).toBe(675);
  });
});

describe('a YouTube video not sent yet', () => {
  it('its stored youTubeOptions change, and it is uploaded with them', async () => {
    const date = new Date(Date.now() + 2000);
    const res = await t.request('POST', '/api/post', {
      post: 'Later',
      platforms: ['youtube'],
      mediaUrls: [media.url('/clip.mp4')],
      scheduleDate: date.toISOString(),
      youTubeOptions: { title: 'Draft title' },
    });
    const id = res.body.id as string;
    expect((await patch({ id, youTubeOptions: { description: 'no' } })).body.code).toBe(604);
    const changed = await patch({ id, youTubeOptions: { title: 'Final title', visibility: 'public' } });
    expect(changed.body).toMatchObject({ status: 'success', updated: ['youTubeOptions'] });
    await vi.waitFor(
      async () => expect((await t.request('GET', `/api/post/${id}`)).body.status).toBe('success'),
      { timeout: 20_000, interval: 100 },
    );
    const view = await t.request('GET', `/api/post/${id}`);
    const [entry] = view.body.postIds as { id: string }[];
    expect(yt.videos.get(entry?.id as string)?.snippet.title).toBe('Final title');
    expect(yt.videos.get(entry?.id as string)?.status.privacyStatus).toBe('public');
  });
});

describe('a sandbox YouTube account', () => {
  it('takes the same changes without a network', async () => {
    const profile = await t.request('POST', '/api/profiles', { title: 'YouTube sandbox' });
    const key = profile.body.profileKey as string;
    await linkSandbox(t, ['youtube'], { 'Profile-Key': key });
    const res = await t.request(
      'POST',
      '/api/post',
      {
        post: 'Sandboxed',
        platforms: ['youtube'],
        mediaUrls: ['https://example.com/v.mp4'],
        youTubeOptions: { title: 'Sandbox' },
      },
      { 'Profile-Key': key },
    );
    expect(res.body.status).toBe('success');
    const changed = await t.request(
      'PATCH',
      '/api/post',
      { id: res.body.id, youTubeOptions: { title: 'Sandbox renamed' } },
      { 'Profile-Key': key },
    );
    expect(changed.body).toMatchObject({ status: 'success', youtube: { title: 'Sandbox renamed' } });
  });
});
