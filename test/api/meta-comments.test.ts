import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { META } from '../fakes/graph/meta-errors.ts';
import { linkMeta, type MetaHerald, startMetaHerald } from '../fakes/graph/meta-herald.ts';

/**
 * Comments on Facebook Pages, Instagram and Threads end to end: the HTTP API → the
 * connectors → the fake Graph API (graph routes-comments.ts), which holds what was posted.
 */
let meta: MetaHerald;
beforeAll(async () => {
  meta = await startMetaHerald();
  await linkMeta(meta, ['facebook', 'threads']);
});
afterAll(() => meta?.stop());

async function publish(platforms: string[], extra: Record<string, unknown> = {}) {
  const res = await meta.t.request('POST', '/api/post', {
    post: `hello ${randomUUID()}`,
    platforms,
    ...extra,
  });
  expect(res.status).toBe(200);
  return res.body as { id: string; postIds: { platform: string; id: string }[] };
}

function commentsOn(objectId: string) {
  return [...meta.fake.state.comments.values()].filter((c) => c.objectId === objectId);
}

describe('Facebook and Threads comments through the API', () => {
  it('comments (with an image on Facebook), reads with the audience, replies and deletes', async () => {
    const post = await publish(['facebook', 'threads']);
    const fbPost = post.postIds.find((p) => p.platform === 'facebook')?.id as string;
    const res = await meta.t.request('POST', '/api/comments', {
      id: post.id,
      comment: 'Thanks all',
      platforms: ['facebook'],
      mediaUrls: ['https://example.com/thanks.jpg'],
    });
    expect(res.status).toBe(200);
    const fbComment = (res.body.facebook as { commentId: string }).commentId;
    expect(fbComment).toMatch(new RegExp(`^${fbPost.split('_')[1]}_\\d+$`));
    expect(commentsOn(fbPost)).toMatchObject([
      { message: 'Thanks all', attachmentUrl: 'https://example.com/thanks.jpg' },
    ]);

    // Someone else comments on the Page post (added to the fake, as Meta would show it).
    meta.fake.state.comments.set('999_1', {
      id: '999_1',
      family: 'fb',
      owner: meta.fake.page.id,
      objectId: fbPost,
      message: 'Love it',
      from: { id: '1000001', name: 'Jane Doe' },
      createdAt: Date.now() + 1000,
      hidden: false,
      likeCount: 3,
    });
    const read = await meta.t.request('GET', `/api/comments/${post.id}?id=${post.id}&source=npm`);
    expect(read.status).toBe(200);
    expect(read.body.facebook).toEqual([
      expect.objectContaining({
        commentId: fbComment,
        comment: 'Thanks all',
        from: { id: meta.fake.page.id, username: 'Herald Test Page' },
        platform: 'facebook',
        postId: fbPost,
      }),
      expect.objectContaining({
        commentId: '999_1',
        comment: 'Love it',
        from: { id: '1000001', username: 'Jane Doe' },
        likeCount: 3,
        hidden: false,
        username: 'Jane Doe',
      }),
    ]);
    expect(read.body.threads).toEqual([]);
    // The comment Herald saw arrive is a fact for the comments webhook, once.
    const { rows } = await meta.t.herald.app.pool.query(
      'SELECT direction, network_comment_id FROM comment_events WHERE post_id = $1 ORDER BY id',
      [post.id],
    );
    expect(rows).toEqual([
      { direction: 'sent', network_comment_id: fbComment },
      { direction: 'received', network_comment_id: '999_1' },
    ]);

    const reply = await meta.t.request('POST', '/api/comments/reply', {
      commentId: '999_1',
      comment: 'Thank you Jane',
      platforms: ['facebook'],
      searchPlatformId: true,
    });
    expect(reply.body).toMatchObject({
      status: 'success',
      facebook: { sourceCommentId: '999_1', comment: 'Thank you Jane' },
    });
    expect(commentsOn('999_1')).toMatchObject([{ message: 'Thank you Jane' }]);

    const threadsComment = await meta.t.request('POST', '/api/comments', {
      id: post.id,
      comment: 'On Threads too',
      platforms: ['threads'],
    });
    expect(threadsComment.body).toMatchObject({
      status: 'success',
      threads: { status: 'success', comment: 'On Threads too' },
    });
    const threadsRead = await meta.t.request('GET', `/api/comments/${post.id}`);
    expect(threadsRead.body.threads).toEqual([
      expect.objectContaining({ comment: 'On Threads too', username: meta.fake.threads.username }),
    ]);

    const deleted = await meta.t.request('DELETE', `/api/comments/${post.id}`, { id: post.id });
    expect(deleted.body).toMatchObject({
      status: 'success',
      facebook: expect.any(Object),
      threads: expect.any(Object),
    });
    expect(commentsOn(fbPost).map((c) => c.id)).toEqual(['999_1']);
  });

  it('Meta’s errors go through the network’s table: a token invalidated by a password change is 161', async () => {
    const post = await publish(['facebook']);
    meta.fake.revoke('fb', META.passwordChanged);
    try {
      const res = await meta.t.request('POST', '/api/comments', { id: post.id, comment: 'x' });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        status: 'error',
        errors: [expect.objectContaining({ action: 'comment', code: 161, platform: 'facebook' })],
      });
    } finally {
      meta.fake.restore('fb');
    }
  });

  it('a lost answer after Meta made the comment: found among the post’s comments, never sent twice', async () => {
    const post = await publish(['facebook']);
    const fbPost = post.postIds[0]?.id as string;
    meta.fake.script('fb.comments', { kind: 'drop', effect: true });
    const res = await meta.t.request('POST', '/api/comments', { id: post.id, comment: 'Dropped answer' });
    expect(res.body).toMatchObject({ status: 'success', facebook: { comment: 'Dropped answer' } });
    expect(commentsOn(fbPost)).toHaveLength(1);
    expect((res.body.facebook as { commentId: string }).commentId).toBe(commentsOn(fbPost)[0]?.id);
  });

  it('a firstComment on Facebook and Threads is posted once each post is live', async () => {
    const post = await publish(['facebook', 'threads'], { firstComment: { comment: 'First from Herald' } });
    const fbPost = post.postIds.find((p) => p.platform === 'facebook')?.id as string;
    const thPost = post.postIds.find((p) => p.platform === 'threads')?.id as string;
    await expect.poll(() => commentsOn(fbPost).map((c) => c.message)).toEqual(['First from Herald']);
    await expect
      .poll(() => [...meta.fake.state.media.values()].filter((m) => m.replyTo === thPost).map((m) => m.text))
      .toEqual(['First from Herald']);
  });
});
