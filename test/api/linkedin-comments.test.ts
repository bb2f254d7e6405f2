import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOST } from '../fakes/http.ts';
import { type LinkedInWorld, startLinkedInWorld } from '../fakes/linkedin/fixtures.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * LinkedIn comments end to end: the HTTP API → the connector → the fake Comments API,
 * as an organization page (the primary profile) and as a member (a second profile).
 */

let world: LinkedInWorld;
let t: TestHerald;
let asMember: Record<string, string>;

beforeAll(async () => {
  world = await startLinkedInWorld();
  t = await startTestHerald({ env: { HERALD_LINKEDIN_API_URL: world.fake.url } });
  const pageLinked = await t.request('POST', '/api/accounts', {
    platform: 'linkedin',
    credentials: { author: world.organization, accessToken: world.member.token },
  });
  expect(pageLinked.status).toBe(200);
  const profile = await t.request('POST', '/api/profiles', { title: 'Member profile' });
  asMember = { 'profile-key': String(profile.body.profileKey) };
  const memberLinked = await t.request(
    'POST',
    '/api/accounts',
    { platform: 'linkedin', credentials: world.credentials },
    asMember,
  );
  expect(memberLinked.status).toBe(200);
});
afterAll(async () => {
  await t?.stop();
  await world?.fake.close();
});

async function publish(headers: Record<string, string> = {}, extra: Record<string, unknown> = {}) {
  const res = await t.request(
    'POST',
    '/api/post',
    { post: `Update ${randomUUID()}`, platforms: ['linkedin'], ...extra },
    headers,
  );
  expect(res.status).toBe(200);
  return { id: String(res.body.id), urn: (res.body.postIds as { id: string }[])[0]?.id as string };
}

const commentsOn = (urn: string) => world.fake.comments.filter((c) => c.object === urn && !c.deleted);

describe('LinkedIn comments through the API', () => {
  it('a page comments (commentUrn in the answer), reads, replies and deletes', async () => {
    const post = await publish();
    const res = await t.request('POST', '/api/comments', { id: post.id, comment: 'From the page' });
    expect(res.status).toBe(200);
    const entry = res.body.linkedin as { commentId: string; commentUrn: string };
    expect(res.body.linkedin).toEqual({
      status: 'success',
      commentId: entry.commentId,
      comment: 'From the page',
      commentUrn: entry.commentId,
      platform: 'linkedin',
    });
    expect(entry.commentId).toMatch(/^urn:li:comment:\(urn:li:share:\d+,\d+\)$/);

    const replied = await t.request('POST', '/api/comments/reply', {
      commentId: res.body.commentId,
      comment: 'Nested under it',
    });
    expect(replied.body).toMatchObject({ status: 'success', linkedin: { sourceCommentId: entry.commentId } });

    const read = await t.request('GET', `/api/comments/${post.id}`);
    expect(read.body.linkedin).toEqual([
      expect.objectContaining({
        commentId: entry.commentId,
        comment: 'From the page',
        commentUrn: entry.commentId,
      }),
    ]);
    const replies = await t.request(
      'GET',
      `/api/comments/${encodeURIComponent(entry.commentId)}?platform=linkedin&searchPlatformId=true&commentId=true`,
    );
    expect(replies.body.linkedin).toEqual([expect.objectContaining({ comment: 'Nested under it' })]);

    const deleted = await t.request('DELETE', `/api/comments/${post.id}`, {});
    expect(deleted.body).toMatchObject({
      status: 'success',
      linkedin: [{ action: 'delete' }, { action: 'delete' }],
    });
    expect(commentsOn(post.urn)).toEqual([]);
  });

  it('a lost answer: found among the page post’s comments, never sent twice', async () => {
    const post = await publish();
    world.fake.script({ method: 'POST', path: /\/comments$/, reply: LOST });
    const res = await t.request('POST', '/api/comments', { id: post.id, comment: 'Lost then found' });
    expect(res.body).toMatchObject({ status: 'success', linkedin: { comment: 'Lost then found' } });
    expect(commentsOn(post.urn)).toHaveLength(1);
  });

  it('a member comments; reading as a member is 647 (r_member_social), and a lost answer stays 687', async () => {
    const post = await publish(asMember);
    const ok = await t.request('POST', '/api/comments', { id: post.id, comment: 'Member comment' }, asMember);
    expect(ok.body).toMatchObject({ status: 'success', linkedin: { status: 'success' } });
    const read = await t.request('GET', `/api/comments/${post.id}`, undefined, asMember);
    expect(read.status).toBe(403);
    expect(read.body).toMatchObject({
      status: 'error',
      errors: [{ code: 647, action: 'get', platform: 'linkedin' }],
    });

    world.fake.script({ method: 'POST', path: /\/comments$/, reply: LOST });
    const lost = await t.request('POST', '/api/comments', { id: post.id, comment: 'Never twice' }, asMember);
    expect(lost.body).toMatchObject({ status: 'error', errors: [{ code: 687, platform: 'linkedin' }] });
    expect(commentsOn(post.urn).filter((c) => c.text === 'Never twice')).toHaveLength(1);
  });

  it('a firstComment on LinkedIn is posted once the post is live', async () => {
    const post = await publish({}, { firstComment: { comment: 'First on LinkedIn' } });
    await expect.poll(() => commentsOn(post.urn).map((c) => c.text)).toEqual(['First on LinkedIn']);
  });
});
