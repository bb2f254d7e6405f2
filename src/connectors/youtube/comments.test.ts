import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedAccountOf, testContext } from '../../../test/contract/connector-contract.ts';
import { type FakeYouTube, startFakeYouTube } from '../../../test/fakes/youtube/server.ts';
import { classify } from '../shared/error-table.ts';
import type { CommentWrite, LinkedAccount } from '../types.ts';
import { YOUTUBE_COMMENT_ERRORS } from './comment-errors.ts';
import { youtubeComments as comments } from './comments.ts';
import { createYoutubeConnector } from './connector.ts';

/** YouTube comments against the fake Data API: threads, replies, reads, deletes, and what each costs. */

let yt: FakeYouTube;
let account: LinkedAccount;

function video(id: string, channelId = 'UC_fake_channel_0001') {
  yt.videos.set(id, {
    id,
    snippet: { title: id, description: '', channelId },
    status: { uploadStatus: 'uploaded', privacyStatus: 'public', selfDeclaredMadeForKids: false },
    bytes: Buffer.alloc(0),
  });
  return id;
}

function fan(id: string, videoId: string, text: string, parentId?: string) {
  yt.comments.set(id, {
    id,
    videoId,
    channelId: yt.videos.get(videoId)?.snippet.channelId ?? '',
    ...(parentId ? { parentId } : {}),
    authorChannelId: 'UC_fan',
    authorDisplayName: '@fan',
    text,
    publishedAt: Date.now() - 1000,
    likeCount: 2,
  });
}

const ctx = () => testContext(yt.url);
const write = (postId: string, text: string, extra: Partial<CommentWrite> = {}): CommentWrite => ({
  key: 'k',
  text,
  media: [],
  account,
  postId,
  ...extra,
});

beforeAll(async () => {
  yt = await startFakeYouTube();
  account = linkedAccountOf(
    await createYoutubeConnector().verifyCredentials({ accessToken: yt.token }, ctx()),
  );
});
afterAll(() => yt?.close());

describe('YouTube comments', () => {
  it('a thread on the video (its channel read first), a reply, reads with replies, deletes; quota as documented', async () => {
    const id = video('vidComment01');
    fan('UgzFan0001', id, 'Nice video');
    const before = yt.quota.used;
    const commented = await comments.comment(write(id, 'Thanks for watching'), ctx());
    expect(commented).toMatchObject({ kind: 'commented', id: expect.stringMatching(/^Ugz/) });
    // videos.list (1) + commentThreads.insert (50).
    expect(yt.quota.used - before).toBe(51);
    const top = (commented as { id: string }).id;

    const replied = await comments.reply({ ...write(id, 'Thank you!'), parentId: 'UgzFan0001' }, ctx());
    expect(replied).toMatchObject({ kind: 'commented', id: expect.stringMatching(/^UgzFan0001\./) });

    const listed = await comments.list({ id, of: 'post', account }, ctx());
    expect(listed).toEqual({
      kind: 'listed',
      comments: [
        expect.objectContaining({
          commentId: top,
          comment: 'Thanks for watching',
          from: { id: 'UC_fake_channel_0001', username: '@heraldtest' },
          postId: id,
        }),
        expect.objectContaining({
          commentId: 'UgzFan0001',
          from: { id: 'UC_fan', username: '@fan' },
          likeCount: 2,
          replies: [expect.objectContaining({ comment: 'Thank you!', postId: 'UgzFan0001' })],
          extra: { replyCount: 1 },
        }),
      ],
    });
    const replies = await comments.list({ id: 'UgzFan0001', of: 'comment', account }, ctx());
    expect(replies).toMatchObject({ kind: 'listed', comments: [{ comment: 'Thank you!' }] });

    expect(await comments.delete({ commentId: top, account }, ctx())).toEqual({ kind: 'deleted' });
    expect(yt.comments.has(top)).toBe(false);
    expect(await comments.delete({ commentId: top, account }, ctx())).toEqual({ kind: 'deleted' });
  });

  it('follows nextPageToken (threads of 100) to the end', async () => {
    const id = video('vidBusy0001');
    for (let i = 0; i < 230; i += 1) fan(`UgzBusy${i}`, id, `comment ${i}`);
    const listed = await comments.list({ id, of: 'post', account }, ctx());
    expect(listed.kind === 'listed' && listed.comments.length).toBe(230);
  });

  it('comments turned off on the video: 622 through the table (reason commentsDisabled)', async () => {
    const id = video('vidClosed01');
    yt.commentsDisabled.add(id);
    const out = await comments.comment(write(id, 'hello?'), ctx());
    expect(out).toMatchObject({
      kind: 'failed',
      error: { code: 622, platform: 'youtube', details: expect.stringContaining('commentsDisabled') },
    });
    const read = await comments.list({ id, of: 'post', account }, ctx());
    expect(read).toMatchObject({ kind: 'failed', error: { code: 622 } });
  });

  it('a token without youtube.force-ssl: 623 (relink with it)', async () => {
    const id = video('vidScope001');
    yt.scopes.delete('youtube.force-ssl');
    try {
      const out = await comments.comment(write(id, 'no scope'), ctx());
      expect(out).toMatchObject({
        kind: 'failed',
        error: { code: 623, details: expect.stringContaining('insufficientPermissions') },
      });
    } finally {
      yt.scopes.add('youtube.force-ssl');
    }
  });

  it('the project’s daily quota spent: 628', async () => {
    const id = video('vidQuota001');
    const { limit } = yt.quota;
    yt.quota.limit = yt.quota.used + 1;
    try {
      const out = await comments.comment(write(id, 'too late today'), ctx());
      expect(out).toMatchObject({ kind: 'failed', error: { code: 628, platform: 'youtube' } });
    } finally {
      yt.quota.limit = limit;
    }
  });

  it('an answer lost after YouTube made the thread is unknown (the core reconciles)', async () => {
    const id = video('vidLost0001');
    yt.failNext('threads', { lost: true });
    const out = await comments.comment(write(id, 'lost'), ctx());
    expect(out.kind).toBe('unknown');
    expect([...yt.comments.values()].filter((c) => c.videoId === id)).toHaveLength(1);
  });
});

describe('YOUTUBE_COMMENT_ERRORS', () => {
  it.each([
    [{ status: 403, code: 'commentsDisabled' }, 622],
    [{ status: 403, code: 'forbidden' }, 623],
    [{ status: 403, code: 'insufficientPermissions' }, 623],
    [{ status: 403, code: 'ineligibleAccount' }, 627],
    [{ status: 400, code: 'commentTextTooLong' }, 622],
    [{ status: 404, code: 'parentCommentNotFound' }, 622],
    [{ status: 403, code: 'quotaExceeded' }, 628],
    [{ status: 429, code: 'ZERO_QUOTA' }, 646],
    [{ status: 403, code: 'rateLimitExceeded' }, 624],
    [{ status: 401, code: 'authError' }, 623],
    [{ status: 503, code: 'backendError' }, 625],
    [{ status: 0 }, 625],
    [{ status: 400, code: 'somethingNew' }, 621],
  ])('%j → %i', (signal, code) => {
    expect(classify(YOUTUBE_COMMENT_ERRORS, signal)?.maps.code).toBe(code);
  });
});
