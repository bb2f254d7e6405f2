import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

let t: TestHerald;
beforeAll(async () => {
  t = await startTestHerald();
  await linkSandbox(t, ['facebook']);
});
afterAll(() => t.stop());

describe('one rule for fields', () => {
  it.each([
    ['shortenLinks: false', { shortenLinks: false }],
    ['requiresApproval: false', { requiresApproval: false }],
    ['autoRepost: null', { autoRepost: null }],
    ['profileKeys: []', { profileKeys: [] }],
    ['notes: ""', { notes: '' }],
    ['validateScheduled: true', { validateScheduled: true }],
    ['the SDK’s source', { source: 'npm' }],
  ])('a field that asks for nothing is accepted: %s', async (_name, extra) => {
    const res = await t.request('POST', '/api/post', { post: 'fields', platforms: ['facebook'], ...extra });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('success');
  });

  it.each([
    ['autoHashtag', { autoHashtag: true }],
    ['profileKeys', { profileKeys: ['A'] }],
    ['unsplash', { unsplash: 'random' }],
    ['disableComments', { disableComments: true }],
  ])('a field that asks for a missing feature is refused with 604 naming it: %s', async (field, extra) => {
    const before = await t.count('posts');
    const res = await t.request('POST', '/api/post', { post: 'x', platforms: ['facebook'], ...extra });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 604 });
    expect(res.body.message).toContain(`${field} asks for a feature Herald does not offer`);
    expect(await t.count('posts')).toBe(before);
  });

  it('validateScheduled: false (skip the checks at accept time) is not offered', async () => {
    const res = await t.request('POST', '/api/post', {
      post: 'x',
      platforms: ['facebook'],
      validateScheduled: false,
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(604);
  });

  it.each([
    [
      'POST',
      '/api/accounts',
      { platform: 'bluesky', credentials: { sandbox: true }, sandbx: true },
      'sandbx',
    ],
    ['DELETE', '/api/profiles/social', { platform: 'bluesky', platfrom: 'x' }, 'platfrom'],
    ['PUT', '/api/post/retry', { id: 'abc', includeUnconfirmd: true }, 'includeUnconfirmd'],
    ['POST', '/api/media/urlExists', { mediaUrl: 'https://example.com/a.jpg', mediaURL: 'x' }, 'mediaURL'],
  ] as const)('%s %s: an unknown body field is 631 naming it', async (method, url, body, field) => {
    const res = await t.request(method, url, body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 'error', code: 631 });
    expect(res.body.message).toContain(`"${field}"`);
  });

  it.each([
    ['/api/user?foo=1', 'query.foo'],
    ['/api/history?lastday=3', 'query.lastday'],
    ['/api/profiles?titel=x', 'query.titel'],
  ])('GET %s: an unknown query parameter is 631 naming it', async (url, field) => {
    const res = await t.request('GET', url);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(631);
    expect(res.body.message).toContain(`"${field}"`);
  });

  it('GET with the SDK’s ?source=npm is accepted everywhere', async () => {
    for (const url of [
      '/api/user?source=npm',
      '/api/history?source=npm',
      '/api/profiles?source=npm',
      '/api/accounts?source=npm',
    ]) {
      expect((await t.request('GET', url)).status, url).toBe(200);
    }
  });
});

describe('GET /api/history', () => {
  it('honours lastRecords, Ayrshare’s older name for limit (limit wins when both are sent)', async () => {
    for (const n of [1, 2, 3])
      await t.request('POST', '/api/post', { post: `history ${n}`, platforms: ['facebook'] });
    expect(((await t.request('GET', '/api/history?lastRecords=2')).body.history as unknown[]).length).toBe(2);
    expect(
      ((await t.request('GET', '/api/history?lastRecords=2&limit=3')).body.history as unknown[]).length,
    ).toBe(3);
  });
});

describe('network option objects follow the same rule', () => {
  it('an unknown option field is 620 naming it, nothing stored', async () => {
    await linkSandbox(t, ['instagram']);
    const before = await t.count('posts');
    const res = await t.request('POST', '/api/post', {
      post: 'x',
      platforms: ['instagram'],
      mediaUrls: ['https://example.com/a.jpg'],
      instagramOptions: { storys: true },
    });
    expect(res.status).toBe(400);
    expect((res.body.errors as { code: number; message: string }[])[0]).toMatchObject({ code: 620 });
    expect((res.body.errors as { message: string }[])[0]?.message).toContain(
      'instagramOptions.storys is not a field Herald knows',
    );
    expect(await t.count('posts')).toBe(before);
  });

  it('an option Ayrshare documents and Herald lacks: accepted empty, 620 naming it when it asks', async () => {
    const empty = await t.request('POST', '/api/post', {
      post: 'x',
      platforms: ['facebook'],
      faceBookOptions: { targeting: {}, draft: false },
    });
    expect(empty.status).toBe(200);
    const asks = await t.request('POST', '/api/post', {
      post: 'x',
      platforms: ['facebook'],
      faceBookOptions: { targeting: { countries: ['FR'] } },
    });
    expect(asks.status).toBe(400);
    expect((asks.body.errors as { message: string }[])[0]?.message).toContain(
      'faceBookOptions.targeting asks for a feature Herald does not offer',
    );
  });
});
