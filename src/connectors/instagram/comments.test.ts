import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/contract/connector-contract.ts';
import { META } from '../../../test/fakes/graph/meta-errors.ts';
import { type GraphFake, startGraphFake } from '../../../test/fakes/graph/server.ts';
import { newTargetId } from '../../app/target-ids.ts';
import type { CommentWrite, LinkedAccount } from '../types.ts';
import { createInstagramConnector } from './connector.ts';

/**
 * Instagram comments against the fake Graph API: `/{ig-media-id}/comments`, replies on
 * `/{ig-comment-id}/replies` (one level, as on Instagram), reads with `replies{…}` nested
 * and Graph's cursor pages, `DELETE /{ig-comment-id}`, Meta's errors through the table.
 */

const instagram = createInstagramConnector({ pollDelaysMs: [1, 1, 1] });
const comments = instagram.comments as NonNullable<typeof instagram.comments>;
let fake: GraphFake;
let account: LinkedAccount;
let mediaId: string;

const ctx = () => ({ ...testContext(fake.url), apiVersion: 'v23.0' });
const write = (text: string, extra: Partial<CommentWrite> = {}): CommentWrite => ({
  key: 'k',
  text,
  media: [],
  account,
  postId: mediaId,
  ...extra,
});

/** A comment by another Instagram user, as Meta would hold it. */
function audience(objectId: string, text: string, at = Date.now() + 1000) {
  const id = `18${String(fake.state.comments.size).padStart(15, '0')}`;
  fake.state.comments.set(id, {
    id,
    family: 'ig',
    owner: fake.instagram.id,
    objectId,
    message: text,
    from: { id: '17841400000000001', name: 'Fan', username: 'a_fan' },
    createdAt: at,
    hidden: false,
    likeCount: 5,
  });
  return id;
}

beforeEach(async () => {
  fake = await startGraphFake();
  account = {
    externalId: fake.instagram.id,
    username: fake.instagram.username,
    displayName: fake.instagram.name,
    credentials: { igUserId: fake.instagram.id, accessToken: fake.instagram.token },
  };
  const published = await instagram.publish(
    {
      targetId: newTargetId(),
      text: `caption ${randomUUID()}`,
      media: [{ url: 'https://media.example.com/a.jpg', kind: 'image' }],
      options: {},
      account,
    },
    ctx(),
  );
  if (published.kind !== 'published') throw new Error(JSON.stringify(published));
  mediaId = published.id;
});
afterEach(() => fake.close());

describe('Instagram comments', () => {
  it('comments on the media, replies on a comment, reads them nested, deletes', async () => {
    const commented = await comments.comment(write('Thanks for the love'), ctx());
    expect(commented).toMatchObject({ kind: 'commented', id: expect.stringMatching(/^18\d{15}$/) });
    const fan = audience(mediaId, 'Gorgeous');
    const replied = await comments.reply({ ...write('Thank you!'), parentId: fan }, ctx());
    expect(replied).toMatchObject({ kind: 'commented' });
    expect(fake.requests.filter((r) => r.route === 'ig.replies').map((r) => r.params.message)).toEqual([
      'Thank you!',
    ]);

    const listed = await comments.list({ id: mediaId, of: 'post', account }, ctx());
    expect(listed).toEqual({
      kind: 'listed',
      comments: [
        expect.objectContaining({
          commentId: (commented as { id: string }).id,
          comment: 'Thanks for the love',
          from: { id: fake.instagram.id, username: fake.instagram.username },
          postId: mediaId,
        }),
        expect.objectContaining({
          commentId: fan,
          comment: 'Gorgeous',
          from: { id: '17841400000000001', username: 'a_fan' },
          likeCount: 5,
          replies: [expect.objectContaining({ comment: 'Thank you!', postId: fan })],
        }),
      ],
    });
    const replies = await comments.list({ id: fan, of: 'comment', account }, ctx());
    expect(replies).toMatchObject({ kind: 'listed', comments: [{ comment: 'Thank you!' }] });

    const id = (commented as { id: string }).id;
    expect(await comments.delete({ commentId: id, account }, ctx())).toEqual({ kind: 'deleted' });
    expect(fake.state.comments.has(id)).toBe(false);
  });

  it('follows Graph’s cursor pages (after, while paging.next) to the end', async () => {
    for (let i = 0; i < 230; i += 1) audience(mediaId, `comment ${i}`, Date.now() + i);
    const listed = await comments.list({ id: mediaId, of: 'post', account }, ctx());
    expect(listed.kind === 'listed' && listed.comments.length).toBe(230);
    expect(fake.count('ig.comments.list')).toBe(3);
  });

  it('Meta’s errors through Instagram’s table: an expired session is 623', async () => {
    fake.revoke('ig', META.sessionExpired);
    const out = await comments.comment(write('expired'), ctx());
    expect(out).toMatchObject({ kind: 'failed', error: { code: 623, platform: 'instagram' } });
  });

  it('an answer lost after Meta made the comment is unknown, never a failure (the core reconciles)', async () => {
    fake.script('ig.comments', { kind: 'drop', effect: true });
    const out = await comments.comment(write('dropped answer'), ctx());
    expect(out.kind).toBe('unknown');
    expect([...fake.state.comments.values()].filter((c) => c.objectId === mediaId)).toHaveLength(1);
  });
});
