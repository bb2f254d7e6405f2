import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { META } from '../fakes/graph/meta-errors.ts';
import { linkMeta, type MetaHerald, startMetaHerald } from '../fakes/graph/meta-herald.ts';
import { type SeedBody, seedBody } from '../fakes/graph/seed-examples.ts';
import { type MediaHost, startMediaHost } from '../fakes/media-server/server.ts';

/** Every Instagram code of the seeds, end to end through POST /api/post against the fake Graph API. */
let meta: MetaHerald;
let host: MediaHost;
beforeAll(async () => {
  host = await startMediaHost();
  PHOTO = host.url('/photo.jpg');
  CLIP = host.url('/clip.mp4');
  meta = await startMetaHerald();
  await linkMeta(meta, ['instagram']);
});
afterAll(async () => {
  await meta?.stop();
  await host?.close();
});

/** A 1080×1350 JPEG and an MP4 that the media step lets through (loopback, no robots.txt). */
let PHOTO: string;
let CLIP: string;

function post(
  mediaUrls: string[],
  extra: Record<string, unknown> = {},
  text = `Is this a good image? ${randomUUID()}`,
) {
  return meta.t.request('POST', '/api/post', { post: text, platforms: ['instagram'], mediaUrls, ...extra });
}

function expectSeedAnswer(
  res: { status: number; body: Record<string, unknown> },
  http: number,
  seed: SeedBody,
) {
  expect(res.status).toBe(http);
  expect(res.body.status).toBe('error');
  expect(res.body.postIds).toEqual([]);
  const errors = res.body.errors as Record<string, unknown>[];
  expect(errors).toHaveLength(1);
  expect(Object.entries(errors[0] ?? {})).toEqual(Object.entries(seed));
}

describe('Instagram through POST /api/post', () => {
  it('publishes a photo, with usedQuota in postIds', async () => {
    const res = await post([PHOTO]);
    expect(res.status).toBe(200);
    const [entry] = res.body.postIds as Record<string, unknown>[];
    const [media] = meta.fake.state.mediaOf('ig', meta.fake.instagram.id);
    expect(entry).toEqual({
      status: 'success',
      id: media?.id,
      postUrl: media?.permalink,
      platform: 'instagram',
      usedQuota: 1,
    });
  });

  it('440: Meta’s crawler could not download the media (9004/2207052), Meta’s words in details', async () => {
    meta.fake.failNext('ig.create', {
      code: 9004,
      subcode: 2207052,
      message: 'Only photo or video can be accepted as media type.',
      userTitle: 'Media download has failed.',
      userMsg: 'The media could not be fetched from the provided URI...',
    });
    expectSeedAnswer(await post([PHOTO]), 400, seedBody(440));
  });

  it('138 mediaFetch: a less specific media-fetch failure, retryAvailable', async () => {
    meta.fake.failNext('ig.create', {
      code: 9004,
      subcode: 2207077,
      message: 'Video download failed',
      userTitle: 'Media download has failed.',
      userMsg:
        'The media could not be fetched from the provided URI. Video download failed with: HTTP error code 403. Restricted by robots.txt',
    });
    expectSeedAnswer(
      await post([CLIP]),
      400,
      seedBody(138, (b) => b.retryAvailable === true),
    );
  });

  it('138 mediaFetch: a video container that ends in ERROR with a fetch subcode', async () => {
    meta.fake.planContainer({ error: 'Error: 2207077' });
    const res = await post([CLIP]);
    expect(res.status).toBe(400);
    const seed = seedBody(138, (b) => b.retryAvailable === true);
    // The container gives a subcode, not Meta's prose: its status string is the details.
    expect(Object.entries((res.body.errors as Record<string, unknown>[])[0] ?? {})).toEqual(
      Object.entries({ ...seed, details: 'Error: 2207077' }),
    );
  });

  it('138 aspectRatio: an image outside 4:5–1.91:1 is the seed’s body, refused before any call', async () => {
    const before = meta.fake.count('ig.create');
    expectSeedAnswer(
      await post([host.url('/tall.jpg')]),
      400,
      seedBody(138, (b) => String(b.message).includes('aspect ratio')),
    );
    expect(meta.fake.count('ig.create')).toBe(before);
  });

  it('138 aspectRatio: when Meta refuses the ratio itself (36003/2207009), Herald names the one it measured', async () => {
    meta.fake.failNext('ig.create', META.aspectRatio('1080/1350'));
    const seed = seedBody(138, (b) => String(b.message).includes('aspect ratio'));
    expectSeedAnswer(await post([PHOTO]), 400, {
      ...seed,
      message: String(seed.message).replace('1440/2158', '1080/1350'),
    });
  });

  it('258: an account-state failure, and its relink variant for 2207085', async () => {
    meta.fake.failNext('ig.create', META.restricted);
    expectSeedAnswer(
      await post([PHOTO]),
      400,
      seedBody(258, (b) => b.relink === undefined),
    );
    meta.fake.failNext('ig.create', META.fatal);
    expectSeedAnswer(
      await post([PHOTO]),
      400,
      seedBody(258, (b) => b.relink === true),
    );
  });

  it('435: a 429 at media_publish is HTTP 429 with Meta’s Retry-After in details', async () => {
    meta.fake.failNext(
      'ig.publish',
      { code: 4, classic: true, message: 'Application request limit reached', status: 429 },
      { 'retry-after': '3600' },
    );
    expectSeedAnswer(await post([PHOTO]), 429, seedBody(435));
  });

  it('436: Meta timed out processing the media (-2/2207003), retryAvailable', async () => {
    meta.fake.failNext('ig.create', META.downloadTimeout);
    expectSeedAnswer(await post([PHOTO]), 400, seedBody(436));
  });

  it('326: identity verification on Instagram is 403, never a relink prompt', async () => {
    meta.fake.failNext('ig.create', META.identity);
    expectSeedAnswer(await post([PHOTO]), 403, { ...seedBody(326), platform: 'instagram' });
  });
});

describe('trial reels, refused before any call', () => {
  const trial = (mediaUrls: string[], trialParams: unknown, extra: Record<string, unknown> = {}) =>
    post(mediaUrls, { instagramOptions: { trialParams, ...extra } });

  it('447: no graduationStrategy (missing, null or empty)', async () => {
    const before = meta.fake.requests.length;
    for (const params of [{}, { graduationStrategy: null }, { graduationStrategy: '' }, null])
      expectSeedAnswer(await trial([CLIP], params), 400, seedBody(447));
    expect(meta.fake.requests).toHaveLength(before);
  });

  it('448: not exactly MANUAL or SS_PERFORMANCE, echoed cut to 64 characters', async () => {
    const before = meta.fake.requests.length;
    expectSeedAnswer(await trial([CLIP], { graduationStrategy: 'manual' }), 400, seedBody(448));
    const long = await trial([CLIP], { graduationStrategy: 'M'.repeat(100) });
    expect((long.body.errors as { details: string }[])[0]?.details).toBe(`Received: ${'M'.repeat(64)}`);
    expect(meta.fake.requests).toHaveLength(before);
  });

  it('449: a carousel, a story or a non-video, each named in details', async () => {
    const before = meta.fake.requests.length;
    const ok = { graduationStrategy: 'MANUAL' };
    expectSeedAnswer(await trial([CLIP, CLIP], ok), 400, seedBody(449));
    const story = await trial([CLIP], ok, { stories: true });
    const image = await trial([PHOTO], ok);
    expect((story.body.errors as { details: string }[])[0]?.details).toBe('Stories are not supported.');
    expect((image.body.errors as { details: string }[])[0]?.details).toBe(
      'Only .mp4 or .mov videos are supported.',
    );
    expect(meta.fake.requests).toHaveLength(before);
  });

  it('a valid trial reel is published with Meta’s trial_params', async () => {
    const res = await trial([CLIP], { graduationStrategy: 'MANUAL' });
    expect(res.status).toBe(200);
    const created = meta.fake.requests.filter((r) => r.route === 'ig.create').at(-1);
    expect(created?.params).toMatchObject({
      media_type: 'REELS',
      trial_params: '{"graduation_strategy":"MANUAL"}',
    });
  });
});
