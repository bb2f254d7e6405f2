import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedAccountOf, recordingFetch, testContext } from '../../../test/contract/connector-contract.ts';
import {
  type MediaServer,
  solidPng,
  startMediaServer,
  TINY_JPEG,
} from '../../../test/helpers/media-server.ts';
import { startPds, type TestPds } from '../../../test/helpers/pds.ts';
import type { LinkedAccount, MediaItem, PublishInput } from '../types.ts';
import { blueskyConnector as bluesky } from './connector.ts';
import { MAX_IMAGE_BYTES } from './media.ts';

const PNG = solidPng(8, 6, [200, 30, 30]);
const HUGE = Buffer.concat([solidPng(1, 1, [0, 0, 0]), Buffer.alloc(MAX_IMAGE_BYTES)]);

let pds: TestPds;
let media: MediaServer;
let account: LinkedAccount;

beforeAll(async () => {
  [pds, media] = await Promise.all([
    startPds(),
    startMediaServer({
      '/red.png': { body: PNG, type: 'image/png' },
      '/blue.jpg': { body: TINY_JPEG, type: 'image/jpeg; charset=binary' },
      '/huge.png': { body: HUGE, type: 'image/png' },
      '/huge-stream.png': { body: HUGE, type: 'image/png', chunked: true },
      '/page.html': { body: Buffer.from('<html></html>'), type: 'text/html' },
    }),
  ]);
  account = linkedAccountOf(
    await bluesky.verifyCredentials(
      { identifier: pds.handle, appPassword: pds.password },
      testContext(pds.url),
    ),
  );
});
afterAll(async () => {
  await Promise.all([pds?.close(), media?.close()]);
});

function input(items: MediaItem[], options: Record<string, unknown> = {}): PublishInput {
  return { targetId: randomUUID(), text: 'with images', media: items, options, account };
}

const image = (path: string, altText?: string): MediaItem => ({
  url: media.url(path),
  kind: 'image',
  ...(altText === undefined ? {} : { altText }),
});

describe('publish with images', () => {
  it('uploads each image as a blob and embeds it with its alt text', async () => {
    const sent = input([image('/red.png'), image('/blue.jpg', 'A blue rectangle')], {
      altText: ['A red square'],
    });
    const outcome = await bluesky.publish(sent, testContext(pds.url));
    if (outcome.kind !== 'published') throw new Error(JSON.stringify(outcome));
    const rkey = outcome.id.split('/').at(-1) ?? '';
    const { data } = await pds.agent.com.atproto.repo.getRecord({
      repo: pds.did,
      collection: 'app.bsky.feed.post',
      rkey,
    });
    const embed = (data.value as { embed: { $type: string; images: { alt: string; image: unknown }[] } })
      .embed;
    expect(embed.$type).toBe('app.bsky.embed.images');
    expect(embed.images.map((entry) => entry.alt)).toEqual(['A red square', 'A blue rectangle']);
    const blobs = embed.images.map(
      (entry) => entry.image as { mimeType: string; size: number; ref: unknown },
    );
    expect(blobs.map((blob) => [blob.mimeType, blob.size])).toEqual([
      ['image/png', PNG.length],
      ['image/jpeg', TINY_JPEG.length],
    ]);
    // The PDS holds exactly the bytes Herald downloaded.
    const cid = String(blobs[0]?.ref);
    const blob = await pds.agent.com.atproto.sync.getBlob({ did: pds.did, cid });
    expect(Buffer.from(blob.data).equals(PNG)).toBe(true);
  });

  it('refuses more than four images and any video before a single download', async () => {
    const fetchSpy = recordingFetch();
    const five = Array.from({ length: 5 }, () => image('/red.png'));
    expect(await bluesky.publish(input(five), testContext(pds.url, fetchSpy))).toMatchObject({
      kind: 'failed',
      error: { code: 136, params: { reason: 'at most 4 images per post' } },
    });
    const video: MediaItem = { url: media.url('/clip.mp4'), kind: 'video' };
    expect(await bluesky.publish(input([video]), testContext(pds.url, fetchSpy))).toMatchObject({
      kind: 'failed',
      error: { code: 136, params: { reason: 'video is not supported yet' } },
    });
    expect(fetchSpy.urls).toEqual([]);
  });

  it.each([
    ['/huge.png', 'announced with Content-Length'],
    ['/huge-stream.png', 'streamed without a size'],
  ])('refuses an image over 1,000,000 bytes (%s, %s) without uploading it', async (path) => {
    const fetchSpy = recordingFetch();
    const outcome = await bluesky.publish(input([image(path)]), testContext(pds.url, fetchSpy));
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: { code: 136, params: { reason: 'each image must be at most 1000000 bytes' } },
    });
    expect(fetchSpy.urls.filter((url) => url.includes('/xrpc/'))).toEqual([]);
  });

  it.each([
    ['/missing.png', 'the image could not be downloaded', 'HTTP 404'],
    ['/page.html', 'only images are accepted', 'content-type text/html'],
  ])('refuses %s: %s', async (path, reason, details) => {
    const outcome = await bluesky.publish(input([image(path)]), testContext(pds.url));
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: {
        code: 136,
        platform: 'bluesky',
        params: { reason },
        details: `${media.url(path)}: ${details}`,
      },
    });
  });
});
