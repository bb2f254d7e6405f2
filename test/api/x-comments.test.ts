import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOST } from '../fakes/http.ts';
import { startXWorld, type XWorld } from '../fakes/x/fixtures.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * X comments end to end: the HTTP API (with the BYO key headers on every call) → the
 * connector → the fake X. A first comment is signed with the keys of the post's request,
 * carried sealed to its job.
 */

let world: XWorld;
let t: TestHerald;

beforeAll(async () => {
  world = await startXWorld();
  t = await startTestHerald({ env: { HERALD_TWITTER_API_URL: world.fake.url } });
  const linked = await t.request(
    'POST',
    '/api/accounts',
    { platform: 'twitter', credentials: world.credentials },
    world.keys,
  );
  expect(linked.status).toBe(200);
});
afterAll(async () => {
  await t?.stop();
  await world?.fake.close();
});

type Body = Record<string, unknown>;

async function publish(extra: Body = {}) {
  const res = await t.request(
    'POST',
    '/api/post',
    { post: `Post ${randomUUID()}`, platforms: ['twitter'], ...extra },
    world.keys,
  );
  expect(res.status).toBe(200);
  return { id: String(res.body.id), tweet: (res.body.postIds as { id: string }[])[0]?.id as string };
}

const repliesTo = (id: string) => world.fake.tweets.filter((t) => t.replyTo === id && !t.deleted);

describe('X comments through the API', () => {
  it('comments, reads, replies and deletes, every call signed with the request’s keys', async () => {
    const post = await publish();
    const commented = await t.request(
      'POST',
      '/api/comments',
      { id: post.id, comment: 'First reply' },
      world.keys,
    );
    expect(commented.status).toBe(200);
    const reply = commented.body.twitter as { commentId: string };
    expect(commented.body).toMatchObject({
      status: 'success',
      twitter: { status: 'success', platform: 'twitter' },
    });
    expect(repliesTo(post.tweet).map((tw) => tw.id)).toEqual([reply.commentId]);

    const replied = await t.request(
      'POST',
      '/api/comments/reply',
      { commentId: commented.body.commentId, comment: 'And a nested one' },
      world.keys,
    );
    expect(replied.body).toMatchObject({ status: 'success', twitter: { sourceCommentId: reply.commentId } });

    const read = await t.request('GET', `/api/comments/${post.id}`, undefined, world.keys);
    expect(read.body.twitter).toEqual([
      expect.objectContaining({
        commentId: reply.commentId,
        comment: 'First reply',
        platform: 'twitter',
        username: 'heraldtest',
        replies: [expect.objectContaining({ comment: 'And a nested one' })],
      }),
    ]);

    const deleted = await t.request('DELETE', `/api/comments/${post.id}`, {}, world.keys);
    expect(deleted.body).toMatchObject({
      status: 'success',
      twitter: [{ action: 'delete' }, { action: 'delete' }],
    });
    expect(repliesTo(post.tweet)).toEqual([]);
  });

  it('without the BYO key headers: 419 for X, nothing sent', async () => {
    const post = await publish();
    const res = await t.request('POST', '/api/comments', { id: post.id, comment: 'keyless' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 'error', errors: [{ code: 419, platform: 'twitter' }] });
    expect(repliesTo(post.tweet)).toEqual([]);
  });

  it('an answer lost after X made the reply: found among the post’s replies, never sent twice', async () => {
    const post = await publish();
    world.fake.script({ method: 'POST', path: '/2/tweets', reply: LOST });
    const res = await t.request(
      'POST',
      '/api/comments',
      { id: post.id, comment: 'Lost, then found' },
      world.keys,
    );
    expect(res.body).toMatchObject({ status: 'success', twitter: { comment: 'Lost, then found' } });
    expect(repliesTo(post.tweet).map((tw) => tw.id)).toEqual([
      (res.body.twitter as { commentId: string }).commentId,
    ]);
  });

  it('a lost answer the read cannot settle (an app without search) is 687 and is not sent again', async () => {
    const post = await publish();
    world.fake.script({ method: 'POST', path: '/2/tweets', reply: LOST });
    world.app.noSearch = true;
    try {
      const res = await t.request(
        'POST',
        '/api/comments',
        { id: post.id, comment: 'Unconfirmed' },
        world.keys,
      );
      expect(res.body).toMatchObject({ status: 'error', errors: [{ code: 687, platform: 'twitter' }] });
      expect(repliesTo(post.tweet)).toHaveLength(1);
      const read = await t.request('GET', `/api/comments/${post.id}`, undefined, world.keys);
      expect(read.status).toBe(403);
      expect(read.body).toMatchObject({
        status: 'error',
        errors: [{ code: 647, action: 'get', platform: 'twitter' }],
      });
    } finally {
      world.app.noSearch = false;
    }
  });

  it('a firstComment on X is posted once the post is live, signed with the post request’s keys', async () => {
    const post = await publish({ firstComment: { comment: 'First comment on X' } });
    await expect.poll(() => repliesTo(post.tweet).map((tw) => tw.text)).toEqual(['First comment on X']);
  });
});
