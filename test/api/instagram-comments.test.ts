import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { META } from '../fakes/graph/meta-errors.ts';
import { linkMeta, type MetaHerald, startMetaHerald } from '../fakes/graph/meta-herald.ts';
import { type MediaHost, startMediaHost } from '../fakes/media-server/server.ts';

/**
 * Instagram comments end to end: a photo published through Herald (media step, container,
 * media_publish), then the comments endpoints → the connector → the fake Graph API.
 */

let meta: MetaHerald;
let host: MediaHost;
beforeAll(async () => {
  host = await startMediaHost();
  meta = await startMetaHerald();
  await linkMeta(meta, ['instagram']);
});
afterAll(async () => {
  await meta?.stop();
  await host?.close();
});

async function publish(extra: Record<string, unknown> = {}) {
  const res = await meta.t.request('POST', '/api/post', {
    post: `Photo ${randomUUID()}`,
    platforms: ['instagram'],
    mediaUrls: [host.url('/photo.jpg')],
    ...extra,
  });
  expect(res.status).toBe(200);
  return { id: String(res.body.id), media: (res.body.postIds as { id: string }[])[0]?.id as string };
}

const on = (objectId: string) =>
  [...meta.fake.state.comments.values()].filter((c) => c.objectId === objectId);

describe('Instagram comments through the API', () => {
  it('comments, reads the audience nested, replies (to Herald’s comment and to a fan’s by its id), deletes', async () => {
    const post = await publish();
    const res = await meta.t.request('POST', '/api/comments', { id: post.id, comment: 'Link in bio' });
    expect(res.status).toBe(200);
    const mine = (res.body.instagram as { commentId: string }).commentId;
    expect(on(post.media)).toMatchObject([{ id: mine, message: 'Link in bio' }]);

    meta.fake.state.comments.set('18000000000000777', {
      id: '18000000000000777',
      family: 'ig',
      owner: meta.fake.instagram.id,
      objectId: post.media,
      message: 'Where can I buy it?',
      from: { id: '17841400000000042', name: 'Fan', username: 'curious_fan' },
      createdAt: Date.now() + 1000,
      hidden: false,
      likeCount: 1,
    });
    const answered = await meta.t.request('POST', '/api/comments/reply', {
      commentId: '18000000000000777',
      comment: 'Check the link in bio',
      platforms: ['instagram'],
      searchPlatformId: true,
    });
    expect(answered.body).toMatchObject({
      status: 'success',
      instagram: { sourceCommentId: '18000000000000777' },
    });
    const ownReply = await meta.t.request('POST', '/api/comments/reply', {
      commentId: res.body.commentId,
      comment: 'More soon',
    });
    expect(ownReply.body).toMatchObject({ status: 'success', instagram: { sourceCommentId: mine } });

    const read = await meta.t.request('GET', `/api/comments/${post.id}`);
    expect(read.body.instagram).toEqual([
      expect.objectContaining({
        commentId: mine,
        replies: [expect.objectContaining({ comment: 'More soon' })],
      }),
      expect.objectContaining({
        commentId: '18000000000000777',
        username: 'curious_fan',
        replies: [expect.objectContaining({ comment: 'Check the link in bio' })],
      }),
    ]);

    const deleted = await meta.t.request('DELETE', `/api/comments/${post.id}`, {});
    expect(deleted.body).toMatchObject({
      status: 'success',
      instagram: [{ action: 'delete' }, { action: 'delete' }],
    });
    expect(on(post.media).map((c) => c.id)).toEqual(['18000000000000777']);
  });

  it('Meta’s errors through Instagram’s table: an expired session is 623', async () => {
    const post = await publish();
    meta.fake.revoke('ig', META.sessionExpired);
    try {
      const res = await meta.t.request('POST', '/api/comments', { id: post.id, comment: 'x' });
      expect(res.body).toMatchObject({
        status: 'error',
        errors: [{ action: 'comment', code: 623, platform: 'instagram' }],
      });
    } finally {
      meta.fake.restore('ig');
    }
  });

  it('a lost answer after Meta made the comment: found among the media’s comments, never sent twice', async () => {
    const post = await publish();
    meta.fake.script('ig.comments', { kind: 'drop', effect: true });
    const res = await meta.t.request('POST', '/api/comments', { id: post.id, comment: 'Answer dropped' });
    expect(res.body).toMatchObject({ status: 'success', instagram: { comment: 'Answer dropped' } });
    expect(on(post.media)).toHaveLength(1);
  });

  it('a firstComment on Instagram is posted once the media is live', async () => {
    const post = await publish({ firstComment: { comment: 'First on Instagram' } });
    await expect.poll(() => on(post.media).map((c) => c.message)).toEqual(['First on Instagram']);
  });
});
