import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordingFetch, testContext } from '../../../test/contract/connector-contract.ts';
import { type FakeTikTok, startFakeTikTok } from '../../../test/fakes/tiktok/server.ts';
import { tiktokError } from '../../../test/fakes/tiktok/wire.ts';
import { type MediaServer, startMediaServer, TINY_JPEG } from '../../../test/helpers/media-server.ts';
import type { HeraldError } from '../../errors/herald-error.ts';
import type { LinkedAccount, PublishInput, PublishOutcome } from '../types.ts';
import { createTiktokConnector } from './connector.ts';
import { MB } from './media.ts';
import { NO_PUBLIC_ID_GIVE_UP_MS } from './poll.ts';

/** The contract's test context with the core's token renewal (the account's own OAuth client). */
const renewingContext = (url: string, fetchFn?: typeof fetch) =>
  testContext(url, fetchFn, { platform: 'tiktok', authUrl: fake.url });

const tiktok = createTiktokConnector({ chunkBytes: 5 * MB });
const SMALL = randomBytes(200_000);
const LARGE = randomBytes(11 * MB + 123);

let fake: FakeTikTok;
let media: MediaServer;
let account: LinkedAccount;

beforeAll(async () => {
  fake = await startFakeTikTok();
  media = await startMediaServer({
    '/small.mp4': { body: SMALL, type: 'video/mp4' },
    '/large.mp4': { body: LARGE, type: 'video/mp4' },
    '/stream.mp4': { body: SMALL, type: 'video/mp4', chunked: true },
    '/a.jpg': { body: TINY_JPEG, type: 'image/jpeg' },
  });
  account = { ...(await tiktok.verifyCredentials({ accessToken: fake.token }, renewingContext(fake.url))) };
});
afterAll(async () => {
  await fake?.close();
  await media?.close();
});
beforeEach(() => {
  fake.autoPublish = true;
});

function video(path = '/small.mp4', options: Record<string, unknown> = {}): PublishInput {
  return {
    targetId: randomUUID(),
    text: 'Line one\nline two',
    media: [{ url: media.url(path), kind: 'video' }],
    options,
    account,
  };
}

function pendingRef(outcome: PublishOutcome): string {
  if (outcome.kind !== 'pending') throw new Error(`expected pending, got ${JSON.stringify(outcome)}`);
  return outcome.ref;
}

describe('verifyCredentials', () => {
  it('links the creator: open_id, @username', () => {
    expect(account).toMatchObject({
      externalId: 'act.fake-open-id',
      username: 'herald.creator',
      displayName: 'Herald Creator',
      profileUrl: 'https://www.tiktok.com/@herald.creator',
    });
  });

  it('refuses a revoked token with 613 and TikTok’s code in details', async () => {
    const refused = await tiktok
      .verifyCredentials({ accessToken: 'act.revoked' }, renewingContext(fake.url))
      .catch((e) => e);
    expect((refused as HeraldError).spec).toMatchObject({
      code: 613,
      details: expect.stringMatching(/^access_token_invalid: /),
    });
  });
});

describe('publish and poll', () => {
  it('uploads a small video whole, answers pending, and the poll gets the exact 19-digit id', async () => {
    const sent = video();
    const ref = pendingRef(await tiktok.publish(sent, renewingContext(fake.url)));
    const publish = fake.publishes.all.get(ref);
    expect(publish).toMatchObject({
      complete: true,
      chunks: 1,
      size: SMALL.length,
      title: 'Line one line two',
    });
    const outcome = await tiktok.poll?.(ref, sent, renewingContext(fake.url));
    const id = publish?.postId ?? 'none';
    expect(id).toMatch(/^\d{19}$/);
    expect(outcome).toEqual({
      kind: 'published',
      id,
      postUrl: `https://www.tiktok.com/@herald.creator/video/${id}`,
    });
  });

  it('a private (SELF_ONLY) post never gets a public id: published under its publish id at once', async () => {
    const sent = video('/small.mp4', { visibility: 'private' });
    const ref = pendingRef(await tiktok.publish(sent, renewingContext(fake.url)));
    expect(fake.publishes.all.get(ref)).toMatchObject({ privacy: 'SELF_ONLY' });
    expect(await tiktok.poll?.(ref, sent, renewingContext(fake.url))).toEqual({
      kind: 'published',
      id: ref,
      postUrl: 'https://www.tiktok.com/@herald.creator',
      extra: { publicId: null },
    });
  });

  it('public asked but kept private by TikTok (unaudited app): polled for 72 h, then published under its publish id', async () => {
    const sent = video();
    const context = renewingContext(fake.url);
    const ref = pendingRef(await tiktok.publish(sent, context));
    const publish = fake.publishes.all.get(ref);
    // TikTok forces SELF_ONLY on every post of an unaudited client.
    if (publish) publish.privacy = 'SELF_ONLY';
    expect(await tiktok.poll?.(ref, sent, context)).toEqual({ kind: 'pending', ref, pollAfterMs: 600_000 });
    const since = context.progress.load()?.completeWithoutPublicIdSince as number;
    expect(typeof since).toBe('number');
    // Still in the window: asked again later, the first sighting kept.
    expect(await tiktok.poll?.(ref, sent, context)).toMatchObject({ kind: 'pending' });
    expect(context.progress.load()?.completeWithoutPublicIdSince).toBe(since);
    await context.progress.save({ completeWithoutPublicIdSince: since - NO_PUBLIC_ID_GIVE_UP_MS });
    expect(await tiktok.poll?.(ref, sent, context)).toMatchObject({ kind: 'published', id: ref });
  });

  it('uploads a large video in TikTok’s chunks (the last one takes the rest)', async () => {
    const chunks = fake.counts.chunks;
    const ref = pendingRef(await tiktok.publish(video('/large.mp4'), renewingContext(fake.url)));
    expect(fake.publishes.all.get(ref)).toMatchObject({ complete: true, chunks: 2, chunkSize: 5 * MB });
    expect(fake.counts.chunks).toBe(chunks + 2);
  });

  it('learns the size of a source without Content-Length before the init', async () => {
    const ref = pendingRef(await tiktok.publish(video('/stream.mp4'), renewingContext(fake.url)));
    expect(fake.publishes.all.get(ref)?.size).toBe(SMALL.length);
  });

  it('a source cut mid-way is read on from the next chunk with a Range request', async () => {
    const cut = 5 * MB + 100;
    const source = createServer((req, res) => {
      const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      if (range) {
        const from = Number(range[1]);
        const headers = {
          'content-type': 'video/mp4',
          'content-range': `bytes ${from}-${LARGE.length - 1}/${LARGE.length}`,
        };
        res.writeHead(206, headers).end(LARGE.subarray(from));
        return;
      }
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': LARGE.length });
      res.write(LARGE.subarray(0, cut), () => res.destroy());
    });
    await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(source.address() as AddressInfo).port}/cut.mp4`;
    const outcome = await tiktok.publish(
      { ...video(), media: [{ url, kind: 'video' }] },
      renewingContext(fake.url),
    );
    source.closeAllConnections();
    source.close();
    expect(fake.publishes.all.get(pendingRef(outcome))).toMatchObject({
      complete: true,
      received: LARGE.length,
    });
  });

  it('hands photos over by URL (PULL_FROM_URL)', async () => {
    const sent: PublishInput = {
      ...video(),
      media: [
        { url: media.url('/a.jpg'), kind: 'image' },
        { url: media.url('/a.jpg?2'), kind: 'image' },
      ],
      options: { title: 'Photos' },
    };
    const ref = pendingRef(await tiktok.publish(sent, renewingContext(fake.url)));
    expect(ref).toMatch(/^p_pub_url~v2\./);
    expect(fake.publishes.all.get(ref)).toMatchObject({ kind: 'photo', title: 'Photos' });
  });

  it('polls: processing stays pending, FAILED gives the catalog error of its fail_reason', async () => {
    fake.autoPublish = false;
    const sent = video();
    const ref = pendingRef(await tiktok.publish(sent, renewingContext(fake.url)));
    expect(await tiktok.poll?.(ref, sent, renewingContext(fake.url))).toEqual({
      kind: 'pending',
      ref,
      pollAfterMs: 30_000,
    });
    const publish = fake.publishes.all.get(ref);
    if (publish) fake.publishes.fail(publish, 'duration_check_failed');
    expect(await tiktok.poll?.(ref, sent, renewingContext(fake.url))).toMatchObject({
      kind: 'failed',
      error: { code: 136, platform: 'tiktok', details: 'fail_reason: duration_check_failed' },
    });
  });

  it('refuses a visibility the creator does not offer before the init', async () => {
    const privacy = fake.creator.privacy;
    fake.creator.privacy = ['SELF_ONLY'];
    const inits = fake.counts.inits;
    const outcome = await tiktok.publish(
      video('/small.mp4', { visibility: 'public' }),
      renewingContext(fake.url),
    );
    fake.creator.privacy = privacy;
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: { code: 622, details: expect.stringContaining('SELF_ONLY') },
    });
    expect(fake.counts.inits).toBe(inits);
  });

  it('a publish TikTok already holds is never sent again', async () => {
    const ctx = renewingContext(fake.url);
    const sent = video();
    const first = pendingRef(await tiktok.publish(sent, ctx));
    const inits = fake.counts.inits;
    expect(pendingRef(await tiktok.publish(sent, ctx))).toBe(first);
    expect(fake.counts.inits).toBe(inits);
  });

  it('a retry after TikTok failed the post posts it anew (a definite FAILED frees it)', async () => {
    fake.autoPublish = false;
    const ctx = renewingContext(fake.url);
    const sent = video();
    const first = pendingRef(await tiktok.publish(sent, ctx));
    const publish = fake.publishes.all.get(first);
    if (publish) fake.publishes.fail(publish, 'internal');
    const second = pendingRef(await tiktok.publish(sent, ctx));
    expect(second).not.toBe(first);
    expect(fake.publishes.all.get(second)?.complete).toBe(true);
  });

  it('the last chunk’s answer lost: the status shows TikTok has the file, so it is pending, not re-sent', async () => {
    fake.failNext('upload', { lost: true });
    const ref = pendingRef(await tiktok.publish(video(), renewingContext(fake.url)));
    expect(fake.publishes.all.get(ref)?.complete).toBe(true);
  });

  it('a chunk refused before the end: retryable, the abandoned publish never becomes a post', async () => {
    fake.failNext('upload', { reset: true });
    const outcome = await tiktok.publish(video('/large.mp4'), renewingContext(fake.url));
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 625 }, retryAfterMs: 30_000 });
  });

  it('photos whose answer was lost: unknown (they may be posted), never sent blindly again', async () => {
    fake.failNext('contentInit', { lost: true });
    const sent: PublishInput = { ...video(), media: [{ url: media.url('/a.jpg'), kind: 'image' }] };
    expect((await tiktok.publish(sent, renewingContext(fake.url))).kind).toBe('unknown');
  });

  it.each([
    ['spam_risk_too_many_posts', 624, undefined],
    ['rate_limit_exceeded', 624, 60_000],
    ['spam_risk_user_banned_from_posting', 627, undefined],
    ['internal_error', 625, 30_000],
  ])('init answering %s → %i', async (code, expected, retryAfterMs) => {
    fake.failNext('videoInit', tiktokError(code));
    const outcome = await tiktok.publish(video(), renewingContext(fake.url));
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: expected, platform: 'tiktok' } });
    expect(outcome.kind === 'failed' ? outcome.retryAfterMs : 'not failed').toBe(retryAfterMs);
  });
});

describe('access token refresh (the OAuth endpoint answers flat)', () => {
  it('renews an expired token once, stores the rotated pair, and publishes', async () => {
    const refreshable = {
      ...account,
      credentials: { ...account.credentials, refreshToken: fake.refreshToken, ...fake.app },
    };
    fake.expireToken();
    const ctx = renewingContext(fake.url);
    const outcome = await tiktok.publish({ ...video(), account: refreshable }, ctx);
    expect(outcome.kind).toBe('pending');
    expect(ctx.saved.at(-1)).toMatchObject({ accessToken: fake.token, refreshToken: fake.refreshToken });
    account = { ...account, credentials: { ...account.credentials, accessToken: fake.token } };
  });

  it('without a usable refresh token the publish fails with 623 (relink)', async () => {
    const stale = {
      ...account,
      credentials: { ...account.credentials, refreshToken: 'rft.used', ...fake.app },
    };
    fake.expireToken();
    const refreshes = fake.counts.refreshes;
    const outcome = await tiktok.publish({ ...video(), account: stale }, renewingContext(fake.url));
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 623 } });
    expect(fake.counts.refreshes).toBe(refreshes);
    account = { ...account, credentials: { ...account.credentials, accessToken: fake.token } };
  });
});

describe('comments (TikTok API for Business)', () => {
  const withBusiness = () => ({
    ...account,
    credentials: {
      ...account.credentials,
      businessId: fake.business.id,
      businessAccessToken: fake.business.token,
    },
  });
  const comments = tiktok.comments as NonNullable<typeof tiktok.comments>;
  const write = (postId: string, text: string) => ({
    key: 'k',
    postId,
    text,
    media: [],
    account: withBusiness(),
  });

  async function liveVideo(): Promise<string> {
    const sent = video();
    const ref = pendingRef(await tiktok.publish(sent, renewingContext(fake.url)));
    const live = await tiktok.poll?.(ref, sent, renewingContext(fake.url));
    return live?.kind === 'published' ? live.id : '';
  }

  it('comments, replies, lists and deletes on a published video', async () => {
    const postId = await liveVideo();
    const made = await comments.comment(write(postId, 'First!'), renewingContext(fake.url));
    expect(made).toMatchObject({ kind: 'commented', id: expect.stringMatching(/^\d{19}$/) });
    const parentId = made.kind === 'commented' ? made.id : '';
    const reply = await comments.reply(
      { ...write(postId, 'And a reply'), parentId },
      renewingContext(fake.url),
    );
    expect(reply).toMatchObject({ kind: 'commented' });
    expect(fake.comments.at(-1)).toMatchObject({ videoId: postId, parentId, text: 'And a reply' });

    const listed = await comments.list(
      { id: postId, of: 'post', account: withBusiness() },
      renewingContext(fake.url),
    );
    expect(listed).toMatchObject({
      kind: 'listed',
      comments: [
        {
          commentId: parentId,
          comment: 'First!',
          from: { id: fake.business.id, username: fake.business.username },
          hidden: false,
          likeCount: 0,
          postId,
          extra: { replyCount: 1, owner: true },
        },
      ],
    });
    const replies = await comments.list(
      { id: parentId, of: 'comment', postId, account: withBusiness() },
      renewingContext(fake.url),
    );
    expect(replies).toMatchObject({ kind: 'listed', comments: [{ comment: 'And a reply' }] });

    expect(
      await comments.delete({ commentId: parentId, account: withBusiness() }, renewingContext(fake.url)),
    ).toEqual({
      kind: 'deleted',
    });
    expect(fake.comments.some((c) => c.id === parentId)).toBe(false);
  });

  it('follows cursor/has_more in pages of 30 to the end', async () => {
    const postId = await liveVideo();
    for (let i = 0; i < 70; i += 1)
      fake.comments.push({
        id: `70000000000000${String(i).padStart(5, '0')}`,
        videoId: postId,
        text: `fan ${i}`,
        userId: 'u1',
        username: 'fan',
        createTime: 1_700_000_000 + i,
        likes: 0,
        owner: false,
      });
    const spy = recordingFetch();
    const listed = await comments.list(
      { id: postId, of: 'post', account: withBusiness() },
      testContext(fake.url, spy),
    );
    expect(listed.kind === 'listed' && listed.comments.length).toBe(70);
    expect(spy.urls.filter((u) => u.includes('/comment/list/'))).toHaveLength(3);
  });

  it('TikTok’s non-zero codes go through the table: a bad video id is 622 with TikTok’s words', async () => {
    const outcome = await comments.comment(write('7000000000000000000', 'x'), renewingContext(fake.url));
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: { code: 622, platform: 'tiktok', details: '40002: video_id is invalid.' },
    });
  });

  it('a revoked business token is 623; a lost answer is unknown, never a guess', async () => {
    const postId = await liveVideo();
    const revoked = {
      ...withBusiness(),
      credentials: { ...withBusiness().credentials, businessAccessToken: 'old' },
    };
    expect(
      await comments.comment({ ...write(postId, 'x'), account: revoked }, renewingContext(fake.url)),
    ).toMatchObject({
      kind: 'failed',
      error: { code: 623, details: '40105: The access token is invalid or has expired.' },
    });
    fake.failNext('comment', { lost: true });
    expect(await comments.comment(write(postId, 'lost'), renewingContext(fake.url))).toMatchObject({
      kind: 'unknown',
    });
    expect(fake.comments.filter((c) => c.text === 'lost')).toHaveLength(1);
  });

  it('without business credentials: 623 saying what to link, no call', async () => {
    const spy = recordingFetch();
    const outcome = await comments.comment(
      { ...write('7123456789012345678', 'x'), account },
      renewingContext(fake.url, spy),
    );
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: { code: 623, details: expect.stringContaining('businessId') },
    });
    expect(spy.urls).toEqual([]);
  });
});
