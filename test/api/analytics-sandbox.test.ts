import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLARATIONS, LIVE_CONNECTORS } from '../../src/connectors/registry.ts';
import { PLATFORMS, type Platform } from '../../src/platforms.ts';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { expectSeedShape, SEED_272_ANALYTICS, SEED_444, SEED_475 } from '../helpers/seed-analytics.ts';

/**
 * Sandbox accounts answer analytics and history with invented, deterministic numbers in
 * the live connector's exact shape, and the analytics triggers fail them with the seed's
 * bodies, through the same envelope as live.
 */
let t: TestHerald;
const budgets = Object.fromEntries(
  PLATFORMS.filter((p) => DECLARATIONS[p].dailyBudget).map((p) => [
    `HERALD_${p.toUpperCase()}_DAILY_BUDGET`,
    '100000',
  ]),
);
beforeAll(async () => {
  t = await startTestHerald({ env: budgets });
  await linkSandbox(t, PLATFORMS);
});
afterAll(() => t.stop());

const WITH_METRICS = PLATFORMS.filter((p) => LIVE_CONNECTORS[p]?.analytics);
const WITHOUT_METRICS = PLATFORMS.filter((p) => !LIVE_CONNECTORS[p]?.analytics);

function bodyFor(platform: Platform, text: string) {
  const { media } = DECLARATIONS[platform];
  return {
    post: text,
    platforms: [platform],
    mediaUrls: media.requiresMedia
      ? [media.maxImages === 0 ? 'https://media.example.com/clip.mp4' : 'https://media.example.com/photo.jpg']
      : [],
    redditOptions: { title: 'A title', subreddit: 'news' },
    youTubeOptions: { title: 'A title' },
  };
}

/** X asks for the caller's BYO app keys on every call, sandbox accounts included. */
const KEYS = { 'x-twitter-oauth1-api-key': 'sandbox-key', 'x-twitter-oauth1-api-secret': 'sandbox-secret' };

async function publish(platform: Platform, text: string): Promise<string> {
  const res = await t.request('POST', '/api/post', bodyFor(platform, text), KEYS);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id as string;
}

describe('sandbox analytics', () => {
  it('the networks without metrics are exactly Telegram and Snapchat', () => {
    expect(WITHOUT_METRICS).toEqual(['snapchat', 'telegram']);
  });

  it.each(WITH_METRICS)(
    '%s: post metrics in the live shape, the same numbers on every call',
    async (platform) => {
      const id = await publish(platform, `sandbox analytics on ${platform}`);
      const first = await t.request('POST', '/api/analytics/post', { id }, KEYS);
      expect(first.status).toBe(200);
      const part = first.body[platform] as Record<string, unknown>;
      expect(Object.keys(part)).toEqual(['id', 'postUrl', 'analytics', 'lastUpdated', 'nextUpdate']);
      const live = LIVE_CONNECTORS[platform]?.analytics?.samples.post({
        id: part.id as string,
        postUrl: part.postUrl as string,
        username: `sandbox_${platform}`,
        text: `sandbox analytics on ${platform}`,
        created: (part.analytics as Record<string, unknown>).created as string,
      });
      expect(Object.keys(part.analytics as object).sort()).toEqual(Object.keys(live ?? {}).sort());
      // Asked again once the cache is gone: the numbers derive from the post, not from chance.
      await t.herald.app.pool.query('DELETE FROM analytics_cache');
      const again = await t.request('POST', '/api/analytics/post', { id }, KEYS);
      expect((again.body[platform] as Record<string, unknown>).analytics).toEqual(part.analytics);
    },
  );

  it.each(WITH_METRICS)('%s: account metrics and a paged history', async (platform) => {
    const social = await t.request('POST', '/api/analytics/social', { platforms: [platform] }, KEYS);
    expect(social.status).toBe(200);
    expect(Object.keys(social.body[platform] as object)).toEqual(['analytics', 'lastUpdated', 'nextUpdate']);
    const history = await t.request('GET', `/api/history/${platform}?limit=3`, undefined, KEYS);
    expect(history.status).toBe(200);
    const posts = history.body.posts as Record<string, unknown>[];
    expect(posts).toHaveLength(3);
    for (const post of posts) expect(post).toHaveProperty('id');
    const next = await t.request(
      'GET',
      `/api/history/${platform}?limit=3&next=${history.body.next as string}`,
      undefined,
      KEYS,
    );
    expect((next.body.posts as { id: string }[])[0]?.id).not.toBe(posts[0]?.id);
  });

  it.each(WITHOUT_METRICS)('%s: 680 for analytics and for history', async (platform) => {
    const social = await t.request('POST', '/api/analytics/social', { platforms: [platform] });
    expect(social.status).toBe(400);
    expect(social.body).toMatchObject({ code: 680, platform });
    const history = await t.request('GET', `/api/history/${platform}`);
    expect(history.body).toMatchObject({
      code: 680,
      message: expect.stringContaining('cannot list the posts'),
    });
  });

  it('history lists what Herald published on the account first', async () => {
    await publish('mastodon', 'the newest sandbox toot');
    const history = await t.request('GET', '/api/history/mastodon?limit=1');
    expect((history.body.posts as { post: string }[])[0]?.post).toBe('<p>the newest sandbox toot</p>');
  });
});

describe('sandbox analytics triggers: the seed’s bodies, field by field', () => {
  it('#sandbox-fail-444: the post publishes; its analytics answer 444 in the seed’s shape, HTTP 429', async () => {
    const id = await publish('facebook', 'throttled page #sandbox-fail-444');
    const post = await t.request('GET', `/api/post/${id}`);
    const fbId = (post.body.postIds as { id: string }[])[0]?.id;
    const res = await t.request('POST', '/api/analytics/post', { id, platforms: ['facebook'] });
    expect(res.status).toBe(429);
    expectSeedShape(res.body, SEED_444, { facebook: { id: fbId } });
  });

  it('#sandbox-fail-475 on LinkedIn: the seed’s 475, HTTP 403', async () => {
    const id = await publish('linkedin', 'no analytics scope #sandbox-fail-475');
    const res = await t.request('POST', '/api/analytics/post', { id }, KEYS);
    expect(res.status).toBe(403);
    expectSeedShape(res.body, SEED_475);
    expect(res.body).toEqual(SEED_475);
  });

  it('#sandbox-fail-272-analytics on X: the post publishes; analytics answer the long 272, HTTP 400', async () => {
    const id = await publish('twitter', 'suspended #sandbox-fail-272-analytics');
    const res = await t.request('POST', '/api/analytics/post', { id }, KEYS);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(SEED_272_ANALYTICS);
  });

  it('X without the BYO keys: 419, as its publishing', async () => {
    const id = await publish('twitter', 'keys asked for');
    const res = await t.request('POST', '/api/analytics/post', { id });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ action: 'x_credentials_required', code: 419, platform: 'twitter' });
  });

  it('a trigger for one network leaves the others measured', async () => {
    const res = await t.request('POST', '/api/post', {
      post: 'two networks #sandbox-fail-444',
      platforms: ['facebook', 'bluesky'],
    });
    const analytics = await t.request('POST', '/api/analytics/post', { id: res.body.id });
    expect(analytics.status).toBe(429);
    expect(analytics.body).toMatchObject({
      status: 'error',
      facebook: { code: 444 },
      bluesky: { analytics: expect.any(Object) },
      httpErrorCode: 444,
    });
  });
});
