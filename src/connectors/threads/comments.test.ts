import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/contract/connector-contract.ts';
import { META } from '../../../test/fakes/graph/meta-errors.ts';
import { type GraphFake, startGraphFake } from '../../../test/fakes/graph/server.ts';
import { newTargetId } from '../../app/target-ids.ts';
import type { CommentWrite, LinkedAccount } from '../types.ts';
import { createThreadsConnector } from './connector.ts';

/**
 * Threads comments against the fake Graph API: a reply is a TEXT container with
 * `reply_to_id`, then `threads_publish`; reads are `/{media}/replies` in Graph's cursor
 * pages; a delete is `DELETE /{media}`.
 */

const threads = createThreadsConnector({ pollDelaysMs: [1, 1, 1] });
const comments = threads.comments as NonNullable<typeof threads.comments>;
let fake: GraphFake;
let account: LinkedAccount;
let postId: string;

const ctx = () => ({ ...testContext(fake.url), apiVersion: 'v1.0' });
const write = (text: string, extra: Partial<CommentWrite> = {}): CommentWrite => ({
  key: 'k',
  text,
  media: [],
  account,
  postId,
  ...extra,
});

beforeEach(async () => {
  fake = await startGraphFake();
  account = {
    externalId: fake.threads.id,
    username: fake.threads.username,
    displayName: fake.threads.name,
    credentials: { threadsUserId: fake.threads.id, accessToken: fake.threads.token },
  };
  const published = await threads.publish(
    { targetId: newTargetId(), text: `thread ${randomUUID()}`, media: [], options: {}, account },
    ctx(),
  );
  if (published.kind !== 'published') throw new Error(JSON.stringify(published));
  postId = published.id;
});
afterEach(() => fake.close());

const repliesTo = (id: string) => [...fake.state.media.values()].filter((m) => m.replyTo === id);

describe('Threads comments', () => {
  it('replies to the post and to a reply, reads each level, deletes', async () => {
    const commented = await comments.comment(write('First reply'), ctx());
    expect(commented).toMatchObject({ kind: 'commented' });
    const id = (commented as { id: string }).id;
    expect(repliesTo(postId).map((m) => m.text)).toEqual(['First reply']);
    expect(fake.requests.filter((r) => r.route === 'th.create').at(-1)?.params).toMatchObject({
      media_type: 'TEXT',
      reply_to_id: postId,
    });
    const nested = await comments.reply({ ...write('Nested'), parentId: id }, ctx());
    expect(nested).toMatchObject({ kind: 'commented' });
    expect(repliesTo(id).map((m) => m.text)).toEqual(['Nested']);

    const listed = await comments.list({ id: postId, of: 'post', account }, ctx());
    expect(listed).toEqual({
      kind: 'listed',
      comments: [
        expect.objectContaining({
          commentId: id,
          comment: 'First reply',
          from: { id: fake.threads.username, username: fake.threads.username },
          postId,
          extra: expect.objectContaining({ hasReplies: true }),
        }),
      ],
    });
    const below = await comments.list({ id, of: 'comment', account }, ctx());
    expect(below).toMatchObject({ kind: 'listed', comments: [{ comment: 'Nested', postId: id }] });

    expect(await comments.delete({ commentId: id, account }, ctx())).toEqual({ kind: 'deleted' });
    expect(repliesTo(postId)).toEqual([]);
  });

  it('follows Graph’s cursor pages for replies', async () => {
    for (let i = 0; i < 120; i += 1) await comments.comment(write(`reply ${i}`), ctx());
    const listed = await comments.list({ id: postId, of: 'post', account }, ctx());
    expect(listed.kind === 'listed' && listed.comments.length).toBe(120);
    expect(fake.count('th.media.replies')).toBe(2);
  });

  it('Meta’s errors through the Threads table: a revoked app is 623, nothing published', async () => {
    fake.revoke('th', META.appRemoved);
    const out = await comments.comment(write('no longer allowed'), ctx());
    expect(out).toMatchObject({ kind: 'failed', error: { code: 623, platform: 'threads' } });
    expect(repliesTo(postId)).toEqual([]);
  });

  it('a publish whose answer is lost is unknown (the core reconciles), and Threads holds one reply', async () => {
    fake.script('th.publish', { kind: 'drop', effect: true });
    const out = await comments.comment(write('lost publish'), ctx());
    expect(out.kind).toBe('unknown');
    expect(repliesTo(postId)).toHaveLength(1);
  });
});
