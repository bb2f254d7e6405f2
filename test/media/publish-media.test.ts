import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import { connectorFor } from '../../src/app/connectors.ts';
import type { PublishInput } from '../../src/connectors/types.ts';
import { messageOf } from '../../src/errors/build.ts';
import { TEST_MEDIA_ALLOW } from '../fakes/media-server/loopback-fetch.ts';
import { type MediaHost, startMediaHost } from '../fakes/media-server/server.ts';
import { linkSandbox, startTestHerald, type TestHerald, X_KEYS } from '../helpers/herald.ts';

/**
 * The media step of a publish, end to end through POST /api/post, on sandbox accounts
 * with media checks on (HERALD_SANDBOX_MEDIA_CHECKS=true) and the loopback media host
 * allowlisted. The sandbox connector stands in for the network: a spy on its publish
 * records what reached "the network", or proves that nothing did.
 */

const PUBLIC_URL = 'http://herald.test:8080';
let t: TestHerald;
let open: MediaHost;
let blocked: MediaHost;
let duplicate: MediaHost;
const spies = new Map<string, MockInstance<(input: PublishInput) => unknown>>();

function env(extra: Record<string, string> = {}) {
  return {
    HERALD_MEDIA_ALLOW: TEST_MEDIA_ALLOW,
    HERALD_SANDBOX_MEDIA_CHECKS: 'true',
    HERALD_PUBLIC_URL: PUBLIC_URL,
    HERALD_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'herald-media-')),
    ...extra,
  };
}

const NETWORKS = ['instagram', 'threads', 'facebook', 'linkedin', 'twitter', 'pinterest', 'tiktok'] as const;

beforeAll(async () => {
  [open, blocked, duplicate] = await Promise.all([
    startMediaHost({ robots: 'User-agent: *\nAllow: /\n' }),
    // Seed 000's situation: a catch-all Disallow that also shuts out facebookexternalhit.
    startMediaHost({ robots: 'User-agent: Twitterbot\nAllow: /\n\nUser-agent: *\nDisallow: /\n' }),
    startMediaHost({ robots: 'User-agent: *\nDisallow: /private/\n\nUser-agent: *\nAllow: /\n' }),
  ]);
  t = await startTestHerald({ env: env() });
  await linkSandbox(t, NETWORKS);
  for (const platform of NETWORKS) {
    const connector = connectorFor(platform, true);
    if (!connector) throw new Error(`no sandbox for ${platform}`);
    spies.set(platform, vi.spyOn(connector, 'publish') as MockInstance<(input: PublishInput) => unknown>);
  }
});
afterAll(async () => {
  await t?.stop();
  await Promise.all([open, blocked, duplicate].map((h) => h?.close()));
});

/** What the network (the sandbox connector) received for this platform in the last post. */
const sentTo = (platform: string) => spies.get(platform)?.mock.calls.at(-1)?.[0] as PublishInput | undefined;
const callsTo = (platform: string) => spies.get(platform)?.mock.calls.length ?? 0;

async function post(
  platforms: readonly string[],
  mediaUrls: string[],
  text = 'media test',
  extra: Record<string, unknown> = {},
) {
  return t.request('POST', '/api/post', { post: text, platforms, mediaUrls, ...extra }, X_KEYS);
}

const story = { instagramOptions: { stories: true } };

describe('crawler preflight: the network is never called with media its crawler cannot fetch', () => {
  it('Instagram: robots.txt disallows facebookexternalhit → 440 with the fix, no call to the network', async () => {
    const before = callsTo('instagram');
    const url = blocked.url('/photo.jpg');
    const res = await post(['instagram'], [url]);
    expect(res.status).toBe(400);
    const errors = res.body.errors as Record<string, unknown>[];
    expect(errors).toEqual([
      {
        action: 'post',
        code: 440,
        message: messageOf({ code: 440 }),
        details: expect.stringContaining(
          'disallows facebookexternalhit for /photo.jpg (line 5: "Disallow: /")',
        ),
        platform: 'instagram',
        status: 'error',
      },
    ]);
    expect(errors[0]?.details).toContain(`${url}: robots.txt (${blocked.url('/robots.txt')})`);
    expect(errors[0]?.details).toContain(
      'Fix: Add these lines to robots.txt, before the "User-agent: *" group:\nUser-agent: facebookexternalhit\nAllow: /',
    );
    expect(callsTo('instagram')).toBe(before);
    // The attempt is closed just after the target fails (which is what woke the request): wait for it.
    await vi.waitFor(async () => {
      const { rows } = await t.herald.app.pool.query<{ outcome: string; error_code: number }>(
        'SELECT a.outcome, a.error_code FROM attempts a JOIN targets t ON t.id = a.target_id WHERE t.post_id = $1',
        [res.body.id],
      );
      expect(rows).toEqual([{ outcome: 'preflight', error_code: 440 }]);
    });
  });

  it('the same media: Threads 379, Facebook (another ingestion path, robots.txt not applied) publishes', async () => {
    const res = await post(['instagram', 'threads', 'facebook'], [blocked.url('/photo.jpg')]);
    const errors = res.body.errors as { platform: string; code: number; details?: string }[];
    expect(errors.map((e) => [e.platform, e.code]).sort()).toEqual([
      ['instagram', 440],
      ['threads', 379],
    ]);
    expect(errors.find((e) => e.platform === 'threads')?.details).toContain(
      'User-agent: facebookexternalhit\nAllow: /',
    );
    expect((res.body.postIds as { platform: string }[]).map((p) => p.platform)).toEqual(['facebook']);
  });

  it('a video is checked the same way (Meta fetches reels by URL too)', async () => {
    const before = callsTo('instagram');
    const res = await post(['instagram'], [blocked.url('/clip.mp4')]);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        code: 440,
        details: expect.stringContaining('disallows facebookexternalhit for /clip.mp4'),
      }),
    ]);
    expect(callsTo('instagram')).toBe(before);
    const ok = await post(['instagram'], [open.url('/clip.mp4')]);
    expect(ok.status).toBe(200);
    expect(sentTo('instagram')?.media).toEqual([{ url: open.url('/clip.mp4'), kind: 'video' }]);
  });

  it('Pinterest gets Herald’s 650 for its own crawler', async () => {
    const res = await post(['pinterest'], [blocked.url('/photo.jpg')]);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        code: 650,
        platform: 'pinterest',
        details: expect.stringContaining('disallows Pinterest'),
      }),
    ]);
  });

  it('TikTok pulls photos by URL (650) but takes videos as uploads (not checked)', async () => {
    const photo = await post(['tiktok'], [blocked.url('/photo.jpg')]);
    expect(photo.body.errors).toEqual([
      expect.objectContaining({
        code: 650,
        platform: 'tiktok',
        details: expect.stringContaining('disallows TikTokSpider'),
      }),
    ]);
    const video = await post(['tiktok'], [blocked.url('/clip.mp4')]);
    expect(video.status).toBe(200);
  });

  it.each([
    ['/crawler-403.jpg', 'HTTP 403 from origin to facebookexternalhit'],
    ['/waf.jpg', 'an HTML page (HTTP 200, text/html; charset=utf-8) instead of the media'],
    [
      '/signed.jpg?X-Amz-Date=20200101T000000Z&X-Amz-Expires=60',
      'the signed URL expires at 2020-01-01T00:01:00.000Z',
    ],
  ])('%s → 440 naming the cause', async (pathname, cause) => {
    const before = callsTo('instagram');
    const res = await post(['instagram'], [open.url(pathname)]);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ code: 440, details: expect.stringContaining(cause) }),
    ]);
    expect(callsTo('instagram')).toBe(before);
  });

  it('a robots.txt with several User-agent: * groups publishes, with a warning', async () => {
    const res = await post(['instagram'], [duplicate.url('/photo.jpg')]);
    expect(res.status).toBe(200);
    expect(res.body.warnings).toEqual([
      {
        feature: 'robots.txt',
        code: 651,
        message: messageOf({ code: 651 }),
        details: expect.stringContaining('has 2 separate "User-agent: *" groups (lines 1, 4)'),
      },
    ]);
  });
});

describe('conversion: the network receives a JPEG that Herald serves', () => {
  it('a WebP posted to Instagram reaches it as a Herald-served JPEG; X takes the WebP as is', async () => {
    const source = open.url('/photo.webp');
    const res = await post(['instagram', 'twitter'], [source]);
    expect(res.status).toBe(200);
    const sent = sentTo('instagram')?.media[0]?.url ?? '';
    expect(sent).toMatch(/^http:\/\/herald\.test:8080\/media\/[0-9a-f]{32}\.jpg$/);
    expect(sentTo('twitter')?.media[0]?.url).toBe(source);
    // Served publicly (no API key), as a JPEG.
    const file = await t.herald.server?.inject({ method: 'GET', url: new URL(sent).pathname });
    expect(file?.statusCode).toBe(200);
    expect(file?.headers['content-type']).toBe('image/jpeg');
    expect([...(file?.rawPayload.subarray(0, 3) ?? [])]).toEqual([0xff, 0xd8, 0xff]);
    const head = await t.herald.server?.inject({ method: 'HEAD', url: new URL(sent).pathname });
    expect(head?.statusCode).toBe(200);
  });

  it('a WebP disguised as .jpg is still converted (the bytes decide)', async () => {
    await post(['instagram'], [open.url('/disguised.jpg')]);
    expect(sentTo('instagram')?.media[0]?.url).toMatch(/\/media\/[0-9a-f]{32}\.jpg$/);
  });

  it('HEIC and AVIF become JPEG for every network', async () => {
    const res = await post(['twitter', 'facebook'], [open.url('/photo.heic'), open.url('/photo.avif')]);
    expect(res.status).toBe(200);
    for (const platform of ['twitter', 'facebook']) {
      const urls = sentTo(platform)?.media.map((m) => m.url) ?? [];
      expect(urls).toHaveLength(2);
      for (const url of urls) expect(url).toMatch(/^http:\/\/herald\.test:8080\/media\/[0-9a-f]{32}\.jpg$/);
    }
    // One conversion per source, shared by both networks.
    expect(sentTo('twitter')?.media.map((m) => m.url)).toEqual(sentTo('facebook')?.media.map((m) => m.url));
  });

  it('a media file of any other name is not found', async () => {
    for (const url of ['/media/../secret.key', '/media/abc.jpg', `/media/${'0'.repeat(32)}.jpg`]) {
      const res = await t.herald.server?.inject({ method: 'GET', url });
      expect(res?.statusCode, url).toBe(404);
    }
  });

  it('corrupt → 450; refused by the origin → 451 (LinkedIn, seed 002’s example)', async () => {
    const corrupt = await post(['instagram'], [open.url('/corrupt.webp')]);
    expect(corrupt.body.errors).toEqual([
      {
        action: 'image conversion',
        status: 'error',
        code: 450,
        message: messageOf({ code: 450 }),
        details: expect.any(String),
        platform: 'instagram',
      },
    ]);
    const forbidden = await post(['linkedin'], [open.url('/forbidden.webp')]);
    expect(forbidden.body.errors).toEqual([
      {
        action: 'image conversion',
        status: 'error',
        code: 451,
        message: 'The image could not be downloaded for format conversion.',
        details: `${open.url('/forbidden.webp')}: HTTP 403 from origin`,
        platform: 'linkedin',
      },
    ]);
  });

  it('a URL that resolves to a private address is refused with 451, before any connection', async () => {
    const res = await post(['linkedin', 'instagram'], ['http://10.0.0.1/a.jpg']);
    const errors = res.body.errors as { code: number; details: string }[];
    expect(errors.map((e) => [e.code, e.details])).toEqual([
      [451, 'non-public address 10.0.0.1 (private)'],
      [451, 'non-public address 10.0.0.1 (private)'],
    ]);
  });
});

describe('checks from the network’s limits', () => {
  it('Instagram feed image of 1440×2158 → 138 aspectRatio, as seed 001 prints it', async () => {
    const before = callsTo('instagram');
    const res = await post(['instagram'], [open.url('/tall.jpg')]);
    expect(res.body.errors).toEqual([
      {
        action: 'post',
        status: 'error',
        code: 138,
        message:
          "Instagram Error: There was an issue posting to Instagram. The submitted image with aspect ratio ('1440/2158',) cannot be published. Please submit an image with a valid aspect ratio.",
        platform: 'instagram',
      },
    ]);
    expect(callsTo('instagram')).toBe(before);
  });

  it('an Instagram story image that is not 9:16 → 138 naming the rule; a 9:16 one publishes', async () => {
    const before = callsTo('instagram');
    const res = await post(['instagram'], [open.url('/photo.jpg')], 'story', story);
    expect(res.body.errors).toEqual([
      {
        action: 'post',
        status: 'error',
        code: 138,
        message:
          "Instagram Error: There was an issue posting to Instagram. The submitted image with aspect ratio ('1080/1350',) cannot be published. Please submit an image with a valid aspect ratio.",
        details:
          'Instagram stories must be 9:16 (width/height 0.5569 to 0.5681); this image is 1080×1350 as displayed. Crop it to 9:16 and post again.',
        platform: 'instagram',
      },
    ]);
    expect(callsTo('instagram')).toBe(before);
  });

  it('a landscape reel → 138 with the displayed size read from the video itself', async () => {
    const before = callsTo('instagram');
    const res = await post(['instagram'], [open.url('/landscape.mp4')]);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        code: 138,
        message: expect.stringContaining("aspect ratio ('640/360',)"),
        details: expect.stringContaining('Instagram reels must be 9:16'),
      }),
    ]);
    expect(callsTo('instagram')).toBe(before);
  });

  it('a portrait phone video (stored landscape, rotated 90°) is a 9:16 reel and publishes', async () => {
    const res = await post(['instagram'], [open.url('/rotated.mov')]);
    expect(res.status).toBe(200);
    expect(sentTo('instagram')?.media).toEqual([{ url: open.url('/rotated.mov'), kind: 'video' }]);
  });

  it('a moov past the first 3 MiB is found with ranged reads, never a whole download', async () => {
    const res = await post(['instagram'], [open.url('/far-moov.mp4')]);
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 138 })]);
    const hits = open.hits('/far-moov.mp4');
    expect(hits.every((h) => h.range !== undefined)).toBe(true);
    // Herald's first 512 KiB, the hop to the moov, the crawler's ranged fetch.
    expect(hits.length).toBeLessThanOrEqual(3);
  });

  it('an origin that ignores Range: the ratio cannot be read, so it is left to Instagram', async () => {
    const res = await post(['instagram'], [open.url('/far-moov-no-ranges.mp4')]);
    expect(res.status).toBe(200);
  });

  it('durations from the movie header: a 1 s video is a fine story but too short for a reel', async () => {
    const asStory = await post(['instagram'], [open.url('/short.mp4')], 'story', story);
    expect(asStory.status).toBe(200);
    const asReel = await post(['instagram'], [open.url('/short.mp4')]);
    expect(asReel.body.errors).toEqual([
      expect.objectContaining({
        code: 136,
        message: expect.stringContaining('a reel must last at least 3 s (this one lasts 1.0 s)'),
      }),
    ]);
  });

  it('Threads takes a landscape video (no 9:16 rule there)', async () => {
    const res = await post(['threads'], [open.url('/landscape.mp4')]);
    expect(res.status).toBe(200);
  });
});

describe('scheduled posts: media checked when the post is accepted, against its time', () => {
  const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString();
  const postCount = async () =>
    Number((await t.herald.app.pool.query<{ n: string }>('SELECT count(*) AS n FROM posts')).rows[0]?.n);

  it('a signed URL valid now but expired by the scheduled time → 440 at once, nothing stored', async () => {
    const stamp = `${new Date().toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
    const url = open.url(`/signed.jpg?X-Amz-Date=${stamp}&X-Amz-Expires=3600`);
    const before = await postCount();
    const res = await post(['instagram'], [url], 'later', { scheduleDate: tomorrow() });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 'error', postIds: [] });
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        code: 440,
        platform: 'instagram',
        details: expect.stringContaining('X-Amz-Date + X-Amz-Expires'),
      }),
    ]);
    expect(await postCount()).toBe(before);
    // The same URL posted now is fine: it is valid for another hour.
    expect((await post(['instagram'], [url])).status).toBe(200);
  });

  it('a robots.txt that blocks the crawler and a story that is not 9:16 are refused at once too', async () => {
    const blockedRes = await post(['instagram', 'threads'], [blocked.url('/photo.jpg')], 'later', {
      scheduleDate: tomorrow(),
    });
    expect((blockedRes.body.errors as { code: number }[]).map((e) => e.code).sort()).toEqual([379, 440]);
    const storyRes = await post(['instagram'], [open.url('/landscape.mp4')], 'later', {
      scheduleDate: tomorrow(),
      ...story,
    });
    expect(storyRes.body.errors).toEqual([expect.objectContaining({ code: 138 })]);
  });

  it('media that cannot be downloaded yet is left to the job (the file may be uploaded before then)', async () => {
    const res = await post(['instagram'], [open.url('/not-uploaded-yet.jpg')], 'later', {
      scheduleDate: tomorrow(),
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('scheduled');
  });
});

describe('failures of the media step itself', () => {
  let other: TestHerald;
  beforeAll(async () => {
    const notADirectory = path.join(mkdtempSync(path.join(tmpdir(), 'herald-media-')), 'file');
    writeFileSync(notADirectory, 'not a directory');
    other = await startTestHerald({
      env: env({ HERALD_DATA_DIR: notADirectory, HERALD_MEDIA_MAX_BYTES: '1048576' }),
    });
    await linkSandbox(other, ['instagram']);
  });
  afterAll(() => other?.stop());

  it('the store refuses the converted file → 452', async () => {
    const res = await other.request('POST', '/api/post', {
      post: 'x',
      platforms: ['instagram'],
      mediaUrls: [open.url('/photo.webp')],
    });
    expect(res.status).toBe(500);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ code: 452, action: 'image conversion', platform: 'instagram' }),
    ]);
  });

  it('a source over HERALD_MEDIA_MAX_BYTES → 450', async () => {
    const res = await other.request('POST', '/api/post', {
      post: 'x',
      platforms: ['instagram'],
      mediaUrls: [open.url('/huge.webp')],
    });
    expect(res.body.errors).toEqual([
      expect.objectContaining({ code: 450, details: 'the file is larger than the 1048576-byte limit' }),
    ]);
  });
});
