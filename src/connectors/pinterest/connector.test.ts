import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { linkedAccountOf, testContext } from '../../../test/contract/connector-contract.ts';
import { AUTH_FAILED, RATE_LIMITED, UNDER_REVIEW } from '../../../test/fakes/pinterest/errors.ts';
import { type PinterestWorld, startPinterestWorld } from '../../../test/fakes/pinterest/fixtures.ts';
import { type MediaServer, startMediaServer } from '../../../test/helpers/media-server.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import type { LinkedAccount, MediaItem, PublishInput } from '../types.ts';
import { createPinterestConnector } from './connector.ts';

const CLIP = Buffer.from('\x00\x00\x00\x18ftypmp42 fake video bytes for the upload');
const IMAGE: MediaItem = { url: 'https://cdn.example.com/pin.jpg', kind: 'image' };

let world: PinterestWorld;
let media: MediaServer;
let account: LinkedAccount;
// No waiting between video status polls in tests; three polls per attempt.
const connector = createPinterestConnector({ pollIntervalMs: 0, maxPolls: 3 });

beforeAll(async () => {
  world = await startPinterestWorld();
  media = await startMediaServer({ '/clip.mp4': { body: CLIP, type: 'video/mp4' } });
});
afterAll(async () => {
  await world?.fake.close();
  await media?.close();
});

function context() {
  const ctx = testContext(world.fake.url);
  ctx.apiVersion = 'v5';
  return ctx;
}

function input(mediaItems: MediaItem[], options: Record<string, unknown> = {}): PublishInput {
  return { targetId: randomUUID(), text: `pin ${randomUUID()}`, media: mediaItems, options, account };
}

describe('linking', () => {
  it('checks the token with /v5/user_account and the default board', async () => {
    const verified = await connector.verifyCredentials(world.credentials, context());
    expect(verified).toEqual({
      externalId: world.user.id,
      username: 'heraldtest',
      displayName: 'Herald Test Co',
      profileUrl: 'https://www.pinterest.com/heraldtest/',
      credentials: world.credentials,
    });
    account = linkedAccountOf(verified);
  });

  it.each([
    ['a wrong token', { accessToken: 'pina_wrong' }, 'code 2: Authentication failed.'],
    ['a board that does not exist', { boardId: '1' }, 'code 40: Board not found.'],
    [
      'someone else’s board',
      { boardId: '549755885176000001' },
      'code 29: You are not permitted to access that resource.',
    ],
    ['no board', { boardId: ' ' }, 'boardId is required'],
  ])('refuses %s with 613', async (_, change, details) => {
    const refused = await connector
      .verifyCredentials({ ...world.credentials, ...change }, context())
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HeraldError);
    expect((refused as HeraldError).spec).toMatchObject({ code: 613, details });
  });
});

describe('publishing', () => {
  beforeEach(() => {
    world.fake.processingPolls = 1;
  });

  it('one image: image_url with the options, 201 → the pin’s id and URL', async () => {
    const sent = input([IMAGE], { title: 'A title', link: 'https://example.com/a', altText: ['a door'] });
    const outcome = await connector.publish(sent, context());
    const pin = world.fake.pins.at(-1);
    expect(outcome).toEqual({
      kind: 'published',
      id: pin?.id,
      postUrl: `https://www.pinterest.com/pin/${pin?.id}/`,
    });
    expect(pin?.body).toEqual({
      board_id: world.board.id,
      title: 'A title',
      description: sent.text,
      link: 'https://example.com/a',
      alt_text: 'a door',
      media_source: { source_type: 'image_url', url: IMAGE.url },
    });
  });

  it('a carousel of 2–5 images; pinterestOptions.boardId picks another board', async () => {
    const board = world.fake.addBoard({ id: '549755885175000002', name: 'Other', owner: world.user.id });
    const urls = ['a', 'b', 'c'].map((n) => ({
      url: `https://cdn.example.com/${n}.png`,
      kind: 'image' as const,
    }));
    const outcome = await connector.publish(input(urls, { boardId: board.id }), context());
    expect(outcome.kind).toBe('published');
    expect(world.fake.pins.at(-1)?.body).toMatchObject({
      board_id: board.id,
      media_source: { source_type: 'multiple_image_urls', items: urls.map(({ url }) => ({ url })) },
    });
  });

  it('a video: registered, uploaded to storage without the token, polled until succeeded, pinned', async () => {
    world.fake.processingPolls = 2;
    const ctx = context();
    const sent = input([{ url: media.url('/clip.mp4'), kind: 'video' }], {
      thumbNail: 'https://cdn.example.com/cover.jpg',
    });
    const outcome = await connector.publish(sent, ctx);
    expect(outcome.kind).toBe('published');
    const mediaId = ctx.progress.load()?.videoMediaId as string;
    expect(world.fake.media.get(mediaId)).toMatchObject({
      status: 'succeeded',
      uploaded: { bytes: CLIP.length, type: 'video/mp4', bearer: false },
    });
    expect(world.fake.pins.at(-1)?.body.media_source).toEqual({
      source_type: 'video_id',
      media_id: mediaId,
      cover_image_url: 'https://cdn.example.com/cover.jpg',
    });
  });

  it('a video still processing is handed back to the queue; the retry polls the same upload', async () => {
    world.fake.processingPolls = 4;
    const ctx = context();
    const sent = input([{ url: media.url('/clip.mp4'), kind: 'video' }]);
    const first = await connector.publish(sent, ctx);
    expect(first).toMatchObject({ kind: 'failed', error: { code: 136 }, retryAfterMs: 60_000 });
    const registered = world.fake.calls('POST', '/v5/media');
    const second = await connector.publish(sent, ctx);
    expect(second.kind).toBe('published');
    expect(world.fake.calls('POST', '/v5/media')).toBe(registered);
    expect(world.fake.pins.at(-1)?.body.media_source).toMatchObject({ cover_image_key_frame_time: 0 });
  });

  it('a video Pinterest cannot process: 136, and a retry uploads anew', async () => {
    world.fake.failNextVideo = true;
    const ctx = context();
    const sent = input([{ url: media.url('/clip.mp4'), kind: 'video' }]);
    expect(await connector.publish(sent, ctx)).toMatchObject({
      kind: 'failed',
      error: { code: 136, params: { reason: 'Pinterest could not process the video' } },
    });
    expect(ctx.progress.load()).toEqual({});
  });

  it.each([
    ['429', RATE_LIMITED, { code: 624, params: { retryAfter: 60 } }, 60_000],
    ['2626 under review', UNDER_REVIEW, { code: 627 }, undefined],
    ['code 2 authentication failed', AUTH_FAILED, { code: 623 }, undefined],
  ])('%s from the create is mapped', async (_, reply, error, retryAfterMs) => {
    world.fake.script({ method: 'POST', path: '/v5/pins', reply });
    const before = world.fake.pinsOf(world.user.id).length;
    const outcome = await connector.publish(input([IMAGE]), context());
    expect(outcome).toMatchObject({ kind: 'failed', error });
    expect(outcome.kind === 'failed' ? outcome.retryAfterMs : 'n/a').toBe(retryAfterMs);
    expect(world.fake.pinsOf(world.user.id)).toHaveLength(before);
  });

  it('an answer lost after the pin was created is unknown (the core marks it unconfirmed)', async () => {
    world.fake.dropNextCreate = true;
    const before = world.fake.pinsOf(world.user.id).length;
    const outcome = await connector.publish(input([IMAGE]), context());
    expect(outcome.kind).toBe('unknown');
    expect(world.fake.pinsOf(world.user.id)).toHaveLength(before + 1);
  });

  it('a 5xx from the create is unknown too: Pinterest may hold the pin', async () => {
    world.fake.script({ method: 'POST', path: '/v5/pins', reply: { status: 503 } });
    expect((await connector.publish(input([IMAGE]), context())).kind).toBe('unknown');
  });
});

describe('deleting', () => {
  it('DELETE /v5/pins/{id} → 204; a pin already gone counts as deleted', async () => {
    const outcome = await connector.publish(input([IMAGE]), context());
    if (outcome.kind !== 'published') throw new Error('not published');
    const remove = connector.delete;
    expect(await remove?.({ id: outcome.id, account }, context())).toEqual({ kind: 'deleted' });
    expect(world.fake.pins.find((p) => p.id === outcome.id)?.deleted).toBe(true);
    expect(await remove?.({ id: outcome.id, account }, context())).toEqual({ kind: 'deleted' });
  });

  it('someone else’s pin is refused (code 29 → 623)', async () => {
    world.fake.pins.push({ id: '999', owner: 'someone', body: {}, createdAt: '', deleted: false });
    expect(await connector.delete?.({ id: '999', account }, context())).toMatchObject({
      kind: 'failed',
      error: { code: 623, details: 'code 29: You are not permitted to access that resource.' },
    });
  });
});
