import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedAccountOf, testContext } from '../../../test/contract/connector-contract.ts';
import { LOST } from '../../../test/fakes/http.ts';
import { startXWorld, type XWorld } from '../../../test/fakes/x/fixtures.ts';
import { type MediaServer, startMediaServer, TINY_JPEG } from '../../../test/helpers/media-server.ts';
import { classify } from '../shared/error-table.ts';
import type { CommentWrite, LinkedAccount } from '../types.ts';
import { twitterComments as comments } from './comments.ts';
import { twitterConnector as x } from './connector.ts';
import { X_READ_ERRORS } from './errors.ts';

/** X comments (reply posts) against the fake X: OAuth 1.0a signed, recent search for reads. */

let world: XWorld;
let media: MediaServer;
let account: LinkedAccount;
let postId: string;

beforeAll(async () => {
  world = await startXWorld();
  media = await startMediaServer({ '/a.jpg': { body: TINY_JPEG, type: 'image/jpeg' } });
  const ctx = testContext(world.fake.url);
  account = linkedAccountOf(await x.verifyCredentials(world.credentials, ctx, world.keys));
  const published = await x.publish(
    {
      targetId: 't1',
      text: 'A post to talk about',
      media: [],
      options: {},
      account,
      requestSecrets: world.keys,
    },
    ctx,
  );
  if (published.kind !== 'published') throw new Error(JSON.stringify(published));
  postId = published.id;
});
afterAll(async () => {
  await world?.fake.close();
  await media?.close();
});

function write(text: string, extra: Partial<CommentWrite> = {}): CommentWrite {
  return { key: 'k', text, media: [], account, postId, requestSecrets: world.keys, ...extra };
}

const ctx = () => testContext(world.fake.url);
const stranger = () =>
  world.fake.users.get('9') ??
  world.fake.addUser({
    id: '9',
    username: 'jane',
    name: 'Jane',
    token: 't9',
    tokenSecret: 's9',
    appKey: 'none',
  });

describe('X comments', () => {
  it('replies to the post, reads the thread nested (an audience reply included), replies to a reply, deletes', async () => {
    const commented = await comments.comment(write('Thanks for reading'), ctx());
    expect(commented).toMatchObject({ kind: 'commented' });
    const id = (commented as { id: string }).id;
    expect(world.fake.tweets.find((t) => t.id === id)).toMatchObject({
      replyTo: postId,
      text: 'Thanks for reading',
    });

    const theirs = world.fake.addReply(stranger(), id, 'Great thread');
    const reply = await comments.reply({ ...write('Glad you liked it'), parentId: theirs.id }, ctx());
    expect(reply).toMatchObject({ kind: 'commented' });

    const listed = await comments.list(
      { id: postId, of: 'post', account, requestSecrets: world.keys },
      ctx(),
    );
    expect(listed).toEqual({
      kind: 'listed',
      comments: [
        expect.objectContaining({
          commentId: id,
          comment: 'Thanks for reading',
          from: { id: world.user.id, username: 'heraldtest' },
          postId,
          replies: [
            expect.objectContaining({
              commentId: theirs.id,
              from: { id: '9', username: 'jane' },
              postId: id,
              replies: [expect.objectContaining({ comment: 'Glad you liked it', postId: theirs.id })],
            }),
          ],
        }),
      ],
    });
    // The replies of one comment (its conversation found by a lookup first).
    const ofComment = await comments.list(
      { id: theirs.id, of: 'comment', account, requestSecrets: world.keys },
      ctx(),
    );
    expect(ofComment).toMatchObject({ kind: 'listed', comments: [{ comment: 'Glad you liked it' }] });

    expect(await comments.delete({ commentId: id, account, requestSecrets: world.keys }, ctx())).toEqual({
      kind: 'deleted',
    });
    expect(world.fake.tweets.find((t) => t.id === id)?.deleted).toBe(true);
    // Already gone: still deleted.
    expect(await comments.delete({ commentId: id, account, requestSecrets: world.keys }, ctx())).toEqual({
      kind: 'deleted',
    });
  });

  it('one image goes up through the media upload and rides on the reply', async () => {
    const out = await comments.comment(
      write('With a picture', { media: [{ url: media.url('/a.jpg'), kind: 'image' }] }),
      ctx(),
    );
    const id = (out as { id: string }).id;
    expect(world.fake.tweets.find((t) => t.id === id)?.mediaIds).toHaveLength(1);
  });

  it('follows next_token across pages (up to the bound)', async () => {
    const { fake } = world;
    const root = fake.addReply(stranger(), postId, 'root of a busy thread');
    // 120 replies: two pages of 100 at most.
    for (let i = 0; i < 120; i += 1) fake.addReply(stranger(), root.id, `reply ${i}`, Date.now() + i);
    const listed = await comments.list(
      { id: root.id, of: 'comment', account, requestSecrets: world.keys },
      ctx(),
    );
    expect(listed.kind === 'listed' && listed.comments.length).toBe(120);
    expect(fake.calls('GET', '/2/tweets/search/recent')).toBeGreaterThanOrEqual(2);
  });

  it('without the BYO keys: 419 before any call', async () => {
    const out = await comments.comment(write('no keys', { requestSecrets: {} }), ctx());
    expect(out).toMatchObject({ kind: 'failed', error: { code: 419 } });
  });

  it('an app whose access has no search: 647 from the table; replying still works', async () => {
    world.app.noSearch = true;
    try {
      const listed = await comments.list(
        { id: postId, of: 'post', account, requestSecrets: world.keys },
        ctx(),
      );
      expect(listed).toMatchObject({
        kind: 'failed',
        error: { code: 647, platform: 'twitter', details: expect.stringContaining('client-forbidden') },
      });
      expect(await comments.comment(write('still allowed'), ctx())).toMatchObject({ kind: 'commented' });
    } finally {
      world.app.noSearch = false;
    }
  });

  it('a reply to a post X no longer has: 622 (invalid-request) from the table', async () => {
    const out = await comments.comment(write('into the void', { postId: '1' }), ctx());
    expect(out).toMatchObject({ kind: 'failed', error: { code: 622, platform: 'twitter' } });
  });

  it('an answer lost after X made the reply is unknown, never a failure (the core reconciles)', async () => {
    world.fake.script({ method: 'POST', path: '/2/tweets', reply: LOST });
    const before = world.fake.tweets.length;
    const out = await comments.comment(write('lost on the way back'), ctx());
    expect(out.kind).toBe('unknown');
    expect(world.fake.tweets.length).toBe(before + 1);
  });
});

describe('X_READ_ERRORS', () => {
  it.each([
    [{ status: 403, code: 'client-forbidden' }, 647],
    [{ status: 403, code: 'about:blank' }, 621],
    [{ status: 402, code: 'credits' }, 416],
    [{ status: 429 }, 624],
    [{ status: 401 }, 272],
  ])('%j → %i (the duplicate row is not a read’s)', (signal, code) => {
    expect(classify(X_READ_ERRORS, signal)?.maps.code).toBe(code);
  });
});
