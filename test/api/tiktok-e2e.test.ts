import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstComment } from '../../src/jobs/first-comment.ts';
import { pollTarget } from '../../src/jobs/poll-target.ts';
import type { FakeTikTok } from '../fakes/tiktok/server.ts';
import { signedWebhook, tiktokError } from '../fakes/tiktok/wire.ts';
import type { TestHerald } from '../helpers/herald.ts';
import type { MediaServer } from '../helpers/media-server.ts';
import { startTikTokHerald, TIKTOK_SECRET, type TikTokHerald } from '../helpers/tiktok-herald.ts';
import { startWebhookReceiver } from '../helpers/webhook-receiver.ts';

/**
 * TikTok end to end: a post answers `pending`, TikTok's signed webhook (or the poll
 * job) settles it with the real id, and the first comment is posted exactly once,
 * however often the webhook is delivered and whatever the poll does meanwhile.
 */

const SECRET = TIKTOK_SECRET;
/** A poll run by the test, not by a job: any poll job of the target counts as another. */
const NO_JOB = { id: '0' };

let fake: FakeTikTok;
let media: MediaServer;
let t: TestHerald;
let tiktok: TikTokHerald | undefined;

beforeAll(async () => {
  tiktok = await startTikTokHerald({ HERALD_TIKTOK_DAILY_BUDGET: '1000' });
  ({ fake, media, t } = tiktok);
});
afterAll(async () => {
  await tiktok?.stop();
});

function post(extra: Record<string, unknown> = {}) {
  return t.request('POST', '/api/post', {
    post: 'TikTok from Herald',
    platforms: ['tiktok'],
    mediaUrls: [media.url('/clip.mp4')],
    ...extra,
  });
}

async function targetOf(postId: string) {
  const { rows } = await t.herald.app.pool.query<{
    id: string;
    state: string;
    extra: { ref?: string } | null;
  }>('SELECT id, state, extra FROM targets WHERE post_id = $1', [postId]);
  const target = rows[0];
  if (!target) throw new Error(`no target for ${postId}`);
  return target;
}

function deliver(
  event: string,
  content: Record<string, unknown>,
  options: { secret?: string; timestamp?: number } = {},
) {
  const signed = signedWebhook(options.secret ?? SECRET, event, content, options);
  return t.request('POST', '/api/webhooks/tiktok', signed.body, {
    'content-type': 'application/json',
    'tiktok-signature': signed.signature,
  });
}

/** Polls a state (never a fixed sleep) until it holds or a bound passes. */
async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function commentState(targetId: string): Promise<string | undefined> {
  const { rows } = await t.herald.app.pool.query<{ state: string | null }>(
    "SELECT state FROM comments WHERE target_id = $1 AND kind = 'first'",
    [targetId],
  );
  return rows[0]?.state ?? undefined;
}

describe('TikTok through POST /api/post', () => {
  it('answers pending with id "pending"; the signed webhook (twice) resolves it; the first comment is posted once', async () => {
    const res = await post({ firstComment: { comment: 'First comment from Herald' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'pending',
      errors: [],
      postIds: [{ status: 'pending', id: 'pending', platform: 'tiktok' }],
    });
    const postId = String(res.body.id);
    const target = await targetOf(postId);
    expect(target.state).toBe('pending');
    const publishId = target.extra?.ref ?? '';
    const publish = fake.publishes.all.get(publishId);
    expect(publish?.complete).toBe(true);
    const comments = fake.comments.length;

    const videoId = fake.publishes.publish(publish as NonNullable<typeof publish>);
    const content = { publish_id: publishId, post_id: videoId, publish_type: 'DIRECT_PUBLISH' };
    expect((await deliver('post.publish.publicly_available', content)).status).toBe(200);
    expect((await deliver('post.publish.publicly_available', content)).status).toBe(200);
    await until(async () => (await commentState(target.id)) === 'posted', 'the first comment');
    // A poll that runs after the webhook, and the job run again: neither changes anything.
    await pollTarget(t.herald.app, target.id, NO_JOB);
    await firstComment(t.herald.app, target.id);
    expect(fake.comments.length).toBe(comments + 1);
    expect(fake.comments.at(-1)).toMatchObject({ videoId, text: 'First comment from Herald' });

    const view = await t.request('GET', `/api/post/${postId}`);
    expect(view.body).toMatchObject({
      status: 'success',
      postIds: [
        {
          status: 'success',
          id: videoId,
          postUrl: `https://www.tiktok.com/@herald.creator/video/${videoId}`,
          platform: 'tiktok',
        },
      ],
    });
    expect(videoId).toMatch(/^\d{19}$/);
  });

  it('replies of a native comment (commentId=true): with its videoId, or with the video Herald knows', async () => {
    const res = await post();
    const target = await targetOf(String(res.body.id));
    const publish = fake.publishes.all.get(target.extra?.ref ?? '');
    const videoId = fake.publishes.publish(publish as NonNullable<typeof publish>);
    await deliver('post.publish.publicly_available', {
      publish_id: target.extra?.ref,
      post_id: videoId,
      publish_type: 'DIRECT_PUBLISH',
    });
    await until(async () => (await targetOf(String(res.body.id))).state === 'published', 'the video live');
    const fan = (id: string, text: string, parentId?: string) =>
      fake.comments.push({
        id,
        videoId,
        text,
        ...(parentId ? { parentId } : {}),
        userId: 'fan-1',
        username: 'a.fan',
        createTime: Math.floor(Date.now() / 1000),
        likes: 0,
        owner: false,
      });
    fan('7100000000000000001', 'Love it');
    fan('7100000000000000002', 'Same here', '7100000000000000001');
    const read = (id: string, extra = '') =>
      t.request('GET', `/api/comments/${id}?platform=tiktok&searchPlatformId=true&commentId=true${extra}`);
    const withVideo = await read('7100000000000000001', `&videoId=${videoId}`);
    expect(withVideo.status).toBe(200);
    expect(withVideo.body.tiktok).toEqual([
      expect.objectContaining({ comment: 'Same here', username: 'a.fan' }),
    ]);
    // Unknown to Herald and no videoId: TikTok cannot list it (refused before any call).
    const without = await read('7100000000000000001');
    expect(without.body).toMatchObject({ status: 'error', errors: [{ code: 622, platform: 'tiktok' }] });

    // Herald's own comment: its video is known, no videoId needed.
    const mine = await t.request('POST', '/api/comments', { id: res.body.id, comment: 'Thanks all' });
    const mineId = (mine.body.tiktok as { commentId: string }).commentId;
    fan('7100000000000000003', 'You are welcome', mineId);
    const known = await read(mineId);
    expect(known.body.tiktok).toEqual([expect.objectContaining({ comment: 'You are welcome' })]);
  });

  it('the poll settles it first: the late webhook is a no-op and the comment is still posted once', async () => {
    const res = await post({ firstComment: { comment: 'Polled first' } });
    const target = await targetOf(String(res.body.id));
    const publishId = target.extra?.ref ?? '';
    const publish = fake.publishes.all.get(publishId);
    const videoId = fake.publishes.publish(publish as NonNullable<typeof publish>);
    const comments = fake.comments.length;
    await pollTarget(t.herald.app, target.id, NO_JOB);
    expect((await targetOf(String(res.body.id))).state).toBe('published');
    expect(
      (await deliver('post.publish.publicly_available', { publish_id: publishId, post_id: videoId })).status,
    ).toBe(200);
    await until(async () => (await commentState(target.id)) === 'posted', 'the first comment');
    await firstComment(t.herald.app, target.id);
    expect(fake.comments.length).toBe(comments + 1);
  });

  it('seed 288: TikTok fails the post; the first comment is refused with 288 before any call', async () => {
    const res = await post({ firstComment: { comment: 'Never posted' } });
    const target = await targetOf(String(res.body.id));
    const comments = fake.comments.length;
    const failed = await deliver('post.publish.failed', {
      publish_id: target.extra?.ref,
      reason: 'duration_check_failed',
    });
    expect(failed.status).toBe(200);
    await until(async () => (await commentState(target.id)) === 'failed', 'the first comment refusal');
    const view = await t.request('GET', `/api/post/${res.body.id}`);
    expect(view.body.status).toBe('error');
    expect(view.body.errors).toEqual([
      {
        action: 'post',
        status: 'error',
        code: 136,
        message: 'TikTok cannot take this media: the video is longer or shorter than this creator may post.',
        details: 'fail_reason: duration_check_failed',
        platform: 'tiktok',
      },
    ]);
    expect(view.body.warnings).toEqual([
      {
        feature: 'firstComment',
        code: 288,
        message: 'TikTok video failed to publish; the action will not run.',
      },
    ]);
    expect(fake.comments.length).toBe(comments);
  });

  async function livePost(first: string): Promise<{ postId: string; targetId: string; videoId: string }> {
    const res = await post({ firstComment: { comment: first } });
    const target = await targetOf(String(res.body.id));
    const publish = fake.publishes.all.get(target.extra?.ref ?? '');
    const videoId = fake.publishes.publish(publish as NonNullable<typeof publish>);
    return { postId: String(res.body.id), targetId: target.id, videoId };
  }

  it('firstComment exactly once when TikTok’s answer is lost: found among the video’s comments, not sent again', async () => {
    fake.failNext('comment', { lost: true });
    const { targetId, videoId } = await livePost('Lost answer first');
    await pollTarget(t.herald.app, targetId, NO_JOB);
    await until(async () => (await commentState(targetId)) === 'posted', 'the reconciled first comment');
    await firstComment(t.herald.app, targetId);
    expect(fake.comments.filter((c) => c.text === 'Lost answer first' && c.videoId === videoId)).toHaveLength(
      1,
    );
    const { rows } = await t.herald.app.pool.query<{ network_comment_id: string }>(
      "SELECT network_comment_id FROM comments WHERE target_id = $1 AND kind = 'first'",
      [targetId],
    );
    expect(rows[0]?.network_comment_id).toBe(fake.comments.find((c) => c.text === 'Lost answer first')?.id);
  });

  it('firstComment exactly once across a crash between TikTok’s answer and Herald’s record', async () => {
    const { targetId, videoId } = await livePost('Crash first');
    await pollTarget(t.herald.app, targetId, NO_JOB);
    await until(async () => (await commentState(targetId)) === 'posted', 'the first comment');
    // The process died between TikTok's answer and the record: the row as it was left then,
    // `sending` with no network id, its lease run out.
    await t.herald.app.pool.query(
      "UPDATE comments SET state = 'sending', network_comment_id = NULL, lease_until = now() - interval '1 second' WHERE target_id = $1",
      [targetId],
    );
    // A retry of the job (the engine's, or the sweep's) reconciles; it never sends again.
    await firstComment(t.herald.app, targetId);
    await firstComment(t.herald.app, targetId);
    expect(await commentState(targetId)).toBe('posted');
    expect(fake.comments.filter((c) => c.text === 'Crash first' && c.videoId === videoId)).toHaveLength(1);
    expect(
      (
        await t.request('PUT', '/api/post/retry', {
          id: (
            await t.herald.app.pool.query<{ post_id: string }>('SELECT post_id FROM targets WHERE id = $1', [
              targetId,
            ])
          ).rows[0]?.post_id,
        })
      ).status,
    ).toBe(400);
    expect(fake.comments.filter((c) => c.text === 'Crash first')).toHaveLength(1);
  });

  it('seed 288: reading, commenting and replying on a post still pending are refused before any call', async () => {
    const res = await post();
    expect((await targetOf(String(res.body.id))).state).toBe('pending');
    const comments = fake.comments.length;
    const seed = {
      status: 'error',
      errors: [
        {
          action: 'get',
          status: 'error',
          code: 288,
          message: 'TikTok video is still processing; the action is deferred until the post is live.',
          platform: 'tiktok',
        },
      ],
    };
    // Seed 002, "TikTok Comment Errors": the same body, field by field and in order, and the same status.
    const read = await t.request('GET', `/api/comments/${res.body.id}?id=${res.body.id}&source=npm`);
    expect(read.status).toBe(400);
    expect(JSON.stringify(read.body)).toBe(JSON.stringify(seed));
    const commented = await t.request('POST', '/api/comments', {
      id: res.body.id,
      comment: 'too early',
      source: 'npm',
    });
    expect(commented.status).toBe(400);
    expect(commented.body).toEqual({ status: 'error', errors: [{ ...seed.errors[0], action: 'comment' }] });
    const replied = await t.request('POST', '/api/comments/reply', {
      commentId: '7300000000000000001',
      comment: 'too early',
      platforms: ['tiktok'],
      searchPlatformId: true,
      videoId: 'pending',
    });
    expect(replied.status).toBe(400);
    expect(replied.body).toEqual({ status: 'error', errors: [{ ...seed.errors[0], action: 'comment' }] });
    expect(fake.comments.length).toBe(comments);
  });

  it('a firstComment longer than TikTok takes (150) is refused (688) before anything is stored', async () => {
    const before = await t.count('posts');
    const res = await post({ firstComment: { comment: 'x'.repeat(151) } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      {
        action: 'post',
        status: 'error',
        code: 688,
        message: 'The comment is too long for TikTok: 151 of at most 150 characters.',
        platform: 'tiktok',
      },
    ]);
    expect(await t.count('posts')).toBe(before);
  });

  it('a TikTok refusal at init is the catalog’s (spam_risk_too_many_posts → 624, HTTP 429)', async () => {
    fake.failNext('videoInit', tiktokError('spam_risk_too_many_posts', 'daily post cap reached'));
    const res = await post();
    expect(res.status).toBe(429);
    expect(res.body.errors).toEqual([
      {
        action: 'rate limit',
        status: 'error',
        code: 624,
        message: 'TikTok rate limit reached. Please wait before retrying your post.',
        // The catalog's 624 details: the wait (TikTok states none for its daily cap: a day).
        details: 'Retry-After: 86400',
        retryAvailable: true,
        platform: 'tiktok',
      },
    ]);
    // TikTok's own code and words are kept in the attempt log.
    const { rows } = await t.herald.app.pool.query<{ detail: string }>(
      'SELECT a.detail FROM attempts a JOIN targets t ON t.id = a.target_id WHERE t.post_id = $1',
      [res.body.id],
    );
    expect(rows[0]?.detail).toMatch(/^spam_risk_too_many_posts: daily post cap reached/);
  });
});

describe('POST /api/webhooks/tiktok refuses what TikTok did not sign', () => {
  it.each([
    ['a wrong secret', { secret: 'not-the-secret' }, 'the signature does not match the body'],
    [
      'a stale timestamp',
      { timestamp: Math.floor(Date.now() / 1000) - 3600 },
      'the signature timestamp is more than 300 s away from now',
    ],
  ])('%s → 401 (630), nothing settled', async (_name, options, details) => {
    const res = await post();
    const target = await targetOf(String(res.body.id));
    const refused = await deliver(
      'post.publish.failed',
      { publish_id: target.extra?.ref, reason: 'internal' },
      options,
    );
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({
      action: 'webhook',
      status: 'error',
      code: 630,
      message: 'The webhook signature is missing, wrong or too old. The event was ignored.',
      details,
    });
    expect((await targetOf(String(res.body.id))).state).toBe('pending');
  });

  it('no signature header → 401; an unknown publish_id → 200 and nothing changes', async () => {
    const missing = await t.request('POST', '/api/webhooks/tiktok', '{"event":"x"}', {
      'content-type': 'application/json',
    });
    expect(missing.status).toBe(401);
    expect(
      (await deliver('post.publish.publicly_available', { publish_id: 'v_unknown', post_id: '1' })).status,
    ).toBe(200);
  });
});

describe('the scheduled webhook when TikTok resolves a pending video (immediate posts too)', () => {
  it('tikTokPublished with the real id; tikTokFailed with the catalog body', async () => {
    const receiver = await startWebhookReceiver();
    try {
      await t.request('POST', '/api/hook/webhook', { action: 'scheduled', url: `${receiver.url}/tt` });
      const published = await post();
      expect(published.body.status).toBe('pending');
      const target = await targetOf(String(published.body.id));
      const publish = fake.publishes.all.get(target.extra?.ref ?? '');
      const videoId = fake.publishes.publish(publish as NonNullable<typeof publish>);
      await deliver('post.publish.publicly_available', { publish_id: target.extra?.ref, post_id: videoId });
      await until(() => receiver.received.length >= 1, 'tikTokPublished');
      expect(receiver.received[0]?.json).toMatchObject({
        action: 'scheduled',
        subAction: 'tikTokPublished',
        id: published.body.id,
        status: 'success',
        code: 200,
        errors: [],
        postIds: [{ status: 'success', id: videoId, platform: 'tiktok' }],
        type: 'now',
      });

      const failed = await post();
      const failing = await targetOf(String(failed.body.id));
      await deliver('post.publish.failed', {
        publish_id: failing.extra?.ref,
        reason: 'duration_check_failed',
      });
      await until(() => receiver.received.length >= 2, 'tikTokFailed');
      expect(receiver.received[1]?.json).toMatchObject({
        action: 'scheduled',
        subAction: 'tikTokFailed',
        id: failed.body.id,
        status: 'error',
        errors: [expect.objectContaining({ code: 136, platform: 'tiktok' })],
      });
      // The pending answer itself made no event: only TikTok's resolution did.
      expect(receiver.received).toHaveLength(2);
    } finally {
      await t.request('DELETE', '/api/hook/webhook', { action: 'scheduled' });
      await receiver.close();
    }
  });
});
