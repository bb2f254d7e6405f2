import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageOf } from '../../src/errors/build.ts';
import { linkMeta, type MetaHerald, startMetaHerald } from '../fakes/graph/meta-herald.ts';
import { type MediaHost, startMediaHost } from '../fakes/media-server/server.ts';

/**
 * Issue 5's checks with the real Instagram connector and the fake Graph API (not the
 * sandbox): a robots.txt that shuts out facebookexternalhit answers 440 and the Graph
 * fake sees no request; a WebP reaches it as a JPEG URL that Herald serves.
 */

const PUBLIC_URL = 'https://herald.example.com';
let meta: MetaHerald;
let blocked: MediaHost;
let open: MediaHost;

beforeAll(async () => {
  [blocked, open] = await Promise.all([
    startMediaHost({ robots: 'User-agent: Twitterbot\nAllow: /\n\nUser-agent: *\nDisallow: /\n' }),
    startMediaHost({ robots: 'User-agent: *\nAllow: /\n' }),
  ]);
  meta = await startMetaHerald({
    HERALD_PUBLIC_URL: PUBLIC_URL,
    HERALD_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'herald-meta-media-')),
  });
  await linkMeta(meta, ['instagram']);
});
afterAll(async () => {
  await meta?.stop();
  await Promise.all([blocked?.close(), open?.close()]);
});

const post = (mediaUrls: string[], extra: Record<string, unknown> = {}) =>
  meta.t.request('POST', '/api/post', { post: 'media', platforms: ['instagram'], mediaUrls, ...extra });

describe('Instagram with the Graph fake', () => {
  it('robots.txt disallows facebookexternalhit → 440 with the fix; the Graph fake receives no request', async () => {
    const before = meta.fake.requests.length;
    const res = await post([blocked.url('/photo.jpg')]);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      {
        action: 'post',
        status: 'error',
        code: 440,
        message: messageOf({ code: 440 }),
        details: expect.stringContaining(
          'Fix: Add these lines to robots.txt, before the "User-agent: *" group:\nUser-agent: facebookexternalhit\nAllow: /',
        ),
        platform: 'instagram',
      },
    ]);
    expect(meta.fake.requests.length).toBe(before);
  });

  it('a WebP reaches the Graph fake as a JPEG URL that Herald serves', async () => {
    const res = await post([open.url('/photo.webp')]);
    expect(res.status).toBe(200);
    const create = meta.fake.requests.filter((r) => r.route === 'ig.create').at(-1);
    const imageUrl = create?.params.image_url ?? '';
    expect(imageUrl).toMatch(new RegExp(`^${PUBLIC_URL}/media/[0-9a-f]{32}\\.jpg$`));
    const served = await meta.t.herald.server?.inject({ method: 'GET', url: new URL(imageUrl).pathname });
    expect(served?.statusCode).toBe(200);
    expect(served?.headers['content-type']).toBe('image/jpeg');
    expect([...(served?.rawPayload.subarray(0, 3) ?? [])]).toEqual([0xff, 0xd8, 0xff]);
  });

  it('a landscape reel → 138 naming 9:16; the Graph fake receives no request', async () => {
    const before = meta.fake.requests.length;
    const res = await post([open.url('/landscape.mp4')], { instagramOptions: { reels: true } });
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        code: 138,
        details: expect.stringContaining('Instagram reels must be 9:16'),
      }),
    ]);
    expect(meta.fake.requests.length).toBe(before);
  });

  it('a 9:16 reel is published through the containers', async () => {
    const res = await post([open.url('/clip.mp4')], { instagramOptions: { reels: true } });
    expect(res.status).toBe(200);
    expect(meta.fake.requests.filter((r) => r.route === 'ig.create').at(-1)?.params).toMatchObject({
      media_type: 'REELS',
      video_url: open.url('/clip.mp4'),
    });
  });
});
