import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

let t: TestHerald;
let other: string;
beforeAll(async () => {
  t = await startTestHerald({ env: { HERALD_SHORT_URL_BASE: 'https://sho.rt' } });
  other = (await t.request('POST', '/api/profiles', { title: 'Other tenant' })).body.profileKey as string;
});
afterAll(() => t.stop());

/** A person (or a crawler) following the short link: no API key, from some address. */
async function follow(id: string, headers: Record<string, string> = {}) {
  const server = t.herald.server;
  if (!server) throw new Error('no API');
  return server.inject({ method: 'GET', url: `/s/${id}`, headers, remoteAddress: '203.0.113.7' });
}

describe('POST /api/links', () => {
  it('answers Ayrshare’s fields; the same URL gives the same link; UTM fields are embedded and echoed', async () => {
    const first = await t.request('POST', '/api/links', {
      url: 'https://www.example.com/page',
      source: 'npm',
    });
    expect(first.status).toBe(200);
    expect(Object.keys(first.body).sort()).toEqual(['created', 'id', 'originalUrl', 'shortUrl', 'status']);
    expect(first.body).toMatchObject({ status: 'success', originalUrl: 'https://www.example.com/page' });
    expect(first.body.id).toMatch(/^[0-9A-Za-z]{7}$/);
    expect(first.body.shortUrl).toBe(`https://sho.rt/${first.body.id}`);
    expect(Number.isNaN(Date.parse(first.body.created as string))).toBe(false);

    const again = await t.request('POST', '/api/links', { url: 'https://www.example.com/page' });
    expect(again.body.id).toBe(first.body.id);

    const tagged = await t.request('POST', '/api/links', {
      url: 'https://www.example.com/page',
      utmSource: 'google_ads',
      utmCampaign: 'spring',
    });
    expect(tagged.body.id).not.toBe(first.body.id);
    expect(tagged.body).toMatchObject({
      originalUrl: 'https://www.example.com/page?utm_source=google_ads&utm_campaign=spring',
      utmSource: 'google_ads',
      utmCampaign: 'spring',
    });
  });

  it.each([
    ['ftp://example.com/file', 'This URL cannot be shortened: only http and https URLs can be shortened.'],
    ['not a url', 'This URL cannot be shortened: it is not an absolute URL.'],
    ['https://user:secret@example.com/', 'This URL cannot be shortened: it carries a user name or password.'],
    [
      `https://example.com/${'a'.repeat(2100)}`,
      'This URL cannot be shortened: it is longer than 2048 characters.',
    ],
  ])('refuses %s with 652 and stores nothing', async (url, message) => {
    const before = await t.count('links');
    const res = await t.request('POST', '/api/links', { url });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ action: 'links', status: 'error', code: 652, message });
    expect(await t.count('links')).toBe(before);
  });

  it('refuses a call without an API key', async () => {
    const res = await t.request('POST', '/api/links', { url: 'https://example.com' }, { authorization: '' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe(102);
  });
});

describe('GET /s/:id', () => {
  it('redirects with 302, counts people by browser and referring host, never crawlers, and stores no IP', async () => {
    const link = await t.request('POST', '/api/links', { url: 'https://news.example.org/story?id=7' });
    const id = link.body.id as string;

    const chrome = await follow(id, { 'user-agent': CHROME, referer: 'https://t.co/abc?x=1' });
    expect(chrome.statusCode).toBe(302);
    expect(chrome.headers.location).toBe('https://news.example.org/story?id=7');
    expect(chrome.headers['cache-control']).toBe('private, no-store');
    await follow(id, { 'user-agent': IPHONE_SAFARI, referer: 'https://l.facebook.com/l.php?u=secret' });
    await follow(id, { 'user-agent': CHROME });
    // Link previews: the networks' crawlers fetch the link when the post goes out.
    const crawler = await follow(id, {
      'user-agent': 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
    });
    expect(crawler.statusCode).toBe(302);
    await follow(id, { 'user-agent': 'Twitterbot/1.0' });

    const res = await t.request('GET', `/api/links/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'success',
      analytics: {
        id,
        shortUrl: `https://sho.rt/${id}`,
        originalUrl: 'https://news.example.org/story?id=7',
        created: link.body.created,
        totalClicks: 3,
        refererCounts: { 't.co': 1, 'l.facebook.com': 1 },
        browserCounts: { chrome: 2, safari: 1 },
        socialClicks: { twitter: 1, facebook: 1 },
        status: 'success',
      },
    });

    const columns = await t.herald.app.pool.query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'link_clicks' ORDER BY ordinal_position",
    );
    expect(columns.rows.map((r) => r.column_name)).toEqual([
      'id',
      'link_id',
      'profile_id',
      'clicked_at',
      'referer_host',
      'browser',
      'device',
    ]);
    const stored = await t.herald.app.pool.query('SELECT * FROM link_clicks WHERE link_id = $1', [id]);
    const text = JSON.stringify(stored.rows);
    expect(text).not.toContain('203.0.113.7');
    expect(text).not.toContain('secret');
    expect(text).not.toContain('Windows NT');
  });

  it('an unknown id is 404 and counts nothing', async () => {
    const before = await t.count('link_clicks');
    const res = await follow('ZZZZZZZ');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe(607);
    expect((await follow('../../etc')).statusCode).toBe(404);
    expect(await t.count('link_clicks')).toBe(before);
  });
});

describe('tenancy', () => {
  it('another profile can follow the link (it is public) but never reads its analytics or lists it', async () => {
    const link = await t.request('POST', '/api/links', { url: 'https://private.example.com/' });
    const id = link.body.id as string;
    const asOther = await t.request('GET', `/api/links/${id}`, undefined, { 'profile-key': other });
    expect(asOther.status).toBe(404);
    expect(asOther.body.code).toBe(607);
    const list = await t.request('GET', '/api/links', undefined, { 'profile-key': other });
    expect(list.body).toEqual({ status: 'success', links: [] });
    // The other profile shortening the same URL gets its own link.
    const own = await t.request(
      'POST',
      '/api/links',
      { url: 'https://private.example.com/' },
      { 'profile-key': other },
    );
    expect(own.body.id).not.toBe(id);
  });
});

describe('Ayrshare’s SDK, as it sends its calls', () => {
  it('shortLink → POST links, shortLinkAnalytics → GET links/:id?id=…, also without an id', async () => {
    const created = await t.request('POST', '/api/links', {
      url: 'https://sdk.example.com/',
      utmId: '1234',
      source: 'npm',
    });
    expect(created.body).toMatchObject({
      status: 'success',
      originalUrl: 'https://sdk.example.com/?utm_id=1234',
      utmId: '1234',
    });
    const id = created.body.id as string;
    const one = await t.request(
      'GET',
      `/api/links/${id}?id=${id}&fromClickDate=2020-01-01T00%3A00%3A00Z&source=npm`,
    );
    expect(one.body).toMatchObject({ status: 'success', analytics: { id, totalClicks: 0 } });
    // shortLinkAnalytics({}) builds `links/undefined`.
    const all = await t.request('GET', '/api/links/undefined?source=npm');
    expect((all.body.links as { id: string }[]).map((l) => l.id)).toContain(id);
    const bad = await t.request('GET', `/api/links/${id}?toClickDate=yesterday&source=npm`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe(604);
  });

  it('shorten → POST shorten (and POST short) answer {status, shortUrl, originalUrl}', async () => {
    for (const path of ['/api/shorten', '/api/short']) {
      const res = await t.request('POST', path, { url: 'https://legacy.example.com/', source: 'npm' });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(['originalUrl', 'shortUrl', 'status']);
      expect(res.body).toMatchObject({ status: 'success', originalUrl: 'https://legacy.example.com/' });
    }
    const meta = await t.request('POST', '/api/shorten', {
      url: 'https://legacy.example.com/',
      socialMeta: { title: 'A title' },
    });
    expect(meta.body.code).toBe(604);
  });

  it('analyticsLinks → GET analytics/links?lastDays=…: clicks per device class, as Firebase links had', async () => {
    const link = await t.request('POST', '/api/links', { url: 'https://legacy-clicks.example.com/' });
    const id = link.body.id as string;
    await follow(id, { 'user-agent': IPHONE_SAFARI });
    await follow(id, { 'user-agent': IPHONE_SAFARI });
    await follow(id, { 'user-agent': CHROME });
    for (const path of ['/api/analytics/links', '/api/analytics/links-short']) {
      const res = await t.request('GET', `${path}?lastDays=2&source=npm`);
      expect(res.status).toBe(200);
      const entry = (res.body as unknown as Record<string, unknown>[]).find(
        (e) => e.link === 'https://legacy-clicks.example.com/',
      );
      expect(entry).toEqual({
        linkEventStats: expect.arrayContaining([
          { count: '2', event: 'CLICK', platform: 'IOS' },
          { count: '1', event: 'CLICK', platform: 'DESKTOP' },
        ]),
        link: 'https://legacy-clicks.example.com/',
        shortLink: `https://sho.rt/${id}`,
        created: { _seconds: expect.any(Number), _nanoseconds: expect.any(Number) },
      });
    }
    expect((await t.request('GET', '/api/analytics/links?lastDays=9')).body.code).toBe(604);
  });
});
