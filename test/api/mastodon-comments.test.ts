import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MastodonWorld, startMastodonWorld } from '../fakes/mastodon/fixtures.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

/** Mastodon comments end to end: reply statuses (`in_reply_to_id`) and the thread (`/context`) on a fake instance. */
let world: MastodonWorld;
let t: TestHerald;

beforeAll(async () => {
  world = await startMastodonWorld();
  t = await startTestHerald({ env: { HERALD_MEDIA_ALLOW: '127.0.0.1' } });
  const linked = await t.request('POST', '/api/accounts', {
    platform: 'mastodon',
    credentials: world.credentials,
  });
  expect(linked.status).toBe(200);
});
afterAll(async () => {
  await t?.stop();
  await world?.fake.close();
});

const statuses = () => world.fake.statusesOf(world.account);

describe('Mastodon comments', () => {
  it('comments, reads the thread, replies and deletes, with an Idempotency-Key per comment', async () => {
    const res = await t.request('POST', '/api/post', {
      post: `Toot ${randomUUID()}`,
      platforms: ['mastodon'],
    });
    const postId = String(res.body.id);
    const statusId = (res.body.postIds as { id: string }[])[0]?.id as string;
    const commented = await t.request('POST', '/api/comments', {
      id: postId,
      comment: 'A <b>reply</b> & more',
    });
    expect(commented.status).toBe(200);
    const commentId = (commented.body.mastodon as { commentId: string }).commentId;
    expect(statuses().find((s) => s.id === commentId)).toMatchObject({
      inReplyToId: statusId,
      text: 'A <b>reply</b> & more',
    });
    const sent = world.fake.requests
      .filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses')
      .at(-1);
    expect(sent?.idempotencyKey).toMatch(/^herald-[0-9a-f-]{36}$/);

    const replied = await t.request('POST', '/api/comments/reply', {
      commentId: commented.body.commentId,
      comment: 'nested',
      platforms: ['mastodon'],
    });
    expect(replied.body).toMatchObject({ status: 'success', mastodon: { sourceCommentId: commentId } });

    const read = await t.request('GET', `/api/comments/${postId}`);
    expect(read.body.mastodon).toEqual([
      expect.objectContaining({
        commentId,
        comment: 'A <b>reply</b> & more',
        from: { id: world.account.id, username: 'alice' },
        postId: statusId,
        replies: [expect.objectContaining({ comment: 'nested', postId: commentId })],
      }),
    ]);

    const deleted = await t.request('DELETE', `/api/comments/${postId}`, {});
    expect(deleted.body).toMatchObject({
      status: 'success',
      mastodon: [{ id: commentId }, { action: 'delete' }],
    });
    expect(statuses().some((s) => s.id === commentId)).toBe(false);
  });

  it('a comment on a status the instance does not know is its 404, through the table', async () => {
    const res = await t.request('POST', '/api/comments', {
      id: '109999999999999999',
      comment: 'x',
      platforms: ['mastodon'],
      searchPlatformId: true,
    });
    expect(res.status).not.toBe(200);
    expect(res.body).toMatchObject({
      status: 'error',
      errors: [expect.objectContaining({ platform: 'mastodon', action: 'comment' })],
    });
  });
});
