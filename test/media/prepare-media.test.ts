import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import type { MediaItem, PublishInput } from '../../src/connectors/types.ts';
import { createMediaService, type MediaService } from '../../src/media/media-service.ts';
import { prepareFor } from '../../src/media/prepare-media.ts';
import { TEST_MEDIA_ALLOW } from '../fakes/media-server/loopback-fetch.ts';
import { type MediaHost, startMediaHost } from '../fakes/media-server/server.ts';

/** The media step without the job around it: budgets, caching, the order of the checks. */
let host: MediaHost;
let service: MediaService;
beforeAll(async () => {
  host = await startMediaHost({ robots: 'User-agent: *\nAllow: /\n' });
  const config = loadConfig({
    HERALD_MEDIA_ALLOW: TEST_MEDIA_ALLOW,
    HERALD_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'herald-prepare-')),
    HERALD_PUBLIC_URL: 'https://herald.example.com',
  });
  service = createMediaService(config, { secret: Buffer.alloc(32, 7) });
});
afterAll(() => host.close());

const input = (...media: MediaItem[]): PublishInput => ({
  targetId: 't1',
  text: 'x',
  media,
  options: {},
  account: { externalId: 'a', username: 'a', displayName: 'a', credentials: {} },
});
const image = (pathname: string): MediaItem => ({ url: host.url(pathname), kind: 'image' });

describe('prepareFor', () => {
  it('stops at its budget, with a 451 that says so', async () => {
    const result = await prepareFor(service, 'twitter', input(image('/stall.jpg')), new Date(), 300);
    expect(result).toEqual({
      ok: false,
      error: { code: 451, platform: 'twitter', details: 'media checks did not finish within 300 ms' },
      // A slow origin now may answer in time later: a scheduled post is not refused for it ahead.
      mayChange: true,
    });
  });

  it.each([
    // Not there yet, or the origin is down: it may work by a later post time.
    ['instagram', '/missing.jpg', 440, true],
    ['linkedin', '/missing.jpg', 451, true],
    ['linkedin', '/forbidden.webp', 451, true],
    // Lasting findings: the crawler is refused, a WAF page, an expired signature, the ratio.
    ['instagram', '/crawler-403.jpg', 440, false],
    ['instagram', '/waf.jpg', 440, false],
    ['instagram', '/signed.jpg?X-Amz-Date=20200101T000000Z&X-Amz-Expires=60', 440, false],
    ['instagram', '/tall.jpg?as-a-feed-image', 138, false],
    ['instagram', '/corrupt.webp', 450, false],
  ] as const)(
    '%s %s → %i, may change by a later post time: %s',
    async (platform, pathname, code, mayChange) => {
      const result = await prepareFor(service, platform, input(image(pathname)), new Date(), 10_000);
      expect(result).toMatchObject({ ok: false, error: { code }, mayChange });
    },
  );

  it('keeps the order of the items and converts only those that need it', async () => {
    const result = await prepareFor(
      service,
      'instagram',
      input(image('/photo.jpg'), image('/photo.webp'), image('/photo.png')),
      new Date(),
      10_000,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const [jpeg, webp, png] = result.input.media.map((m) => m.url);
    expect(jpeg).toBe(host.url('/photo.jpg'));
    expect(webp).toMatch(/^https:\/\/herald\.example\.com\/media\/[0-9a-f]{32}\.jpg$/);
    expect(png).toBe(host.url('/photo.png'));
  });

  it('reports the first failing item, even when later ones fail too', async () => {
    const result = await prepareFor(
      service,
      'linkedin',
      input(image('/photo.jpg'), image('/forbidden.webp'), image('/corrupt.webp')),
      new Date(),
      10_000,
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 451, details: `${host.url('/forbidden.webp')}: HTTP 403 from origin` },
    });
  });

  it('reuses what it learned about a URL within the cache TTL', async () => {
    const before = host.hits('/tall.jpg').length;
    await prepareFor(service, 'twitter', input(image('/tall.jpg')), new Date(), 10_000);
    await prepareFor(service, 'facebook', input(image('/tall.jpg')), new Date(), 10_000);
    // One ranged GET by Herald, one by facebookexternalhit: Facebook's check reused Herald's look.
    expect(host.hits('/tall.jpg').length - before).toBe(2);
  });

  it('serves the converted file from its store through ctx.fetchMedia (no HTTP to itself)', async () => {
    const result = await prepareFor(service, 'threads', input(image('/photo.avif')), new Date(), 10_000);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const url = result.input.media[0]?.url ?? '';
    const res = await service.fetchMedia(url);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect([...new Uint8Array(await res.arrayBuffer()).subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect((await service.fetchMedia(url.replace(/[0-9a-f]{4}\.jpg$/, '0000.jpg'))).status).toBe(404);
  });
});
