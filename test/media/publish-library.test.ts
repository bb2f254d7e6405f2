import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkMeta, type MetaHerald, startMetaHerald } from '../fakes/graph/meta-herald.ts';
import { type MediaFixtures, mediaFixtures } from '../fakes/media-server/fixtures.ts';
import { ayrshareSdk } from '../helpers/ayrshare-sdk.ts';
import { API_KEY, linkSandbox } from '../helpers/herald.ts';
import { listeningHerald } from '../helpers/listening-herald.ts';

/**
 * The checks, with Herald listening on loopback as its public URL (so the
 * crawlers and the Graph fake fetch its media over HTTP, as the networks would):
 * Ayrshare's SDK calls for the library; a file uploaded through the API and posted to a
 * sandbox Instagram passes every crawler check; a landscape video posted as a reel with
 * autoFix reaches the Graph fake as a 9:16 MP4.
 */
let meta: MetaHerald & { origin: string };
let f: MediaFixtures;
let sandboxKey: string;

beforeAll(async () => {
  f = await mediaFixtures();
  meta = await listeningHerald((env) => startMetaHerald(env, { fetchMedia: fetch }), {
    HERALD_SANDBOX_MEDIA_CHECKS: 'true',
    HERALD_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'herald-library-')),
  });
  await linkMeta(meta, ['instagram']);
  const profile = await meta.t.request('POST', '/api/profiles', { title: 'Sandbox brand' });
  sandboxKey = String(profile.body.profileKey);
  await linkSandbox(meta.t, ['instagram'], { 'profile-key': sandboxKey });
});
afterAll(async () => {
  await meta?.stop();
});

const dataUri = (type: string, bytes: Buffer) => `data:${type};base64,${bytes.toString('base64')}`;

function probe(bytes: Buffer) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'herald-probe-')), 'fetched.mp4');
  writeFileSync(file, bytes);
  const json = execFileSync(
    'ffprobe',
    ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format', file],
    {
      encoding: 'utf8',
    },
  );
  return JSON.parse(json) as {
    streams: { codec_type: string; codec_name: string; width?: number; height?: number }[];
    format: { format_name: string };
  };
}

describe('Ayrshare’s SDK against the media library', () => {
  it('upload, media, mediaMeta, mediaUploadUrl (then the PUT), resizeImage', async () => {
    const sdk = ayrshareSdk(meta.origin, API_KEY);
    const up = await sdk.upload({
      file: dataUri('image/jpeg', f.jpeg),
      fileName: 'test.png',
      description: 'best image',
    });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ fileName: 'test.png', description: 'best image' });
    expect(up.body.url).toMatch(new RegExp(`^${meta.origin}/media/[0-9a-f]{32}\\.jpg$`));

    const list = await sdk.media();
    expect(list.body.map((m: { id: string }) => m.id)).toContain(up.body.id);

    const meta1 = await sdk.mediaMeta({ url: up.body.url });
    expect(meta1.body).toMatchObject({ type: 'image', width: 1080, height: 1350, size: f.jpeg.length });

    const large = await sdk.mediaUploadUrl({ fileName: 'clip.mp4', contentType: 'mp4' });
    expect(large.body).toMatchObject({ contentType: 'video/mp4' });
    expect(large.body.uploadUrl).toMatch(new RegExp(`^${meta.origin}/media/upload/`));
    const put = await fetch(large.body.uploadUrl, {
      method: 'PUT',
      headers: { 'content-type': 'video/mp4' },
      body: new Uint8Array(f.verticalMp4),
    });
    expect(put.status).toBe(200);
    const again = await fetch(large.body.uploadUrl, {
      method: 'PUT',
      headers: { 'content-type': 'video/mp4' },
      body: new Uint8Array(f.verticalMp4),
    });
    expect([again.status, (await again.json()).code]).toEqual([403, 692]);
    const served = await fetch(large.body.accessUrl);
    expect(served.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await served.arrayBuffer()).equals(f.verticalMp4)).toBe(true);
    const videoMeta = await sdk.mediaMeta({ url: large.body.accessUrl });
    expect(videoMeta.body).toMatchObject({
      type: 'video',
      codec: 'h264',
      width: 360,
      height: 640,
      moovFirst: true,
    });

    const resized = await sdk.resizeImage({ imageUrl: up.body.url, platform: 'facebook', mode: 'blur' });
    expect(resized.body).toMatchObject({ status: 'success', platform: 'facebook', width: 1200, height: 630 });
    const image = await fetch(resized.body.url);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    const noSize = await sdk.resizeImage({ imageUrl: up.body.url });
    expect(noSize.body.code).toBe(697);
  });
});

describe('posting what was uploaded', () => {
  it('a file uploaded through the API passes every crawler check and posts to a sandbox Instagram', async () => {
    const sdk = ayrshareSdk(meta.origin, API_KEY, sandboxKey);
    const up = await sdk.upload({ file: dataUri('image/jpeg', f.jpeg), fileName: 'feed.jpg' });
    const verify = await meta.t.request('POST', '/api/media/verify', { mediaUrl: up.body.url });
    expect(verify.status).toBe(200);
    const crawlers = verify.body.crawlers as {
      crawler: string;
      verdict: string;
      robots: { verdict: string };
    }[];
    expect(crawlers.length).toBeGreaterThan(4);
    for (const c of crawlers)
      expect([c.crawler, c.verdict, c.robots.verdict]).toEqual([c.crawler, 'ok', 'allowed']);
    const res = await meta.t.request(
      'POST',
      '/api/post',
      { post: 'from the library', platforms: ['instagram'], mediaUrls: [up.body.url] },
      { 'profile-key': sandboxKey },
    );
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('success');
  });

  it('a landscape video posted as a reel with autoFix reaches the Graph fake as a 9:16 MP4', async () => {
    const sdk = ayrshareSdk(meta.origin, API_KEY);
    const up = await sdk.upload({ file: dataUri('video/mp4', f.landscapeMp4), fileName: 'landscape.mp4' });
    const res = await meta.t.request('POST', '/api/post', {
      post: 'a reel',
      platforms: ['instagram'],
      mediaUrls: [up.body.url],
      instagramOptions: { reels: true },
      autoFix: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.warnings).toEqual([
      expect.objectContaining({
        code: 694,
        message: expect.stringContaining(
          'Herald changed the video to fit Instagram: blur-filled 640×360 to 630×1120 (9:16)',
        ),
      }),
    ]);
    const created = meta.fake.requests.filter((r) => r.route === 'ig.create').at(-1);
    expect(created?.params.media_type).toBe('REELS');
    expect(created?.params.video_url).not.toBe(up.body.url);
    const fetched = meta.fake.fetched.at(-1);
    expect(fetched).toMatchObject({ url: created?.params.video_url, status: 200, contentType: 'video/mp4' });
    const info = probe(fetched?.bytes ?? Buffer.alloc(0));
    const video = info.streams.find((s) => s.codec_type === 'video');
    expect(info.format.format_name).toContain('mp4');
    expect(video).toMatchObject({ codec_name: 'h264', width: 630, height: 1120 });
    expect((video?.width ?? 0) / (video?.height ?? 1)).toBeCloseTo(9 / 16, 3);
  });

  it('without autoFix the same reel is refused with 138 before Instagram sees anything', async () => {
    const sdk = ayrshareSdk(meta.origin, API_KEY);
    const up = await sdk.upload({ file: dataUri('video/mp4', f.landscapeMp4) });
    const before = meta.fake.requests.length;
    const res = await meta.t.request('POST', '/api/post', {
      post: 'a reel',
      platforms: ['instagram'],
      mediaUrls: [up.body.url],
      instagramOptions: { reels: true },
    });
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 138, platform: 'instagram' })]);
    expect(meta.fake.requests.length).toBe(before);
  });
});
