import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeYouTube, startFakeYouTube } from '../fakes/youtube/server.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { type MediaServer, startMediaServer } from '../helpers/media-server.ts';

/** YouTube comments end to end: a video published through Herald, then commented on through the API. */

let yt: FakeYouTube;
let media: MediaServer;
let t: TestHerald;

beforeAll(async () => {
  yt = await startFakeYouTube();
  media = await startMediaServer({ '/clip.mp4': { body: randomBytes(300_000), type: 'video/mp4' } });
  t = await startTestHerald({ env: { HERALD_YOUTUBE_API_URL: yt.url, HERALD_MEDIA_ALLOW: '127.0.0.1' } });
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

async function publish(extra: Record<string, unknown> = {}) {
  const res = await t.request('POST', '/api/post', {
    post: 'A video with comments',
    platforms: ['youtube'],
    mediaUrls: [media.url('/clip.mp4')],
    youTubeOptions: { title: 'Comments e2e' },
    ...extra,
  });
  expect(res.status).toBe(200);
  return { id: String(res.body.id), video: (res.body.postIds as { id: string }[])[0]?.id as string };
}

const onVideo = (id: string) => [...yt.comments.values()].filter((c) => c.videoId === id);

describe('YouTube comments through the API', () => {
  it('comments, reads, replies and deletes', async () => {
    const post = await publish();
    const res = await t.request('POST', '/api/comments', { id: post.id, comment: 'Pinned thoughts' });
    expect(res.status).toBe(200);
    const top = (res.body.youtube as { commentId: string }).commentId;
    expect(onVideo(post.video)).toMatchObject([{ id: top, text: 'Pinned thoughts' }]);

    const replied = await t.request('POST', '/api/comments/reply', {
      commentId: res.body.commentId,
      comment: 'Replying to myself',
    });
    expect(replied.body).toMatchObject({ status: 'success', youtube: { sourceCommentId: top } });

    const read = await t.request('GET', `/api/comments/${post.id}`);
    expect(read.body.youtube).toEqual([
      expect.objectContaining({
        commentId: top,
        comment: 'Pinned thoughts',
        platform: 'youtube',
        replies: [expect.objectContaining({ comment: 'Replying to myself' })],
      }),
    ]);

    const deleted = await t.request('DELETE', `/api/comments/${post.id}`, {});
    expect(deleted.body).toMatchObject({
      status: 'success',
      youtube: [{ action: 'delete' }, { action: 'delete' }],
    });
    expect(onVideo(post.video)).toEqual([]);
  });

  it('comments turned off: the network’s 622 in errors[], with YouTube’s reason', async () => {
    const post = await publish();
    yt.commentsDisabled.add(post.video);
    const res = await t.request('POST', '/api/comments', { id: post.id, comment: 'closed' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      status: 'error',
      errors: [
        {
          code: 622,
          platform: 'youtube',
          action: 'comment',
          details: expect.stringContaining('commentsDisabled'),
        },
      ],
    });
  });

  it('a lost answer after YouTube made the thread: found among the video’s comments, never sent twice', async () => {
    const post = await publish();
    yt.failNext('threads', { lost: true });
    const res = await t.request('POST', '/api/comments', { id: post.id, comment: 'Once only' });
    expect(res.body).toMatchObject({ status: 'success', youtube: { comment: 'Once only' } });
    expect(onVideo(post.video)).toHaveLength(1);
  });

  it('a firstComment on YouTube is posted once the video is live', async () => {
    const post = await publish({ firstComment: { comment: 'First on YouTube' } });
    await expect.poll(() => onVideo(post.video).map((c) => c.text)).toEqual(['First on YouTube']);
  });
});
