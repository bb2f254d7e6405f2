import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTable, mediaCheck, runMediaCheck } from '../../src/cli/media-check.ts';
import { loadConfig } from '../../src/config/config.ts';
import { type MediaVerification, verificationRows } from '../../src/media/verify-media.ts';
import { TEST_MEDIA_ALLOW } from '../fakes/media-server/loopback-fetch.ts';
import { type MediaHost, startMediaHost } from '../fakes/media-server/server.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

const ENV = { HERALD_MEDIA_ALLOW: TEST_MEDIA_ALLOW };
let t: TestHerald;
let open: MediaHost;
let blocked: MediaHost;
let duplicate: MediaHost;

beforeAll(async () => {
  [open, blocked, duplicate] = await Promise.all([
    startMediaHost({ robots: 'User-agent: *\nAllow: /\n' }),
    startMediaHost({ robots: 'User-agent: Twitterbot\nAllow: /\n\nUser-agent: *\nDisallow: /\n' }),
    startMediaHost({ robots: 'User-agent: *\nDisallow: /private/\n\nUser-agent: *\nAllow: /\n' }),
  ]);
  t = await startTestHerald({ env: ENV });
});
afterAll(async () => {
  await t?.stop();
  await Promise.all([open, blocked, duplicate].map((h) => h?.close()));
});

const verify = (body: Record<string, unknown>) => t.request('POST', '/api/media/verify', body);

describe('POST /api/media/verify', () => {
  it('refuses a call without an API key', async () => {
    for (const url of ['/api/media/verify', '/api/media/urlExists']) {
      const res = await t.herald.server?.inject({
        method: 'POST',
        url,
        payload: { mediaUrl: open.url('/photo.jpg') },
      });
      expect(res?.statusCode, url).toBe(403);
      expect(res?.json().code).toBe(102);
    }
  });

  it('answers per crawler: robots verdict with its rule, HTTP status, type, bytes, verdict and fix', async () => {
    const res = await verify({ mediaUrl: blocked.url('/photo.jpg') });
    expect(res.status).toBe(200);
    const { crawlers } = res.body as unknown as MediaVerification;
    expect(crawlers.map((c) => [c.crawler, c.verdict])).toEqual([
      ['facebookexternalhit', 'blocked'],
      ['Pinterest', 'blocked'],
      ['TikTokSpider', 'blocked'],
      ['Googlebot-Image', 'blocked'],
      ['LinkedInBot', 'blocked'],
      ['Twitterbot', 'ok'],
    ]);
    expect(crawlers[0]).toMatchObject({
      platforms: ['instagram', 'threads', 'facebook'],
      robots: {
        verdict: 'disallowed',
        rule: { directive: 'Disallow', pattern: '/', line: 5, text: 'Disallow: /' },
      },
      fetch: { status: 206, contentType: 'image/jpeg', bytes: open.fixtures.jpeg.length },
      finding: 'robots',
      fix: expect.stringContaining('User-agent: facebookexternalhit\nAllow: /'),
    });
  });

  it('keeps to the networks asked for; refuses unknown ones and non-public URLs', async () => {
    const one = await verify({ mediaUrl: open.url('/photo.jpg'), platforms: ['threads'] });
    expect((one.body.crawlers as { crawler: string }[]).map((c) => c.crawler)).toEqual([
      'facebookexternalhit',
    ]);
    expect((await verify({ mediaUrl: open.url('/a.jpg'), platforms: ['myspace'] })).body.code).toBe(605);
    const refused = await verify({ mediaUrl: 'http://169.254.169.254/latest/meta-data/' });
    expect(refused).toMatchObject({
      status: 400,
      body: {
        action: 'media',
        code: 633,
        message: 'Herald does not fetch this media URL: non-public address 169.254.169.254 (metadata).',
        details: expect.stringContaining('HERALD_MEDIA_ALLOW'),
      },
    });
  });

  it('checks a signed URL against the scheduled time', async () => {
    const soon = new Date(Date.now() + 3600_000);
    const stamp = `${soon.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
    const mediaUrl = open.url(`/signed.jpg?X-Amz-Date=${stamp}&X-Amz-Expires=0`);
    const now = await verify({ mediaUrl, platforms: ['instagram'] });
    expect((now.body.crawlers as { verdict: string }[])[0]?.verdict).toBe('ok');
    const later = await verify({
      mediaUrl,
      platforms: ['instagram'],
      scheduleDate: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect((later.body.crawlers as { finding: string }[])[0]?.finding).toBe('presigned-expiry');
  });
});

describe('herald media check agrees with POST /api/media/verify', () => {
  const urls = () => [
    open.url('/photo.jpg'),
    blocked.url('/photo.jpg'),
    open.url('/crawler-403.jpg'),
    open.url('/waf.jpg'),
    open.url('/signed.jpg?X-Amz-Date=20200101T000000Z&X-Amz-Expires=60'),
    duplicate.url('/private/a.jpg'),
    open.url('/missing.jpg'),
  ];

  it('on the same URLs, row for row, and prints exactly that table', async () => {
    const config = loadConfig(ENV);
    for (const url of urls()) {
      const api = await verify({ mediaUrl: url });
      const cli = await runMediaCheck(config, url, []);
      if (!cli.ok) throw new Error(cli.message);
      const apiRows = verificationRows(api.body as unknown as MediaVerification);
      expect(verificationRows(cli.verification), url).toEqual(apiRows);
      let printed = '';
      const code = await mediaCheck(ENV, ['check', url], {}, (text) => {
        printed += text;
      });
      expect(printed, url).toBe(formatTable(apiRows));
      const crawlers = (api.body as unknown as MediaVerification).crawlers;
      expect(code, url).toBe(crawlers.some((c) => c.verdict === 'blocked' && c.pullsByUrl) ? 1 : 0);
    }
  });

  it('prints a usage line and exits 2 on a bad call', async () => {
    let printed = '';
    const write = (text: string) => {
      printed += text;
    };
    expect(await mediaCheck(ENV, ['check'], {}, write)).toBe(2);
    expect(await mediaCheck(ENV, ['check', open.url('/a.jpg')], { platforms: 'myspace' }, write)).toBe(2);
    expect(await mediaCheck(ENV, ['check', 'http://10.0.0.1/a.jpg'], {}, write)).toBe(2);
    expect(printed).toContain('usage: herald media check <url>');
    expect(printed).toContain('unknown platform "myspace"');
    expect(printed).toContain(
      'Herald does not fetch this media URL: non-public address 10.0.0.1 (private). Herald refuses non-public addresses (SSRF guard); list the host, IP or CIDR block in HERALD_MEDIA_ALLOW',
    );
  });
});

describe('POST /api/media/urlExists (Ayrshare)', () => {
  it.each([
    ['/photo.jpg', { mediaExists: true, contentType: 'image/jpeg' }],
    ['/no-head.jpg', { mediaExists: true, contentType: 'image/jpeg' }],
    ['/missing.jpg', { mediaExists: false }],
  ])('%s', async (pathname, answer) => {
    const res = await t.request('POST', '/api/media/urlExists', { mediaUrl: open.url(pathname) });
    expect(res).toEqual({ status: 200, body: { status: 'success', ...answer } });
  });

  it('a non-public address does not exist for Herald', async () => {
    const res = await t.request('POST', '/api/media/urlExists', { mediaUrl: 'http://10.0.0.1/a.jpg' });
    expect(res.body).toEqual({ status: 'success', mediaExists: false });
  });
});
