import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedAccountOf, testContext } from '../../../test/contract/connector-contract.ts';
import { LOST } from '../../../test/fakes/http.ts';
import { type LinkedInWorld, startLinkedInWorld } from '../../../test/fakes/linkedin/fixtures.ts';
import { type MediaServer, startMediaServer, TINY_JPEG } from '../../../test/helpers/media-server.ts';
import { classify } from '../shared/error-table.ts';
import type { CommentWrite, ConnectorContext, LinkedAccount } from '../types.ts';
import { commentParts, linkedinComments as comments } from './comments.ts';
import { linkedinConnector as linkedin } from './connector.ts';
import { LINKEDIN_COMMENT_ERRORS, LINKEDIN_COMMENT_READ_ERRORS } from './errors.ts';

/** LinkedIn comments against the fake Comments API, as a page (org) and as a member. */

let world: LinkedInWorld;
let media: MediaServer;
let page: LinkedAccount;
let member: LinkedAccount;

function ctx(): ConnectorContext {
  const context = testContext(world.fake.url);
  context.apiVersion = '202601';
  return context;
}

async function publishAs(account: LinkedAccount, text: string): Promise<string> {
  const out = await linkedin.publish({ targetId: text, text, media: [], options: {}, account }, ctx());
  if (out.kind !== 'published') throw new Error(JSON.stringify(out));
  return out.id;
}

beforeAll(async () => {
  world = await startLinkedInWorld();
  media = await startMediaServer({ '/a.jpg': { body: TINY_JPEG, type: 'image/jpeg' } });
  page = linkedAccountOf(
    await linkedin.verifyCredentials({ author: world.organization, accessToken: world.member.token }, ctx()),
  );
  member = linkedAccountOf(await linkedin.verifyCredentials(world.credentials, ctx()));
});
afterAll(async () => {
  await world?.fake.close();
  await media?.close();
});

const write = (account: LinkedAccount, postId: string, text: string, extra: Partial<CommentWrite> = {}) => ({
  key: 'k',
  text,
  media: [],
  account,
  postId,
  ...extra,
});

describe('LinkedIn comments', () => {
  it('as a page: comments, replies (on the comment’s URN), reads each level, deletes', async () => {
    const post = await publishAs(page, 'Page post');
    const commented = await comments.comment(write(page, post, 'Thanks, everyone'), ctx());
    expect(commented).toMatchObject({ kind: 'commented', extra: { commentUrn: expect.any(String) } });
    const urn = (commented as { id: string }).id;
    expect(commentParts(urn)).toEqual({ object: post, id: expect.stringMatching(/^\d+$/) });
    expect(world.fake.comments.at(-1)).toMatchObject({
      actor: world.organization,
      object: post,
      text: 'Thanks, everyone',
    });

    const replied = await comments.reply({ ...write(page, post, 'A reply'), parentId: urn }, ctx());
    expect(replied).toMatchObject({ kind: 'commented' });
    expect(world.fake.comments.at(-1)).toMatchObject({ parentComment: urn, object: post });

    const top = await comments.list({ id: post, of: 'post', account: page }, ctx());
    expect(top).toEqual({
      kind: 'listed',
      comments: [
        expect.objectContaining({
          commentId: urn,
          comment: 'Thanks, everyone',
          from: { id: world.organization, username: world.organization },
          postId: post,
          extra: { commentUrn: urn, replyCount: 1 },
        }),
      ],
    });
    const replies = await comments.list({ id: urn, of: 'comment', account: page }, ctx());
    expect(replies).toMatchObject({ kind: 'listed', comments: [{ comment: 'A reply', postId: urn }] });

    expect(await comments.delete({ commentId: urn, account: page, postId: post }, ctx())).toEqual({
      kind: 'deleted',
    });
    expect(world.fake.comments.find((c) => c.urn === urn)?.deleted).toBe(true);
    const again = await comments.delete({ commentId: urn, account: page, postId: post }, ctx());
    expect(again).toEqual({ kind: 'deleted' });
  });

  it('one image, uploaded with the actor as owner, rides on the comment', async () => {
    const post = await publishAs(page, 'Picture post');
    const out = await comments.comment(
      write(page, post, 'See this', { media: [{ url: media.url('/a.jpg'), kind: 'image' }] }),
      ctx(),
    );
    expect(out).toMatchObject({ kind: 'commented' });
    expect(world.fake.comments.at(-1)?.image).toMatch(/^urn:li:image:/);
  });

  it('pages through start/count until paging.total', async () => {
    const post = await publishAs(page, 'Busy post');
    for (let i = 0; i < 130; i += 1)
      world.fake.comments.push({
        id: `9${i}`,
        urn: `urn:li:comment:(${post},9${i})`,
        actor: 'urn:li:person:someone',
        object: post,
        text: `hello ${i}`,
        created: Date.now(),
        likes: 0,
        deleted: false,
      });
    const listed = await comments.list({ id: post, of: 'post', account: page }, ctx());
    expect(listed.kind === 'listed' && listed.comments.length).toBe(130);
  });

  it('as a member: comments go out (w_member_social); reading needs r_member_social, else 647', async () => {
    const post = await publishAs(member, 'Member post');
    expect(await comments.comment(write(member, post, 'My own comment'), ctx())).toMatchObject({
      kind: 'commented',
    });
    const read = await comments.list({ id: post, of: 'post', account: member }, ctx());
    expect(read).toMatchObject({
      kind: 'failed',
      error: { code: 647, platform: 'linkedin', details: expect.stringContaining('ACCESS_DENIED') },
    });
    world.member.scopes.add('r_member_social');
    try {
      expect(await comments.list({ id: post, of: 'post', account: member }, ctx())).toMatchObject({
        kind: 'listed',
        comments: [{ comment: 'My own comment' }],
      });
    } finally {
      world.member.scopes.delete('r_member_social');
    }
  });

  it('a comment on a post LinkedIn does not hold: 622 (404) from the comment table', async () => {
    const out = await comments.comment(write(page, 'urn:li:share:1', 'nowhere'), ctx());
    expect(out).toMatchObject({ kind: 'failed', error: { code: 622, platform: 'linkedin' } });
  });

  it('an answer lost after LinkedIn made the comment is unknown (the core reconciles)', async () => {
    const post = await publishAs(page, 'Lost answer post');
    world.fake.script({ method: 'POST', path: /\/comments$/, reply: LOST });
    const out = await comments.comment(write(page, post, 'lost'), ctx());
    expect(out.kind).toBe('unknown');
    expect(world.fake.comments.filter((c) => c.object === post)).toHaveLength(1);
  });
});

describe('LinkedIn comment tables', () => {
  it.each([
    [LINKEDIN_COMMENT_READ_ERRORS, { status: 403, code: 'ACCESS_DENIED', subcode: 100 }, 647],
    [LINKEDIN_COMMENT_ERRORS, { status: 403, code: 'ACCESS_DENIED', subcode: 100 }, 623],
    [LINKEDIN_COMMENT_ERRORS, { status: 404 }, 622],
    [LINKEDIN_COMMENT_READ_ERRORS, { status: 404 }, 622],
    [LINKEDIN_COMMENT_ERRORS, { status: 429 }, 624],
    [LINKEDIN_COMMENT_ERRORS, { status: 401, code: 'REVOKED_ACCESS_TOKEN', subcode: 65601 }, 623],
    [LINKEDIN_COMMENT_ERRORS, { status: 503 }, 625],
  ])('%#: %j → %i', (table, signal, code) => {
    expect(classify(table, signal)?.maps.code).toBe(code);
  });
});
