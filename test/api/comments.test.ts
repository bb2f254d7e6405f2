import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSandbox, startTestHerald, type TestHerald, X_KEYS } from '../helpers/herald.ts';

/**
 * The comments endpoints through the HTTP API, on sandbox accounts, called as Ayrshare's
 * SDK calls them (`source: "npm"` in every body and query; getComments and deleteComments
 * repeat the id in the query and body).
 */

let t: TestHerald;
let other: Record<string, string>;
beforeAll(async () => {
  t = await startTestHerald();
  await linkSandbox(t, ['facebook', 'instagram', 'tiktok', 'bluesky', 'pinterest']);
  const created = await t.request('POST', '/api/profiles', { title: 'Other brand' });
  other = { 'profile-key': String(created.body.profileKey) };
  await linkSandbox(t, ['facebook'], other);
});
afterAll(() => t?.stop());

async function publish(text: string, platforms: string[], extra: Record<string, unknown> = {}) {
  const res = await t.request('POST', '/api/post', {
    post: text,
    platforms,
    mediaUrls: ['https://example.com/a.jpg'],
    ...extra,
  });
  expect(res.status).toBe(200);
  return res.body as { id: string; postIds: { platform: string; id: string }[] };
}

/** Ayrshare's SDK: `doGet(\`comments/${id}\`, headers, params)` puts every param in the query, with source=npm. */
function getComments(params: Record<string, string>, headers: Record<string, string> = {}) {
  const query = new URLSearchParams({ ...params, source: 'npm' }).toString();
  return t.request('GET', `/api/comments/${params.id}?${query}`, undefined, headers);
}

const SEED_288 = {
  action: 'get',
  status: 'error',
  code: 288,
  message: 'TikTok video is still processing; the action is deferred until the post is live.',
  platform: 'tiktok',
};

describe('comments endpoints', () => {
  it.each([
    ['POST', '/api/comments'],
    ['GET', '/api/comments/abc'],
    ['POST', '/api/comments/reply'],
    ['DELETE', '/api/comments/abc'],
  ])('%s %s without a key → 102 (403)', async (method, url) => {
    const res = await t.herald.server?.inject({ method: method as 'GET', url });
    expect(res?.statusCode).toBe(403);
    expect(res?.json()).toMatchObject({ code: 102 });
  });

  it('postComment, getComments, replyComment and deleteComments as the SDK sends them', async () => {
    const post = await publish('Launch day', ['facebook', 'instagram']);
    const commented = await t.request('POST', '/api/comments', {
      id: post.id,
      platforms: ['instagram', 'facebook'],
      comment: 'What a comment',
      source: 'npm',
    });
    expect(commented.status).toBe(200);
    expect(Object.keys(commented.body)).toEqual(['status', 'id', 'commentId', 'facebook', 'instagram']);
    expect(commented.body).toMatchObject({
      status: 'success',
      id: post.id,
      commentId: expect.stringMatching(/^[A-Za-z0-9]{20}$/),
      facebook: {
        status: 'success',
        commentId: expect.stringMatching(/^\d+_\d+$/),
        comment: 'What a comment',
        platform: 'facebook',
      },
      instagram: {
        status: 'success',
        commentId: expect.stringMatching(/^18\d{15}$/),
        comment: 'What a comment',
        platform: 'instagram',
      },
    });

    const read = await getComments({ id: post.id });
    expect(read.status).toBe(200);
    const facebook = read.body.facebook as Record<string, unknown>[];
    expect(facebook.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(facebook[0] ?? {})).toEqual([
      'comment',
      'commentId',
      'created',
      'from',
      'hidden',
      'likeCount',
      'platform',
      'postId',
      'username',
    ]);
    // Deterministic: the same post reads the same audience every time.
    expect((await getComments({ id: post.id })).body).toEqual(read.body);

    const replied = await t.request('POST', '/api/comments/reply', {
      commentId: commented.body.commentId,
      platforms: ['facebook'],
      comment: 'Thanks!',
      source: 'npm',
    });
    expect(replied.status).toBe(200);
    expect(replied.body).toMatchObject({
      status: 'success',
      id: commented.body.commentId,
      facebook: {
        status: 'success',
        sourceCommentId: (commented.body.facebook as { commentId: string }).commentId,
        comment: 'Thanks!',
        platform: 'facebook',
      },
    });

    const deleted = await t.request('DELETE', `/api/comments/${post.id}`, { id: post.id, source: 'npm' });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({
      status: 'success',
      facebook: [
        { action: 'delete', status: 'success', comment: 'What a comment' },
        { action: 'delete', status: 'success', comment: 'Thanks!' },
      ],
      instagram: { action: 'delete', status: 'success', comment: 'What a comment' },
    });
    // Deleted comments are not deleted twice.
    expect((await t.request('DELETE', `/api/comments/${post.id}`, { id: post.id })).body).toEqual({
      status: 'success',
    });
  });

  it('seed 288 field by field, for a read, a comment and a reply (a sandbox trigger)', async () => {
    const post = await publish('Still processing #sandbox-fail-288', ['tiktok']);
    const read = await getComments({ id: post.id });
    expect(read.status).toBe(400);
    expect(JSON.stringify(read.body)).toBe(JSON.stringify({ status: 'error', errors: [SEED_288] }));
    const commented = await t.request('POST', '/api/comments', { id: post.id, comment: 'hi' });
    expect(commented.status).toBe(400);
    expect(commented.body).toEqual({ status: 'error', errors: [{ ...SEED_288, action: 'comment' }] });
  });

  it('a network without comments is 685; media where only Facebook, LinkedIn and X take it is 689; the rest goes out', async () => {
    const post = await publish('Pins and posts', ['pinterest', 'facebook', 'instagram']);
    const res = await t.request('POST', '/api/comments', {
      id: post.id,
      comment: 'With a picture',
      mediaUrls: ['https://example.com/b.jpg'],
    });
    expect(res.status).toBe(400);
    expect(res.body.status).toBe('error');
    expect(res.body.facebook).toMatchObject({ status: 'success' });
    expect(res.body.errors).toEqual([
      {
        action: 'comment',
        status: 'error',
        code: 689,
        message: 'Instagram cannot take media in a comment: only Facebook, LinkedIn and X take one image.',
        platform: 'instagram',
      },
      {
        action: 'comment',
        status: 'error',
        code: 685,
        message: 'Pinterest does not offer comments through its API.',
        platform: 'pinterest',
      },
    ]);
  });

  it('a lost answer: unconfirmed (687) where the network cannot be asked, found where it can (Bluesky)', async () => {
    const post = await publish('Lost answers', ['facebook', 'bluesky']);
    const res = await t.request('POST', '/api/comments', { id: post.id, comment: 'gone #sandbox-timeout' });
    expect(res.body.bluesky).toMatchObject({
      status: 'success',
      commentId: expect.stringMatching(/^at:\/\//),
    });
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        code: 687,
        platform: 'facebook',
        details: expect.stringContaining('#sandbox-timeout'),
      }),
    ]);
    const { rows } = await t.herald.app.pool.query<{ platform: string; state: string }>(
      'SELECT platform, state FROM comments WHERE post_id = $1 ORDER BY platform',
      [post.id],
    );
    expect(rows).toEqual([
      { platform: 'bluesky', state: 'posted' },
      { platform: 'facebook', state: 'unconfirmed' },
    ]);
  });

  it('firstComment on every network with comments, exactly once per network', async () => {
    const post = await publish('With a first comment', ['facebook', 'bluesky'], {
      firstComment: { comment: 'First!' },
    });
    await expect
      .poll(async () => {
        const { rows } = await t.herald.app.pool.query<{ platform: string; state: string }>(
          "SELECT platform, state FROM comments WHERE post_id = $1 AND kind = 'first' ORDER BY platform",
          [post.id],
        );
        return rows;
      })
      .toEqual([
        { platform: 'bluesky', state: 'posted' },
        { platform: 'facebook', state: 'posted' },
      ]);
    const deleted = await t.request('DELETE', `/api/comments/${post.id}`, { platform: 'facebook' });
    expect(deleted.body).toMatchObject({ status: 'success', facebook: { comment: 'First!' } });
    expect(deleted.body.bluesky).toBeUndefined();
  });

  it('another profile can never read, comment on, reply to or delete them (607)', async () => {
    const post = await publish('Mine only', ['facebook']);
    const commented = await t.request('POST', '/api/comments', { id: post.id, comment: 'ours' });
    const nativeId = (commented.body.facebook as { commentId: string }).commentId;
    const notFound = expect.objectContaining({ code: 607 });
    expect((await getComments({ id: post.id }, other)).body).toEqual(notFound);
    expect((await t.request('POST', '/api/comments', { id: post.id, comment: 'x' }, other)).body).toEqual(
      notFound,
    );
    expect(
      (
        await t.request(
          'POST',
          '/api/comments/reply',
          { commentId: commented.body.commentId, comment: 'x' },
          other,
        )
      ).body,
    ).toEqual(notFound);
    expect((await t.request('DELETE', `/api/comments/${post.id}`, {}, other)).body).toEqual(notFound);
    const byNativeId = await t.request(
      'DELETE',
      `/api/comments/${nativeId}`,
      { platform: 'facebook', searchPlatformId: true },
      other,
    );
    expect(byNativeId.status).toBe(404);
    expect(byNativeId.body).toEqual(notFound);
    const readNative = await getComments(
      { id: post.postIds[0]?.id ?? '', platform: 'facebook', searchPlatformId: 'true' },
      other,
    );
    expect(readNative.body).toEqual(notFound);
  });

  it('searchPlatformId: a network’s own ids, with exactly one platform', async () => {
    const post = await publish('Native ids', ['facebook']);
    const fbId = post.postIds[0]?.id ?? '';
    const commented = await t.request('POST', '/api/comments', {
      id: fbId,
      comment: 'by native id',
      platforms: ['facebook'],
      searchPlatformId: true,
    });
    expect(commented.body).toMatchObject({ status: 'success', id: fbId, facebook: { status: 'success' } });
    const two = await t.request('POST', '/api/comments', {
      id: fbId,
      comment: 'x',
      platforms: ['facebook', 'instagram'],
      searchPlatformId: true,
    });
    expect(two.status).toBe(400);
    expect(two.body).toMatchObject({
      code: 604,
      message: 'The request is not valid: searchPlatformId needs exactly one platform.',
    });
    const read = await getComments({ id: fbId, platform: 'facebook', searchPlatformId: 'true' });
    expect(read.body).toMatchObject({ status: 'success', id: fbId, facebook: expect.any(Array) });
    const nativeComment = (commented.body.facebook as { commentId: string }).commentId;
    const deleted = await t.request('DELETE', `/api/comments/${nativeComment}`, {
      id: nativeComment,
      platforms: ['facebook'],
      searchPlatformId: true,
    });
    expect(deleted.body).toEqual({
      status: 'success',
      facebook: { action: 'delete', status: 'success', id: nativeComment, comment: 'by native id' },
    });
  });

  it('a sandbox X account refuses a comment without the BYO key headers (419), as X does', async () => {
    const created = await t.request('POST', '/api/profiles', { title: 'X sandbox' });
    const headers = { 'profile-key': String(created.body.profileKey) };
    await linkSandbox(t, ['twitter'], headers);
    const res = await t.request(
      'POST',
      '/api/post',
      { post: 'On X', platforms: ['twitter'] },
      { ...headers, ...X_KEYS },
    );
    const without = await t.request(
      'POST',
      '/api/comments',
      { id: res.body.id, comment: 'no keys' },
      headers,
    );
    expect(without.status).toBe(400);
    expect(without.body).toMatchObject({ status: 'error', errors: [{ code: 419, platform: 'twitter' }] });
    const withKeys = await t.request(
      'POST',
      '/api/comments',
      { id: res.body.id, comment: 'with keys' },
      { ...headers, ...X_KEYS },
    );
    expect(withKeys.body).toMatchObject({ status: 'success', twitter: { status: 'success' } });
  });

  it('an unknown field is 631; an id that is no post of this profile is 607', async () => {
    expect(
      (await t.request('POST', '/api/comments', { id: 'x', comment: 'y', pinned: true })).body,
    ).toMatchObject({ code: 631 });
    const res = await t.request('POST', '/api/comments', { id: 'NoSuchPost', comment: 'y' });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 607 });
  });
});
