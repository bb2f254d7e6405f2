import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedAccountOf, testContext } from '../../../test/contract/connector-contract.ts';
import { X_BODIES } from '../../../test/fakes/x/bodies.ts';
import { byoHeaders, perTargetProgress, startXWorld, type XWorld } from '../../../test/fakes/x/fixtures.ts';
import { type MediaServer, startMediaServer, TINY_JPEG } from '../../../test/helpers/media-server.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import type { ConnectorContext, LinkedAccount, PublishInput, PublishOutcome } from '../types.ts';
import { twitterConnector as x } from './connector.ts';
import { CHUNK_BYTES } from './media.ts';

let world: XWorld;
let media: MediaServer;
let account: LinkedAccount;
const VIDEO = Buffer.alloc(CHUNK_BYTES + 1000, 7);

beforeAll(async () => {
  world = await startXWorld();
  media = await startMediaServer({
    '/a.jpg': { body: TINY_JPEG, type: 'image/jpeg' },
    '/b.jpg': { body: TINY_JPEG, type: 'image/jpeg', chunked: true },
    '/clip.mp4': { body: VIDEO, type: 'video/mp4' },
    '/big.jpg': { body: Buffer.alloc(5 * 1024 * 1024 + 1), type: 'image/jpeg' },
  });
  account = linkedAccountOf(
    await x.verifyCredentials(world.credentials, testContext(world.fake.url), world.keys),
  );
});
afterAll(async () => {
  await world?.fake.close();
  await media?.close();
});

function input(text: string, extra: Partial<PublishInput> = {}): PublishInput {
  return {
    targetId: randomUUID(),
    text,
    media: [],
    options: {},
    account,
    requestSecrets: world.keys,
    ...extra,
  };
}

function ctx(): ConnectorContext & { logs: string[] } {
  return testContext(world.fake.url);
}

function published(outcome: PublishOutcome): Extract<PublishOutcome, { kind: 'published' }> {
  if (outcome.kind !== 'published') throw new Error(`expected published, got ${JSON.stringify(outcome)}`);
  return outcome;
}

async function refusal(promise: Promise<unknown>): Promise<HeraldError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(HeraldError);
  return error as HeraldError;
}

describe('verifyCredentials', () => {
  it('links with GET /2/users/me signed by the request’s keys, and stores only the tokens', async () => {
    const verified = await x.verifyCredentials(world.credentials, ctx(), world.keys);
    expect(verified).toEqual({
      externalId: world.user.id,
      username: 'heraldtest',
      displayName: 'Herald Test',
      profileUrl: 'https://x.com/heraldtest',
      credentials: world.credentials,
    });
    expect(JSON.stringify(verified)).not.toContain(world.app.secret);
  });

  it('refuses to link without the keys (419), with tokens of another app (613) or read-only ones (417)', async () => {
    expect((await refusal(x.verifyCredentials(world.credentials, ctx(), {}))).spec).toEqual({
      code: 419,
      platform: 'twitter',
    });
    const other = world.fake.addApp({ key: 'other-app', secret: 'other-secret' });
    const mismatch = await refusal(x.verifyCredentials(world.credentials, ctx(), byoHeaders(other)));
    expect(mismatch.spec).toMatchObject({ code: 613, details: 'HTTP 401: about:blank: Unauthorized' });
    const reader = world.fake.addUser({
      username: 'reader',
      token: 'r-token',
      tokenSecret: 'r-secret',
      appKey: world.app.key,
      accessLevel: 'read',
    });
    const readOnly = await refusal(
      x.verifyCredentials(
        { accessToken: reader.token, accessTokenSecret: reader.tokenSecret },
        ctx(),
        world.keys,
      ),
    );
    expect(readOnly.spec).toEqual({ code: 417, platform: 'twitter' });
  });
});

describe('publish', () => {
  it('posts images with alt text through the one-shot upload', async () => {
    const outcome = published(
      await x.publish(
        input('two images', {
          media: [
            { url: media.url('/a.jpg'), kind: 'image' },
            { url: media.url('/b.jpg'), kind: 'image', altText: 'second' },
          ],
          options: { altText: ['first'] },
        }),
        ctx(),
      ),
    );
    const tweet = world.fake.tweets.find((t) => t.id === outcome.id);
    expect(tweet?.mediaIds).toHaveLength(2);
    expect(tweet?.mediaIds.map((id) => world.fake.media.get(id)?.altText)).toEqual(['first', 'second']);
    expect(outcome.postUrl).toBe(`https://x.com/heraldtest/status/${outcome.id}`);
  });

  it('uploads a video in chunks and waits for processing before posting', async () => {
    world.fake.checkAfterSecs = 0;
    world.fake.processingPolls = 2;
    const outcome = published(
      await x.publish(input('a clip', { media: [{ url: media.url('/clip.mp4'), kind: 'video' }] }), ctx()),
    );
    const [mediaId] = world.fake.tweets.find((t) => t.id === outcome.id)?.mediaIds ?? [];
    const stored = world.fake.media.get(mediaId ?? '');
    expect(stored).toMatchObject({
      category: 'tweet_video',
      mediaType: 'video/mp4',
      totalBytes: VIDEO.length,
      state: 'succeeded',
    });
    expect([...(stored?.chunks.keys() ?? [])]).toEqual([0, 1]);
    expect(world.fake.calls('GET', '/2/media/upload')).toBeGreaterThanOrEqual(3);
  });

  it('refuses an image over 5 MB before any call to X', async () => {
    const before = world.fake.requests.length;
    const outcome = await x.publish(
      input('big', { media: [{ url: media.url('/big.jpg'), kind: 'image' }] }),
      ctx(),
    );
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 136, platform: 'twitter' } });
    expect(world.fake.requests.length).toBe(before);
  });

  it('posts a poll and a quote on the first tweet', async () => {
    const poll = published(
      await x.publish(input('Which?', { options: { poll: { duration: 60, options: ['a', 'b'] } } }), ctx()),
    );
    expect(world.fake.tweets.find((t) => t.id === poll.id)?.poll).toEqual({
      options: ['a', 'b'],
      duration_minutes: 60,
    });
    const quote = published(await x.publish(input('Look', { options: { quoteTweetId: poll.id } }), ctx()));
    expect(world.fake.tweets.find((t) => t.id === quote.id)?.quote).toBe(poll.id);
  });

  it('a thread chains each part to the previous one and records each in progress', async () => {
    const context = ctx();
    const outcome = published(
      await x.publish(
        input('one\n\ntwo\n\nthree', { options: { thread: true, threadNumber: true } }),
        context,
      ),
    );
    const segments = context.progress.load()?.segments as string[];
    expect(segments[0]).toBe(outcome.id);
    const tweets = segments.map((id) => world.fake.tweets.find((t) => t.id === id));
    expect(tweets.map((t) => t?.text)).toEqual(['one 1/3', 'two 2/3', 'three 3/3']);
    expect(tweets.map((t) => t?.replyTo)).toEqual([undefined, segments[0], segments[1]]);
  });

  it('resumes a thread after the last recorded part, never re-posting one', async () => {
    const sent = input(`part a ${randomUUID()}\n\npart b\n\npart c\n\npart d`, { options: { thread: true } });
    const store = new Map<string, Record<string, unknown>>();
    world.fake.script({ method: 'POST', path: '/2/tweets', skip: 2, reply: X_BODIES.credits('1') });
    const first = await x.publish(sent, perTargetProgress(ctx(), sent.targetId, store));
    expect(first).toMatchObject({ kind: 'failed', error: { code: 416 } });
    expect(first).not.toHaveProperty('retryAfterMs');
    const done = store.get(sent.targetId)?.segments as string[];
    expect(done).toHaveLength(2);
    const calls = world.fake.calls('POST', '/2/tweets');
    const outcome = published(await x.publish(sent, perTargetProgress(ctx(), sent.targetId, store)));
    expect(world.fake.calls('POST', '/2/tweets')).toBe(calls + 2);
    const all = store.get(sent.targetId)?.segments as string[];
    expect(all.slice(0, 2)).toEqual(done);
    expect(outcome.id).toBe(done[0]);
    expect(world.fake.tweets.find((t) => t.id === all[2])?.replyTo).toBe(done[1]);
    // Everything already posted: a further attempt sends nothing.
    expect(published(await x.publish(sent, perTargetProgress(ctx(), sent.targetId, store))).id).toBe(done[0]);
    expect(world.fake.calls('POST', '/2/tweets')).toBe(calls + 2);
  });

  it('429: failed with the wait until x-rate-limit-reset; 5xx on the tweet: unknown', async () => {
    const reset = Math.floor(Date.now() / 1000) + 120;
    world.fake.script({ method: 'POST', path: '/2/tweets', reply: X_BODIES.tooManyRequests(reset) });
    const limited = await x.publish(input('limited'), ctx());
    expect(limited).toMatchObject({
      kind: 'failed',
      error: { code: 624, params: { retryAfter: expect.any(Number) } },
    });
    if (limited.kind !== 'failed') return;
    expect(limited.retryAfterMs).toBe(Number(limited.error.params?.retryAfter) * 1000);
    expect(limited.retryAfterMs).toBeGreaterThan(100_000);
    world.fake.script({
      method: 'POST',
      path: '/2/tweets',
      reply: { status: 503, body: { title: 'Service Unavailable' } },
    });
    expect(await x.publish(input('maybe'), ctx())).toMatchObject({ kind: 'unknown' });
  });

  it('a 403 about:blank on the tweet is 110, with X’s words in the log only', async () => {
    const context = ctx();
    published(await x.publish(input('same words'), ctx()));
    const again = await x.publish(input('same words'), context);
    expect(again).toEqual({
      kind: 'failed',
      error: { code: 110, platform: 'twitter', params: { platformName: 'X/Twitter' } },
    });
    expect(context.logs).toContain('x: 403 about:blank reported as 110');
  });
});

describe('delete', () => {
  it('deletes every tweet of a thread, replies first; a tweet already gone counts as deleted', async () => {
    const context = ctx();
    const outcome = published(
      await x.publish(input(`d1 ${randomUUID()}\n\nd2\n\nd3`, { options: { thread: true } }), context),
    );
    const progress = context.progress.load();
    const before = world.fake.tweetsOf(world.user.id).length;
    const remove = x.delete;
    if (!remove) throw new Error('delete missing');
    expect(await remove({ id: outcome.id, account, requestSecrets: world.keys, progress }, ctx())).toEqual({
      kind: 'deleted',
    });
    expect(world.fake.tweetsOf(world.user.id).length).toBe(before - 3);
    expect(await remove({ id: outcome.id, account, requestSecrets: world.keys, progress }, ctx())).toEqual({
      kind: 'deleted',
    });
    expect(await remove({ id: outcome.id, account }, ctx())).toEqual({
      kind: 'failed',
      error: { code: 419, platform: 'twitter' },
    });
  });
});
