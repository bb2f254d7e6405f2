import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedAccountOf, testContext } from '../../../test/contract/connector-contract.ts';
import { type RedditWorld, startRedditWorld } from '../../../test/fakes/reddit/fixtures.ts';
import {
  type MediaServer,
  solidPng,
  startMediaServer,
  TINY_JPEG,
} from '../../../test/helpers/media-server.ts';
import type { LinkedAccount, PublishInput } from '../types.ts';
import { createRedditConnector, redditConnector } from './connector.ts';
import { uploadUrl } from './upload.ts';

let world: RedditWorld;
let account: LinkedAccount;
let media: MediaServer;
const PNG = solidPng(4, 3, [200, 10, 10]);

beforeAll(async () => {
  world = await startRedditWorld();
  media = await startMediaServer({
    '/photo.jpg': { body: TINY_JPEG, type: 'image/jpeg' },
    '/drawing.png': { body: PNG, type: 'image/png' },
    '/clip.webp': { body: Buffer.from('RIFF0000WEBP'), type: 'image/webp' },
  });
  account = linkedAccountOf(
    await redditConnector.verifyCredentials(world.credentials, testContext(world.fake.url)),
  );
});
afterAll(async () => {
  await world?.fake.close();
  await media?.close();
});

function imagePost(path: string, title = 'A picture'): PublishInput {
  return {
    targetId: randomUUID(),
    text: 'Body text',
    media: [{ url: media.url(path), kind: 'image' }],
    options: { subreddit: 'test', title },
    account,
  };
}

describe('native image posts', () => {
  it('uploads to S3 (fields, then the file), submits kind=image and publishes the websocket’s post', async () => {
    const outcome = await redditConnector.publish(imagePost('/photo.jpg'), testContext(world.fake.url));
    const post = world.fake.posts.at(-1);
    expect(outcome).toEqual({
      kind: 'published',
      id: `t3_${post?.id}`,
      postUrl: `https://www.reddit.com/r/test/comments/${post?.id}/a_picture/`,
    });
    const upload = world.fake.media.uploads.at(-1);
    expect(upload).toMatchObject({ bytes: TINY_JPEG.length, type: 'image/jpeg', filename: 'photo.jpg' });
    expect(upload?.order.at(-1)).toBe('file');
    expect(post).toMatchObject({ kind: 'image', url: upload?.location, title: 'A picture' });
  });

  it('sends a PNG with its own mimetype', async () => {
    const outcome = await redditConnector.publish(imagePost('/drawing.png'), testContext(world.fake.url));
    expect(outcome.kind).toBe('published');
    expect(world.fake.media.uploads.at(-1)).toMatchObject({ bytes: PNG.length, type: 'image/png' });
  });

  it('{"type":"failed"} on the websocket → 622, Reddit could not process the image', async () => {
    world.fake.media.verdicts.push('failed');
    const posts = world.fake.posts.length;
    expect(await redditConnector.publish(imagePost('/photo.jpg'), testContext(world.fake.url))).toEqual({
      kind: 'failed',
      error: {
        code: 622,
        platform: 'reddit',
        params: { platformName: 'Reddit', subreddit: 'test' },
        details: 'Reddit could not process the image',
      },
    });
    expect(world.fake.posts.length).toBe(posts);
  });

  it('no websocket message within the bound → unknown (the post may exist)', async () => {
    world.fake.media.verdicts.push('silent');
    const patient = createRedditConnector({ imageWaitMs: 200 });
    const outcome = await patient.publish(imagePost('/photo.jpg'), testContext(world.fake.url));
    expect(outcome).toEqual({ kind: 'unknown', reason: 'no websocket message within 200 ms' });
  });

  it('S3 refusing an expired lease (AccessDenied) fails before any submit, to be retried', async () => {
    world.fake.media.scriptUpload({
      reply: {
        status: 403,
        body: '<Error><Code>AccessDenied</Code><Message>Invalid according to Policy: Policy expired.</Message></Error>',
      },
    });
    const submits = world.fake.calls('POST', '/api/submit');
    expect(await redditConnector.publish(imagePost('/photo.jpg'), testContext(world.fake.url))).toMatchObject(
      {
        kind: 'failed',
        error: {
          code: 625,
          details: 'AccessDenied: S3 upload: Invalid according to Policy: Policy expired.',
        },
        retryAfterMs: 30_000,
      },
    );
    expect(world.fake.calls('POST', '/api/submit')).toBe(submits);
  });

  it('an image over the lease’s size is refused by S3 (EntityTooLarge → 622)', async () => {
    world.fake.media.maxBytes = 10;
    try {
      expect(
        await redditConnector.publish(imagePost('/photo.jpg'), testContext(world.fake.url)),
      ).toMatchObject({
        kind: 'failed',
        error: { code: 622 },
      });
    } finally {
      world.fake.media.maxBytes = 20 * 1024 * 1024;
    }
  });

  it('a format Reddit does not take is refused before any call (136)', async () => {
    const assets = world.fake.calls('POST', '/api/media/asset.json');
    expect(await redditConnector.publish(imagePost('/clip.webp'), testContext(world.fake.url))).toMatchObject(
      {
        kind: 'failed',
        error: { code: 136, params: { reason: 'Reddit takes JPEG, PNG and GIF images' } },
      },
    );
    expect(world.fake.calls('POST', '/api/media/asset.json')).toBe(assets);
  });

  it('the lease action is protocol-relative on Reddit, a full URL behind a proxy', () => {
    expect(uploadUrl('//reddit-uploaded-media.s3-accelerate.amazonaws.com')).toBe(
      'https://reddit-uploaded-media.s3-accelerate.amazonaws.com',
    );
    expect(uploadUrl('http://127.0.0.1:4000')).toBe('http://127.0.0.1:4000');
  });
});
