import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CrawlerCheckDeps, checkCrawler } from '../../src/media/crawler-check.ts';
import { CRAWLERS, type Crawler } from '../../src/media/crawlers.ts';
import { TtlCache } from '../../src/media/ttl-cache.ts';
import { loopbackPolicy } from '../fakes/media-server/loopback-fetch.ts';
import { type MediaHost, startMediaHost } from '../fakes/media-server/server.ts';

const META = CRAWLERS.find((c) => c.token === 'facebookexternalhit') as Crawler;
const PINTEREST = CRAWLERS.find((c) => c.token === 'Pinterest') as Crawler;

const deps = (ttlMs = 0, timeoutMs = 10_000): CrawlerCheckDeps => ({
  policy: loopbackPolicy({ timeoutMs }),
  robotsCache: new TtlCache(ttlMs),
  fetchCache: new TtlCache(ttlMs),
  presignedMarginMs: 15 * 60_000,
});

const hosts: Record<string, MediaHost> = {};
beforeAll(async () => {
  const [open, blocked, blockedOwn, duplicate, broken, missing] = await Promise.all([
    startMediaHost({ robots: 'User-agent: *\nAllow: /\n' }),
    startMediaHost({ robots: 'User-agent: Twitterbot\nAllow: /\n\nUser-agent: *\nDisallow: /\n' }),
    startMediaHost({
      robots: 'User-agent: facebookexternalhit\nDisallow: /photo\n\nUser-agent: *\nAllow: /\n',
    }),
    startMediaHost({ robots: 'User-agent: *\nDisallow: /private/\n\nUser-agent: *\nAllow: /\n' }),
    startMediaHost({ robots: { status: 503 } }),
    startMediaHost({ robots: { status: 404 } }),
  ]);
  Object.assign(hosts, { open, blocked, blockedOwn, duplicate, broken, missing });
});
afterAll(() => Promise.all(Object.values(hosts).map((h) => h.close())));

const at = (name: string, path: string) => (hosts[name] as MediaHost).url(path);

describe('the crawler check, as seed 000’s verification does it', () => {
  it('fetches as the crawler: its user agent, the first 512 KiB, no Referer', async () => {
    const report = await checkCrawler(deps(), at('open', '/photo.jpg'), META, new Date());
    expect(report).toMatchObject({
      crawler: 'facebookexternalhit',
      verdict: 'ok',
      robots: { verdict: 'allowed', basis: 'rule', rule: { directive: 'Allow', line: 2 }, status: 200 },
      fetch: { status: 206, contentType: 'image/jpeg', declaredType: 'image/jpeg', html: false },
      warnings: [],
    });
    const seen = (hosts.open as MediaHost).hits('/photo.jpg').at(-1);
    expect(seen).toMatchObject({ userAgent: META.userAgent, range: 'bytes=0-524288' });
    expect(seen?.referer).toBeUndefined();
    expect((hosts.open as MediaHost).hits('/robots.txt').at(-1)?.userAgent).toBe(META.userAgent);
  });

  it('robots.txt disallowing the crawler: the rule that decided, and the lines to add', async () => {
    const report = await checkCrawler(deps(), at('blocked', '/photo.jpg'), META, new Date());
    expect(report).toMatchObject({
      verdict: 'blocked',
      finding: 'robots',
      robots: {
        verdict: 'disallowed',
        basis: 'rule',
        group: 'wildcard',
        rule: { directive: 'Disallow', line: 5 },
      },
    });
    expect(report.cause).toBe(
      `robots.txt (${at('blocked', '/robots.txt')}) disallows facebookexternalhit for /photo.jpg (line 5: "Disallow: /"), in the "User-agent: *" group.`,
    );
    expect(report.fix).toContain('User-agent: facebookexternalhit\nAllow: /');
  });

  it('a disallow in the crawler’s own group: remove that line', async () => {
    const report = await checkCrawler(deps(), at('blockedOwn', '/photo.jpg'), META, new Date());
    expect(report).toMatchObject({ verdict: 'blocked', robots: { group: 'specific', rule: { line: 2 } } });
    expect(report.fix).toMatch(/^In robots.txt, remove line 2 \("Disallow: \/photo"\)/);
    // Another crawler falls back on `*`, which allows it.
    expect((await checkCrawler(deps(), at('blockedOwn', '/photo.jpg'), PINTEREST, new Date())).verdict).toBe(
      'ok',
    );
  });

  it('robots.txt answering 5xx disallows everything; 4xx allows everything (RFC 9309)', async () => {
    const broken = await checkCrawler(deps(), at('broken', '/photo.jpg'), META, new Date());
    expect(broken).toMatchObject({
      verdict: 'blocked',
      finding: 'robots-unreachable',
      robots: { basis: 'unreachable', status: 503 },
    });
    expect(broken.fix).toBe(
      `Make ${at('broken', '/robots.txt')} answer 200 with your rules, or 404 if you have none.`,
    );
    const missing = await checkCrawler(deps(), at('missing', '/photo.jpg'), META, new Date());
    expect(missing).toMatchObject({
      verdict: 'ok',
      robots: { verdict: 'allowed', basis: 'unavailable', status: 404 },
    });
  });

  it('warns about several User-agent: * groups (and still merges them)', async () => {
    const report = await checkCrawler(deps(), at('duplicate', '/private/a.jpg'), META, new Date());
    expect(report.robots).toMatchObject({ verdict: 'disallowed', wildcardGroups: [1, 4] });
    const ok = await checkCrawler(deps(), at('duplicate', '/photo.jpg'), META, new Date());
    expect(ok.verdict).toBe('ok');
    expect(ok.warnings).toEqual([
      `robots.txt (${at('duplicate', '/robots.txt')}) has 2 separate "User-agent: *" groups (lines 1, 4). RFC 9309 crawlers merge them, but not every parser does, and rules get dropped or applied inconsistently: keep a single "User-agent: *" group, at the end of the file.`,
    ]);
  });

  it('a 403 for the crawler only', async () => {
    const report = await checkCrawler(deps(), at('open', '/crawler-403.jpg'), META, new Date());
    expect(report).toMatchObject({ verdict: 'blocked', finding: 'http-status', fetch: { status: 403 } });
    expect(report.cause).toBe(`HTTP 403 from origin to facebookexternalhit (${META.userAgent}).`);
    expect(report.fix).toContain(`curl -v -H "Range: bytes=0-524288" -A "${META.userAgent}"`);
  });

  it('an HTML page with 200 (a WAF challenge) is a block, not media', async () => {
    const report = await checkCrawler(deps(), at('open', '/waf.jpg'), META, new Date());
    expect(report).toMatchObject({
      verdict: 'blocked',
      finding: 'html',
      fetch: { status: 200, html: true, contentType: null },
    });
    expect(report.cause).toMatch(/an HTML page \(HTTP 200, text\/html; charset=utf-8\) instead of the media/);
  });

  it('a signed URL that expires before the post time plus the margin', async () => {
    const url = at('open', '/signed.jpg?X-Amz-Date=20200101T000000Z&X-Amz-Expires=60&X-Amz-Signature=x');
    const report = await checkCrawler(deps(), url, META, new Date());
    expect(report).toMatchObject({
      verdict: 'blocked',
      finding: 'presigned-expiry',
      presigned: { scheme: 's3', expiresAt: '2020-01-01T00:01:00.000Z', ok: false },
    });
    // Valid now, but not at the scheduled time: still refused.
    const soon = new Date(Date.now() + 3600_000);
    const stamp = `${soon.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
    const later = await checkCrawler(
      deps(),
      at('open', `/signed.jpg?X-Amz-Date=${stamp}&X-Amz-Expires=0`),
      META,
      new Date(Date.now() + 2 * 3600_000),
    );
    expect(later.finding).toBe('presigned-expiry');
  });

  it('an unreachable file names the cause', async () => {
    const report = await checkCrawler(deps(0, 300), at('open', '/stall.jpg'), META, new Date());
    expect(report).toMatchObject({ verdict: 'blocked', finding: 'download' });
    expect(report.cause).toBe(
      'facebookexternalhit could not download the media: timeout: no complete answer within 300 ms.',
    );
  });

  it('caches robots.txt and the crawler fetch per URL within the TTL', async () => {
    const shared = deps(60_000);
    const host = hosts.open as MediaHost;
    const robotsBefore = host.hits('/robots.txt').length;
    const pngBefore = host.hits('/photo.png').length;
    await checkCrawler(shared, at('open', '/photo.png'), META, new Date());
    await checkCrawler(shared, at('open', '/photo.png'), META, new Date());
    expect(host.hits('/robots.txt').length - robotsBefore).toBe(1);
    expect(host.hits('/photo.png').length - pngBefore).toBe(1);
  });
});
