import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOST } from '../fakes/http.ts';
import { type RedditWorld, startRedditWorld } from '../fakes/reddit/fixtures.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

/** Reddit comments end to end: the HTTP API → the connector → the fake Reddit. */

let world: RedditWorld;
let t: TestHerald;

beforeAll(async () => {
  world = await startRedditWorld();
  t = await startTestHerald({ env: { HERALD_REDDIT_API_URL: world.fake.url } });
  const linked = await t.request('POST', '/api/accounts', {
    platform: 'reddit',
    credentials: world.credentials,
  });
  expect(linked.status).toBe(200);
});
afterAll(async () => {
  await t?.stop();
  await world?.fake.close();
});

async function publish(extra: Record<string, unknown> = {}) {
  const res = await t.request('POST', '/api/post', {
    post: 'Some text',
    platforms: ['reddit'],
    redditOptions: { title: `Title ${randomUUID()}`, subreddit: 'test' },
    ...extra,
  });
  expect(res.status).toBe(200);
  return { id: String(res.body.id), name: (res.body.postIds as { id: string }[])[0]?.id as string };
}

const commentsOn = (name: string) =>
  world.fake.comments.filter((c) => `t3_${c.postId}` === name && !c.deleted);

describe('Reddit comments through the API', () => {
  it('comments, reads, replies and deletes', async () => {
    const post = await publish();
    const res = await t.request('POST', '/api/comments', { id: post.id, comment: 'Markdown *works*' });
    expect(res.status).toBe(200);
    const mine = (res.body.reddit as { commentId: string }).commentId;
    expect(mine).toMatch(/^t1_/);

    const replied = await t.request('POST', '/api/comments/reply', {
      commentId: res.body.commentId,
      comment: 'A follow-up',
    });
    expect(replied.body).toMatchObject({ status: 'success', reddit: { sourceCommentId: mine } });

    const read = await t.request('GET', `/api/comments/${post.id}`);
    expect(read.body.reddit).toEqual([
      expect.objectContaining({
        commentId: mine,
        comment: 'Markdown *works*',
        username: 'herald_tester',
        replies: [expect.objectContaining({ comment: 'A follow-up' })],
      }),
    ]);

    const deleted = await t.request('DELETE', `/api/comments/${post.id}`, {});
    expect(deleted.body).toMatchObject({
      status: 'success',
      reddit: [{ action: 'delete' }, { action: 'delete' }],
    });
    expect(commentsOn(post.name)).toEqual([]);
  });

  it('an archived post: TOO_OLD (json.errors in an HTTP 200) is 622 with Reddit’s words', async () => {
    const post = await publish();
    const held = world.fake.posts.find((p) => `t3_${p.id}` === post.name);
    if (held) held.archived = true;
    const res = await t.request('POST', '/api/comments', { id: post.id, comment: 'late' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      status: 'error',
      errors: [
        { code: 622, platform: 'reddit', action: 'comment', details: expect.stringContaining('TOO_OLD') },
      ],
    });
  });

  it('a lost answer after Reddit made the comment: found in the thread, never sent twice', async () => {
    const post = await publish();
    world.fake.script({ method: 'POST', path: '/api/comment', reply: LOST });
    const res = await t.request('POST', '/api/comments', { id: post.id, comment: 'Exactly once' });
    expect(res.body).toMatchObject({ status: 'success', reddit: { comment: 'Exactly once' } });
    expect(commentsOn(post.name)).toHaveLength(1);
  });

  it('a firstComment on Reddit is posted once the post is live', async () => {
    const post = await publish({ firstComment: { comment: 'First on Reddit' } });
    await expect.poll(() => commentsOn(post.name).map((c) => c.body)).toEqual(['First on Reddit']);
  });
});
