import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PinterestWorld, startPinterestWorld } from '../fakes/pinterest/fixtures.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { type MediaServer, startMediaServer, TINY_JPEG } from '../helpers/media-server.ts';

/** Pinterest analytics end to end against the fake Pinterest API v5. */
let world: PinterestWorld;
let media: MediaServer;
let t: TestHerald;

beforeAll(async () => {
  world = await startPinterestWorld();
  media = await startMediaServer({ '/photo.jpg': { body: TINY_JPEG, type: 'image/jpeg' } });
  t = await startTestHerald({
    env: { HERALD_PINTEREST_API_URL: world.fake.url, HERALD_MEDIA_ALLOW: '127.0.0.1' },
  });
  expect(
    (await t.request('POST', '/api/accounts', { platform: 'pinterest', credentials: world.credentials }))
      .status,
  ).toBe(200);
});
afterAll(async () => {
  await t?.stop();
  await world?.fake.close();
  await media?.close();
});

async function publish(): Promise<{ id: string; pin: string }> {
  const res = await t.request('POST', '/api/post', {
    post: `pin ${randomUUID()}`,
    platforms: ['pinterest'],
    mediaUrls: [media.url('/photo.jpg')],
  });
  expect(res.status).toBe(200);
  return { id: res.body.id as string, pin: (res.body.postIds as { id: string }[])[0]?.id as string };
}

describe('Pinterest analytics', () => {
  it('a pin: its fields and the last 90 days’ summary metrics', async () => {
    const { id, pin } = await publish();
    world.fake.engagement.set(pin, { views: 800, saves: 12, clicks: 30, comments: 2, like: 9 });
    const res = await t.request('POST', '/api/analytics/post', { id });
    expect(res.status).toBe(200);
    expect(res.body.pinterest).toMatchObject({
      id: pin,
      postUrl: `https://www.pinterest.com/pin/${pin}/`,
      analytics: {
        impression: 800,
        save: 12,
        pinClick: 30,
        outboundClick: 15,
        totalComments: 2,
        totalReactions: 9,
        boardId: world.board.id,
      },
    });
    const asked = world.fake.requests.filter((r) => r.path === `/v5/pins/${pin}/analytics`);
    expect(asked).toHaveLength(1);
  });

  it('a token without pins:read (29) is 682; a pin Pinterest does not have (50) is 607', async () => {
    const mine = await publish();
    world.user.scopes = new Set(['pins:write', 'boards:read']);
    try {
      const res = await t.request('POST', '/api/analytics/post', { id: mine.id });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 682, platform: 'pinterest' });
    } finally {
      world.user.scopes = undefined;
    }
    const gone = await t.request('POST', '/api/analytics/post', {
      id: '1',
      platforms: ['pinterest'],
      searchPlatformId: true,
    });
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ code: 607, message: 'Pin 1 on Pinterest was not found.' });
  });

  it('the account: counts and its own analytics', async () => {
    world.fake.engagement.set(world.user.id, { followers: 321, views: 10 });
    const res = await t.request('POST', '/api/analytics/social', { platforms: ['pinterest'] });
    expect(res.body).toMatchObject({
      pinterest: {
        analytics: { username: 'heraldtest', followerCount: 321, monthlyViews: 300, impression: 10 },
      },
    });
  });

  it('history: the account’s pins, newest first, paged by bookmark', async () => {
    const first = await t.request('GET', '/api/history/pinterest?limit=1');
    const pins = world.fake.pinsOf(world.user.id).reverse();
    expect(first.body.posts).toEqual([
      expect.objectContaining({ id: pins[0]?.id, postUrl: `https://www.pinterest.com/pin/${pins[0]?.id}/` }),
    ]);
    const second = await t.request('GET', `/api/history/pinterest?limit=1&next=${first.body.next as string}`);
    expect(second.body.posts).toEqual([expect.objectContaining({ id: pins[1]?.id })]);
  });
});
