import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeImage } from '../../src/media/probe.ts';
import { loopbackMediaFetch } from '../fakes/media-server/loopback-fetch.ts';
import { type MediaHost, startMediaHost } from '../fakes/media-server/server.ts';

/** probeImage: what another feature (YouTube thumbnails) asks of an image URL, through ctx.fetchMedia. */
let host: MediaHost;
beforeAll(async () => {
  host = await startMediaHost();
});
afterAll(() => host.close());

describe('probeImage', () => {
  it.each([
    ['/photo.jpg', 'image/jpeg', 1080, 1350],
    ['/tall.jpg', 'image/jpeg', 1440, 2158],
    ['/photo.png', 'image/png', 64, 48],
    ['/disguised.jpg', 'image/webp', 800, 600],
    ['/photo.avif', 'image/avif', 640, 480],
    ['/photo.heic', 'image/heic', 800, 600],
  ])('%s is %s, %i×%i, with its file size', async (pathname, type, width, height) => {
    const result = await probeImage(host.url(pathname), loopbackMediaFetch);
    if (!result.ok) throw new Error(result.reason);
    expect(result.image).toMatchObject({ url: host.url(pathname), type, width, height });
    const served = await (await fetch(host.url(pathname))).arrayBuffer();
    expect(result.image.bytes).toBe(served.byteLength);
  });

  it.each([
    ['/missing.jpg', 451, 'HTTP 404 from origin'],
    ['/block-page.jpg', 450, 'not an image (unrecognised bytes)'],
    ['/corrupt.webp', 450, 'the image/webp image could not be decoded'],
  ])('%s: %i (%s)', async (pathname, code, reason) => {
    const result = await probeImage(host.url(pathname), loopbackMediaFetch);
    expect(result).toMatchObject({ ok: false, reason, error: { code } });
  });

  it('a refused URL is a 451 naming the cause', async () => {
    expect(await probeImage('http://169.254.169.254/a.jpg', loopbackMediaFetch)).toMatchObject({
      ok: false,
      error: { code: 451, details: 'non-public address 169.254.169.254 (metadata)' },
    });
  });
});
