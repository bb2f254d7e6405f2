import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedAccountOf, testContext } from '../../../test/contract/connector-contract.ts';
import { LOST } from '../../../test/fakes/http.ts';
import { type RedditWorld, startRedditWorld } from '../../../test/fakes/reddit/fixtures.ts';
import { classify } from '../shared/error-table.ts';
import type { CommentWrite, LinkedAccount } from '../types.ts';
import { redditComments as comments } from './comments.ts';
import { createRedditConnector } from './connector.ts';
import { REDDIT_COMMENT_ERRORS } from './errors.ts';

/** Reddit comments against the fake Reddit: /api/comment, the tree with its `more` stubs, /api/del. */

let world: RedditWorld;
let account: LinkedAccount;
const reddit = createRedditConnector();
const ctx = () => testContext(world.fake.url);
const other = { id: '9x', name: 'someone_else', token: 'tok-other' };

async function post(title: string): Promise<string> {
  const out = await reddit.publish(
    { targetId: title, text: 'body', media: [], options: { title, subreddit: 'test' }, account },
    ctx(),
  );
  if (out.kind !== 'published') throw new Error(JSON.stringify(out));
  return out.id;
}

/** A comment by someone else, straight into the fake (Reddit's audience). */
function theirs(postId: string, parentName: string, body: string) {
  const id = world.fake.nextId();
  world.fake.comments.push({
    id,
    postId: postId.replace('t3_', ''),
    parentName,
    author: other,
    body,
    created: Date.now() / 1000 - 60,
    score: 3,
    deleted: false,
  });
  return `t1_${id}`;
}

const write = (postId: string, text: string, extra: Partial<CommentWrite> = {}): CommentWrite => ({
  key: 'k',
  text,
  media: [],
  account,
  postId,
  ...extra,
});

beforeAll(async () => {
  world = await startRedditWorld();
  account = linkedAccountOf(await reddit.verifyCredentials(world.credentials, ctx()));
});
afterAll(() => world?.fake.close());

describe('Reddit comments', () => {
  it('comments on the post (t3_), replies to a comment (t1_), reads the tree, deletes', async () => {
    const postId = await post('A post to discuss');
    const commented = await comments.comment(write(postId, 'First, from Herald'), ctx());
    expect(commented).toMatchObject({ kind: 'commented', id: expect.stringMatching(/^t1_/) });
    const mine = (commented as { id: string }).id;
    const their = theirs(postId, mine, 'Reply from someone');
    const replied = await comments.reply({ ...write(postId, 'Thanks!'), parentId: their }, ctx());
    expect(replied).toMatchObject({ kind: 'commented' });
    expect(world.fake.requests.filter((r) => r.path === '/api/comment')).toHaveLength(2);

    const listed = await comments.list({ id: postId, of: 'post', account }, ctx());
    expect(listed).toEqual({
      kind: 'listed',
      comments: [
        expect.objectContaining({
          commentId: mine,
          comment: 'First, from Herald',
          from: { id: account.externalId, username: 'herald_tester' },
          postId,
          replies: [
            expect.objectContaining({
              commentId: their,
              from: { id: 't2_9x', username: 'someone_else' },
              likeCount: 3,
              replies: [expect.objectContaining({ comment: 'Thanks!', postId: their })],
            }),
          ],
        }),
      ],
    });
    // One comment's replies: its post is looked up (/api/info) when not given.
    const ofComment = await comments.list({ id: their, of: 'comment', account }, ctx());
    expect(ofComment).toMatchObject({ kind: 'listed', comments: [{ comment: 'Thanks!' }] });

    expect(await comments.delete({ commentId: mine, account, postId }, ctx())).toEqual({ kind: 'deleted' });
    expect(world.fake.comments.find((c) => `t1_${c.id}` === mine)?.deleted).toBe(true);
  });

  it('follows the tree’s more stubs with /api/morechildren, up to the read bound', async () => {
    const postId = await post('A busy thread');
    for (let i = 0; i < 250; i += 1) theirs(postId, postId, `comment ${i}`);
    // Reddit answers fewer than asked (here 100) and stubs the rest.
    world.fake.treeCap = 100;
    try {
      const listed = await comments.list({ id: postId, of: 'post', account }, ctx());
      expect(listed.kind === 'listed' && listed.comments.map((c) => c.comment)).toEqual(
        Array.from({ length: 250 }, (_, i) => `comment ${i}`),
      );
      expect(world.fake.calls('GET', '/api/morechildren')).toBe(2);
    } finally {
      world.fake.treeCap = 500;
    }
    const huge = await post('A huge thread');
    for (let i = 0; i < 650; i += 1) theirs(huge, huge, `c ${i}`);
    const bounded = await comments.list({ id: huge, of: 'post', account }, ctx());
    expect(bounded.kind === 'listed' && bounded.comments.length).toBe(500);
  });

  it('json.errors whatever the status: a locked thread is 622 through the comment table', async () => {
    const postId = await post('Locked one');
    const held = world.fake.posts.find((p) => `t3_${p.id}` === postId);
    if (held) held.locked = true;
    const out = await comments.comment(write(postId, 'too late'), ctx());
    expect(out).toMatchObject({
      kind: 'failed',
      error: { code: 622, platform: 'reddit', details: expect.stringContaining('THREAD_LOCKED') },
    });
  });

  it('RATELIMIT waits what Reddit says (624)', async () => {
    const postId = await post('Rate limited');
    world.fake.commentRateLimited.push(420);
    const out = await comments.comment(write(postId, 'slow down'), ctx());
    expect(out).toMatchObject({ kind: 'failed', error: { code: 624, params: { retryAfter: 420 } } });
  });

  it('an answer lost after Reddit made the comment is unknown (the core reconciles)', async () => {
    const postId = await post('Lost answer');
    world.fake.script({ method: 'POST', path: '/api/comment', reply: LOST });
    const out = await comments.comment(write(postId, 'lost'), ctx());
    expect(out.kind).toBe('unknown');
    expect(world.fake.comments.filter((c) => `t3_${c.postId}` === postId)).toHaveLength(1);
  });
});

describe('REDDIT_COMMENT_ERRORS', () => {
  it.each([
    [{ status: 200, code: 'TOO_OLD', subcode: 'parent' }, 622],
    [{ status: 200, code: 'THREAD_LOCKED', subcode: 'parent' }, 622],
    [{ status: 200, code: 'DELETED_COMMENT', subcode: 'parent' }, 622],
    [{ status: 200, code: 'TOO_LONG', subcode: 'text' }, 622],
    [{ status: 200, code: 'USER_MUTED', subcode: 'parent' }, 627],
    [{ status: 200, code: 'RATELIMIT', subcode: 'ratelimit' }, 624],
    [{ status: 403 }, 622],
    [{ status: 401 }, 623],
    [{ status: 503 }, 625],
  ])('%j → %i', (signal, code) => {
    expect(classify(REDDIT_COMMENT_ERRORS, signal)?.maps.code).toBe(code);
  });
});
