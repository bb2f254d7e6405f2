import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordingFetch, testContext } from '../../../test/contract/connector-contract.ts';
import { loopbackPolicy } from '../../../test/fakes/media-server/loopback-fetch.ts';
import { YOUTUBE_FAILURES } from '../../../test/fakes/youtube/errors.ts';
import { type FakeYouTube, startFakeYouTube } from '../../../test/fakes/youtube/server.ts';
import {
  type MediaServer,
  solidPng,
  startMediaServer,
  TINY_JPEG,
} from '../../../test/helpers/media-server.ts';
import type { HeraldError } from '../../errors/herald-error.ts';
import { fetchAdapter } from '../../media/fetch-adapter.ts';
import type { LinkedAccount, PublishInput, PublishOutcome, ReconcileOutcome } from '../types.ts';
import { createYoutubeConnector } from './connector.ts';
import { CHUNK_UNIT } from './upload.ts';

const youtubeConnector = createYoutubeConnector({ chunkBytes: CHUNK_UNIT });
const VIDEO = randomBytes(CHUNK_UNIT * 3 + 12_345);
const BIG_PNG = Buffer.concat([solidPng(4, 4, [200, 10, 10]), randomBytes(3 * 1024 * 1024)]);

let yt: FakeYouTube;
let media: MediaServer;
let account: LinkedAccount;

beforeAll(async () => {
  yt = await startFakeYouTube();
  media = await startMediaServer({
    '/clip.mp4': { body: VIDEO, type: 'video/mp4' },
    '/stream.mp4': { body: VIDEO, type: 'video/mp4', chunked: true },
    '/thumb.png': { body: solidPng(8, 8, [0, 128, 255]), type: 'image/png' },
    '/thumb.jpg': { body: TINY_JPEG, type: 'image/jpeg' },
    '/big.png': { body: BIG_PNG, type: 'image/png' },
    '/big-stream.png': { body: BIG_PNG, type: 'image/png', chunked: true },
    '/thumb.webp': { body: Buffer.from('RIFF0000WEBPVP8 '), type: 'image/webp' },
  });
  const verified = await youtubeConnector.verifyCredentials({ accessToken: yt.token }, testContext(yt.url));
  account = { ...verified };
});
afterAll(async () => {
  await yt?.close();
  await media?.close();
});
beforeEach(() => {
  if (yt.channel) yt.channel.verified = true;
});

function input(options: Record<string, unknown> = {}, video = '/clip.mp4'): PublishInput {
  return {
    targetId: randomUUID(),
    text: 'A description',
    media: [{ url: media.url(video), kind: 'video' }],
    options: { title: 'A title', ...options },
    account,
  };
}

function published(outcome: ReconcileOutcome): Extract<PublishOutcome, { kind: 'published' }> {
  if (outcome.kind !== 'published') throw new Error(`expected published, got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('verifyCredentials', () => {
  it('links the channel of the token', () => {
    expect(account).toMatchObject({
      externalId: 'UC_fake_channel_0001',
      username: '@heraldtest',
      displayName: 'Herald Test Channel',
      credentials: { accessToken: yt.token },
    });
  });

  it('refuses a revoked token (613, Google’s reason in details) and an account without a channel', async () => {
    const refused = await youtubeConnector
      .verifyCredentials({ accessToken: 'ya29.revoked' }, testContext(yt.url))
      .catch((error: unknown) => error);
    expect((refused as HeraldError).spec).toMatchObject({
      code: 613,
      details: 'authError: Invalid Credentials',
    });
    const channel = yt.channel;
    yt.channel = null;
    const none = await youtubeConnector
      .verifyCredentials({ accessToken: yt.token }, testContext(yt.url))
      .catch((e) => e);
    yt.channel = channel;
    expect((none as HeraldError).spec).toMatchObject({
      code: 613,
      details: expect.stringContaining('no YouTube channel'),
    });
  });
});

describe('publish', () => {
  it('uploads in 256 KiB chunks through one session and sends the metadata', async () => {
    const before = yt.sessions.completed;
    const outcome = published(
      await youtubeConnector.publish(
        input({
          tags: ['herald', 'test'],
          madeForKids: true,
          shorts: true,
          categoryId: 22,
          visibility: 'unlisted',
        }),
        testContext(yt.url),
      ),
    );
    expect(outcome.postUrl).toBe(`https://www.youtube.com/watch?v=${outcome.id}`);
    expect(outcome.warnings).toBeUndefined();
    const video = yt.videos.get(outcome.id);
    expect(video?.bytes.equals(VIDEO)).toBe(true);
    expect(video?.snippet).toMatchObject({
      title: 'A title #Shorts',
      description: 'A description',
      tags: ['herald', 'test'],
      categoryId: '22',
    });
    expect(video?.status).toMatchObject({ privacyStatus: 'unlisted', selfDeclaredMadeForKids: true });
    expect(yt.sessions.completed).toBe(before + 1);
  });

  it('streams a source without Content-Length (size announced only with the last chunk)', async () => {
    const outcome = published(await youtubeConnector.publish(input({}, '/stream.mp4'), testContext(yt.url)));
    expect(yt.videos.get(outcome.id)?.bytes.equals(VIDEO)).toBe(true);
    expect(yt.videos.get(outcome.id)?.status.privacyStatus).toBe('private');
  });

  it('refuses a post without a title before any call', async () => {
    const spy = recordingFetch();
    const outcome = await youtubeConnector.publish(input({ title: '  ' }), testContext(yt.url, spy));
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 620 } });
    expect(spy.urls).toEqual([]);
  });

  it('a reset after a chunk arrived: 454 retryable, and the retry resumes the same session', async () => {
    const ctx = testContext(yt.url);
    const sent = input();
    const [opened, completed] = [yt.counts.opened, yt.sessions.completed];
    yt.failNext('chunk', { pass: true });
    yt.failNext('chunk', { lost: true });
    const first = await youtubeConnector.publish(sent, ctx);
    expect(first).toMatchObject({
      kind: 'failed',
      error: { code: 454, platform: 'youtube' },
      retryAfterMs: 30_000,
    });
    expect(ctx.progress.load()).toMatchObject({ targetId: sent.targetId, session: { size: VIDEO.length } });
    const chunks = yt.counts.chunks;
    const second = published(await youtubeConnector.publish(sent, ctx));
    // Two of four chunks were stored: only the other two are sent.
    expect(yt.counts.chunks).toBe(chunks + 2);
    expect(yt.videos.get(second.id)?.bytes.equals(VIDEO)).toBe(true);
    expect(yt.counts.opened).toBe(opened + 1);
    expect(yt.sessions.completed).toBe(completed + 1);
  });

  it('the answer of the last chunk lost: reconcile and the retry find the video, nothing is sent again', async () => {
    const ctx = testContext(yt.url);
    const sent = input();
    const completed = yt.sessions.completed;
    for (const step of [{ pass: true }, { pass: true }, { pass: true }, { lost: true }] as const)
      yt.failNext('chunk', step);
    expect(await youtubeConnector.publish(sent, ctx)).toMatchObject({ kind: 'failed', error: { code: 454 } });
    expect(yt.sessions.completed).toBe(completed + 1);
    const chunks = yt.counts.chunks;
    const found = published((await youtubeConnector.reconcile?.(sent, ctx)) ?? { kind: 'not-found' });
    const retried = published(await youtubeConnector.publish(sent, ctx));
    expect(retried.id).toBe(found.id);
    expect(yt.counts.chunks).toBe(chunks);
    expect(yt.sessions.completed).toBe(completed + 1);
    expect(yt.videos.get(found.id)?.bytes.equals(VIDEO)).toBe(true);
  });

  it('reconcile: an upload that never started or is unfinished is certainly not a video', async () => {
    const ctx = testContext(yt.url);
    const sent = input();
    expect(await youtubeConnector.reconcile?.(sent, ctx)).toEqual({ kind: 'not-found' });
    yt.failNext('chunk', { lost: true });
    await youtubeConnector.publish(sent, ctx);
    expect(await youtubeConnector.reconcile?.(sent, ctx)).toEqual({ kind: 'not-found' });
  });

  it('YouTube keeps only part of a chunk: the rest is read again from the source and sent', async () => {
    const twoUnits = createYoutubeConnector({ chunkBytes: CHUNK_UNIT * 2 });
    yt.failNext('chunk', { partial: CHUNK_UNIT });
    const outcome = published(await twoUnits.publish(input(), testContext(yt.url)));
    expect(yt.videos.get(outcome.id)?.bytes.equals(VIDEO)).toBe(true);
  });

  it('a source cut mid-way (media fetch deadline, dropped connection) is read on with a Range request', async () => {
    const cut = CHUNK_UNIT * 2 + 100;
    const source = createServer((req, res) => {
      const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      if (range) {
        const from = Number(range[1]);
        const headers = {
          'content-type': 'video/mp4',
          'content-range': `bytes ${from}-${VIDEO.length - 1}/${VIDEO.length}`,
        };
        res.writeHead(206, headers).end(VIDEO.subarray(from));
        return;
      }
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': VIDEO.length });
      res.write(VIDEO.subarray(0, cut), () => res.destroy());
    });
    await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(source.address() as AddressInfo).port}/cut.mp4`;
    const sent = { ...input(), media: [{ url, kind: 'video' as const }] };
    const opened = yt.counts.opened;
    const outcome = published(await youtubeConnector.publish(sent, testContext(yt.url)));
    source.closeAllConnections();
    source.close();
    expect(yt.videos.get(outcome.id)?.bytes.equals(VIDEO)).toBe(true);
    expect(yt.counts.opened).toBe(opened + 1);
  });

  it('a source past the media size cap fails (136) and is not read on around the cap', async () => {
    const ctx = {
      ...testContext(yt.url),
      fetchMedia: fetchAdapter(loopbackPolicy({ maxBytes: CHUNK_UNIT * 2 })),
    };
    const requests = media.requests.length;
    const outcome = await youtubeConnector.publish(input(), ctx);
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 136, platform: 'youtube' } });
    expect(media.requests.length).toBe(requests + 1);
  });

  it('an expired session (404) is started over once', async () => {
    const ctx = testContext(yt.url);
    const sent = input();
    yt.failNext('chunk', { reset: true });
    expect(await youtubeConnector.publish(sent, ctx)).toMatchObject({ kind: 'failed', error: { code: 454 } });
    yt.sessions.expireAll();
    const opened = yt.counts.opened;
    const outcome = published(await youtubeConnector.publish(sent, ctx));
    expect(yt.counts.opened).toBe(opened + 1);
    expect(yt.videos.get(outcome.id)?.bytes.equals(VIDEO)).toBe(true);
  });

  it.each([
    ['open', YOUTUBE_FAILURES.zeroQuota(), { code: 646 }, undefined],
    ['open', YOUTUBE_FAILURES.quotaExceeded(), { code: 628 }, undefined],
    ['open', YOUTUBE_FAILURES.uploadsPerDay(), { code: 628, variant: 'uploads' }, undefined],
    ['open', YOUTUBE_FAILURES.uploadLimitExceeded(), { code: 629 }, undefined],
    ['open', YOUTUBE_FAILURES.authError(), { code: 623 }, undefined],
    ['chunk', YOUTUBE_FAILURES.ingestTimeout(), { code: 453 }, 90_000],
    ['chunk', YOUTUBE_FAILURES.backendError(), { code: 454 }, 30_000],
  ] as const)('%s answering %j → %j', async (route, answer, error, retryAfterMs) => {
    yt.failNext(route, answer);
    const outcome = await youtubeConnector.publish(input(), testContext(yt.url));
    expect(outcome).toMatchObject({ kind: 'failed', error: { ...error, platform: 'youtube' } });
    expect(outcome.kind === 'failed' ? outcome.retryAfterMs : 'not failed').toBe(retryAfterMs);
  });
});

describe('thumbnail (seed 307): never fails the post', () => {
  const VERIFY_MESSAGE =
    'Your YouTube channel must be verified to set a custom thumbnail. Verify your channel at https://www.youtube.com/verify (phone verification). If your channel is already verified, try unlinking and re-linking your YouTube account to restore permissions.';

  it.each(['/thumb.png', '/thumb.jpg'])('sets %s after the upload', async (path) => {
    const outcome = published(
      await youtubeConnector.publish(input({ thumbNail: media.url(path) }), testContext(yt.url)),
    );
    expect(outcome.warnings).toBeUndefined();
    expect(outcome.extra).toBeUndefined();
    expect(yt.thumbnails.get(outcome.id)?.type).toBe(path.endsWith('.png') ? 'image/png' : 'image/jpeg');
  });

  it.each([
    ['/big.png', 'the file is larger than 2 MB'],
    ['/big-stream.png', 'the file is larger than 2 MB'],
    ['/thumb.webp', 'the file is not a PNG or JPG (image/webp)'],
    ['/missing.png', 'the URL answered HTTP 404'],
  ])('%s is skipped before anything is sent: success with the 307 warning (%s)', async (path, reason) => {
    const completed = yt.sessions.completed;
    const outcome = published(
      await youtubeConnector.publish(input({ thumbNail: media.url(path) }), testContext(yt.url)),
    );
    expect(outcome.warnings).toEqual([
      { code: 307, variant: 'invalid', feature: 'thumbnail', params: { reason } },
    ]);
    expect(outcome.extra).toEqual({
      thumbnail: {
        action: 'post',
        status: 'error',
        code: 307,
        message: `The custom thumbnail was not applied: ${reason}. The video was published without it.`,
      },
    });
    expect(yt.sessions.completed).toBe(completed + 1);
    expect(yt.thumbnails.has(outcome.id)).toBe(false);
  });

  it('an unverified channel (403 forbidden after the upload) gives the seed’s verification message', async () => {
    if (yt.channel) yt.channel.verified = false;
    const outcome = published(
      await youtubeConnector.publish(input({ thumbNail: media.url('/thumb.png') }), testContext(yt.url)),
    );
    const upstream =
      "The authenticated user doesn't have permissions to upload and set custom video thumbnails.";
    expect(outcome.warnings).toEqual([{ code: 307, feature: 'thumbnail', details: upstream }]);
    expect(outcome.extra?.thumbnail).toEqual({
      action: 'post',
      status: 'error',
      code: 307,
      message: VERIFY_MESSAGE,
      details: upstream,
    });
  });

  it('a retry after the thumbnail step does not set it again', async () => {
    const ctx = testContext(yt.url);
    const sent = input({ thumbNail: media.url('/thumb.png'), playListId: 'PL_missing' });
    const first = await youtubeConnector.publish(sent, ctx);
    expect(first).toMatchObject({
      kind: 'failed',
      error: {
        code: 176,
        details: expect.stringMatching(
          /is uploaded; adding it to playlist PL_missing failed: playlistNotFound/,
        ),
      },
    });
    const requests = media.requests.length;
    yt.playlists.set('PL_missing', []);
    const second = published(await youtubeConnector.publish(sent, ctx));
    expect(media.requests.length).toBe(requests);
    expect(yt.playlists.get('PL_missing')).toEqual([second.id]);
  });
});

describe('delete', () => {
  it('deletes the video (204), and a video already gone counts as deleted', async () => {
    const outcome = published(await youtubeConnector.publish(input(), testContext(yt.url)));
    const remove = youtubeConnector.delete;
    expect(await remove?.({ id: outcome.id, account }, testContext(yt.url))).toEqual({ kind: 'deleted' });
    expect(yt.videos.has(outcome.id)).toBe(false);
    expect(await remove?.({ id: outcome.id, account }, testContext(yt.url))).toEqual({ kind: 'deleted' });
  });
});
