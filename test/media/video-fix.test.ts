import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import type { MediaItem } from '../../src/connectors/types.ts';
import { locateBinary } from '../../src/media/ffmpeg/binaries.ts';
import { probeVideoFile } from '../../src/media/ffmpeg/probe-video.ts';
import { fitVideo } from '../../src/media/fix-video.ts';
import { uploadName } from '../../src/media/media-names.ts';
import { createMediaService, type MediaService } from '../../src/media/media-service.ts';
import { MediaStepFailure } from '../../src/media/stored-jpeg.ts';
import { TEST_MEDIA_ALLOW } from '../fakes/media-server/loopback-fetch.ts';
import { type MediaHost, startMediaHost } from '../fakes/media-server/server.ts';

/**
 * Real ffmpeg on real encoder output (test/fixtures/media/README.md): what each network's
 * rules make of a video, and what the fixed file is, read back with ffprobe.
 */
const fixture = (name: string) => readFileSync(new URL(`../fixtures/media/${name}`, import.meta.url));

/** Both builds Herald may run: Debian's (on PATH) and the static one shipped in the npm packages. */
const shipped = (name: 'ffmpeg' | 'ffprobe') => locateBinary(name, undefined, '/nonexistent');
const BUILDS = [
  { name: 'the system’s ffmpeg', env: {} },
  {
    name: 'the npm-shipped ffmpeg',
    env: {
      HERALD_FFMPEG_PATH: shipped('ffmpeg')?.path ?? '',
      HERALD_FFPROBE_PATH: shipped('ffprobe')?.path ?? '',
    },
  },
];

describe.each(BUILDS)('videos fitted to each network, with $name', ({ env }) => {
  let service: MediaService;
  beforeAll(() => {
    const config = loadConfig({
      HERALD_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'herald-fix-')),
      HERALD_PUBLIC_URL: 'https://herald.example.com',
      ...env,
    });
    service = createMediaService(config, { secret: Buffer.alloc(32, 9) });
    if (!service.video.ffmpeg || !service.video.ffprobe)
      throw new Error('ffmpeg and ffprobe are needed here');
  });

  /** Stores a fixture as an upload and gives the item for it (Herald's own URL: read in place). */
  async function uploaded(name: string): Promise<MediaItem> {
    const bytes = fixture(name);
    const stored = uploadName('video/mp4');
    await service.store.put(stored, bytes);
    return { url: `${service.publicUrl}/media/${stored}`, kind: 'video' };
  }

  const fileOf = (url: string) => service.store.localPath?.(url.split('/media/')[1] ?? '') as string;
  const probe = (url: string) =>
    probeVideoFile(service.video.ffprobe?.path as string, fileOf(url), 0, service.video.probeLimits);

  /** The MD5 of every packet of a stream, as ffmpeg reads them (no decoding). */
  function packetHashes(file: string, stream: string): string[] {
    const ffmpeg = service.video.ffmpeg?.path as string;
    const out = spawnSync(
      ffmpeg,
      ['-v', 'error', '-i', file, '-map', stream, '-c', 'copy', '-f', 'framemd5', '-'],
      {
        encoding: 'utf8',
      },
    );
    return out.stdout
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split(',').at(-1)?.trim() ?? '');
  }

  it('fills a landscape reel out to 9:16 for Instagram (blurred copy behind it), moov first', async () => {
    const item = await uploaded('landscape-640x360-moov-last.mp4');
    const fitted = await fitVideo(service, 'instagram', item, {}, 'blur');
    expect(fitted.item.url).not.toBe(item.url);
    expect(fitted.item.url).toMatch(/^https:\/\/herald\.example\.com\/media\/[0-9a-f]{32}\.mp4$/);
    const out = await probe(fitted.item.url);
    expect(out.video).toMatchObject({ codec: 'h264', width: 630, height: 1120 });
    expect(out.moovFirst).toBe(true);
    expect(fitted.warning).toMatchObject({
      code: 694,
      platform: 'instagram',
      params: {
        platformName: 'Instagram',
        changes: expect.stringContaining('blur-filled 640×360 to 630×1120 (9:16)'),
      },
    });
    // The same source and recipe again: the stored fix is reused, not encoded twice.
    const again = await fitVideo(service, 'instagram', item, {}, 'blur');
    expect(again.item.url).toBe(fitted.item.url);
  });

  it('pads with black bars when asked', async () => {
    const item = await uploaded('landscape-640x360-moov-last.mp4');
    const fitted = await fitVideo(service, 'instagram', item, { stories: true }, 'black');
    const out = await probe(fitted.item.url);
    expect(out.video).toMatchObject({ width: 630, height: 1120 });
    expect(String(fitted.warning?.params?.changes)).toContain('padded 640×360');
  });

  it('re-encodes HEVC to H.264 for X (which takes H.264 only), the AAC audio copied', async () => {
    const item = await uploaded('hevc-320x240-with-audio.mp4');
    const fitted = await fitVideo(service, 'twitter', item, {}, 'blur');
    const out = await probe(fitted.item.url);
    expect(out.video).toMatchObject({ codec: 'h264', width: 320, height: 240 });
    expect(out.audio?.codec).toBe('aac');
    expect(packetHashes(fileOf(fitted.item.url), '0:a')).toEqual(packetHashes(fileOf(item.url), '0:a'));
    expect(String(fitted.warning?.params?.changes)).toContain('re-encoded HEVC (H.265) video to H.264');
    // Threads takes HEVC as it is.
    expect(await fitVideo(service, 'threads', item, {}, 'blur')).toEqual({ item });
  });

  it('moves moov to the front without re-encoding: every packet identical', async () => {
    const item = await uploaded('vertical-360x640-moov-last.mp4');
    const fitted = await fitVideo(service, 'instagram', item, {}, 'blur');
    expect(String(fitted.warning?.params?.changes)).toBe(
      'moved the moov box to the front (remux, frames unchanged)',
    );
    const before = packetHashes(fileOf(item.url), '0:v');
    expect(before.length).toBeGreaterThan(10);
    expect(packetHashes(fileOf(fitted.item.url), '0:v')).toEqual(before);
    expect((await probe(fitted.item.url)).moovFirst).toBe(true);
    expect((await probe(item.url)).moovFirst).toBe(false);
  });

  it('without autoFix, refuses with the rule named, as before: 138 for 9:16, 136 for a codec or moov', async () => {
    const refusal = async (name: string, platform: 'instagram' | 'twitter') => {
      const error = await fitVideo(service, platform, await uploaded(name), {}, 'off').catch((e) => e);
      expect(error).toBeInstanceOf(MediaStepFailure);
      return (error as MediaStepFailure).error;
    };
    expect(await refusal('landscape-640x360-moov-last.mp4', 'instagram')).toMatchObject({
      code: 138,
      variant: 'aspectRatio',
    });
    expect(await refusal('hevc-320x240-with-audio.mp4', 'twitter')).toMatchObject({
      code: 136,
      params: { reason: 'HEVC (H.265) video is not accepted (H.264)' },
    });
    expect(await refusal('vertical-360x640-moov-last.mp4', 'instagram')).toMatchObject({
      code: 136,
      params: { reason: 'the moov box must come before the media data (MP4 fast start)' },
    });
  });

  it('never fixes what ffmpeg cannot: a reel under 3 s is refused even with autoFix', async () => {
    const error = await fitVideo(
      service,
      'instagram',
      await uploaded('short-360x640-with-audio.mp4'),
      {},
      'blur',
    ).catch((e) => e);
    expect((error as MediaStepFailure).error).toMatchObject({ code: 136 });
    expect(String((error as MediaStepFailure).error.params?.reason)).toContain('at least 3 s');
  });
});

describe('a remote video, probed without downloading it', () => {
  let host: MediaHost;
  let remote: MediaService;
  beforeAll(async () => {
    host = await startMediaHost({ robots: 'User-agent: *\nAllow: /\n' });
    remote = createMediaService(
      loadConfig({
        HERALD_MEDIA_ALLOW: TEST_MEDIA_ALLOW,
        HERALD_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'herald-fix-remote-')),
        HERALD_PUBLIC_URL: 'https://herald.example.com',
      }),
      { secret: Buffer.alloc(32, 9) },
    );
  });
  afterAll(() => host.close());

  it('its first bytes and its moov (ranges only) tell ffprobe the codec: HEVC refused for X, 136', async () => {
    const item: MediaItem = { url: host.url('/far-moov-hevc.mp4'), kind: 'video' };
    const error = await fitVideo(remote, 'twitter', item, {}, 'off').catch((e) => e);
    expect((error as MediaStepFailure).error).toMatchObject({
      code: 136,
      params: { reason: 'HEVC (H.265) video is not accepted (H.264)' },
    });
    const hits = host.hits('/far-moov-hevc.mp4');
    // The first 512 KiB and the hop to the moov, 3 MiB further: never the whole file.
    expect(hits.map((h) => h.range !== undefined)).toEqual([true, true]);
  });

  it('with autoFix it is downloaded once, fixed, and served by Herald', async () => {
    const item: MediaItem = { url: host.url('/hevc.mp4'), kind: 'video' };
    const fitted = await fitVideo(remote, 'twitter', item, {}, 'blur');
    expect(fitted.item.url).toMatch(/^https:\/\/herald\.example\.com\/media\/[0-9a-f]{32}\.mp4$/);
    const file = remote.store.localPath?.(fitted.item.url.split('/media/')[1] ?? '') as string;
    const out = await probeVideoFile(remote.video.ffprobe?.path as string, file, 0, remote.video.probeLimits);
    expect(out.video?.codec).toBe('h264');
  });
});
