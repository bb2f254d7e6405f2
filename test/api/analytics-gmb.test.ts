import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialsOf, type FakeGmb, startFakeGmb } from '../fakes/gmb/server.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

/** Google Business Profile analytics end to end: v4 local post insights and the Performance API, on one fake. */
let gmb: FakeGmb;
let t: TestHerald;

beforeAll(async () => {
  gmb = await startFakeGmb();
  t = await startTestHerald({
    env: {
      HERALD_GMB_API_URL: gmb.url,
      HERALD_GMB_ANALYTICS_API_URL: gmb.url,
      HERALD_MEDIA_ALLOW: '127.0.0.1',
    },
  });
  expect(
    (await t.request('POST', '/api/accounts', { platform: 'gmb', credentials: credentialsOf(gmb) })).status,
  ).toBe(200);
});
afterAll(async () => {
  await t?.stop();
  await gmb?.close();
});

async function publish(text: string): Promise<{ id: string; name: string }> {
  const res = await t.request('POST', '/api/post', { post: text, platforms: ['gmb'] });
  expect(res.status).toBe(200);
  return { id: res.body.id as string, name: (res.body.postIds as { id: string }[])[0]?.id as string };
}

describe('Google Business Profile analytics', () => {
  it('a local post: its fields and reportInsights (views in search, call-to-action clicks)', async () => {
    const { id, name } = await publish('Open on Sunday');
    gmb.engagement.set(name, { views: 640, clicks: 12 });
    const res = await t.request('POST', '/api/analytics/post', { id });
    expect(res.status).toBe(200);
    expect(res.body.gmb).toMatchObject({
      id: name,
      postUrl: expect.stringContaining('local.google.com'),
      analytics: {
        post: 'Open on Sunday',
        state: 'LIVE',
        topicType: 'STANDARD',
        localPostViewsSearch: 640,
        localPostActionsCallToAction: 12,
      },
    });
    const report = gmb.requests.find((r) => r.path.endsWith('localPosts:reportInsights'));
    expect(report?.body).toMatchObject({
      localPostNames: [name],
      basicRequest: {
        metricRequests: [
          { metric: 'LOCAL_POST_VIEWS_SEARCH' },
          { metric: 'LOCAL_POST_ACTIONS_CALL_TO_ACTION' },
        ],
      },
    });
  });

  it('a post Google does not have: 607', async () => {
    const name = `${gmb.locations[0]?.name}/localPosts/404`;
    const res = await t.request('POST', '/api/analytics/post', {
      id: name,
      platforms: ['gmb'],
      searchPlatformId: true,
    });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({
      code: 607,
      message: `Post ${name} on Google Business Profile was not found.`,
    });
  });

  it('the location: 28 days of daily performance metrics, summed', async () => {
    gmb.engagement.set('9876543210', { views: 100 });
    const res = await t.request('POST', '/api/analytics/social', { platforms: ['gmb'] });
    expect(res.status).toBe(200);
    expect(res.body.gmb).toMatchObject({
      analytics: {
        businessImpressionsMobileSearch: 280,
        callClicks: 28,
        websiteClicks: 0,
        startDate: expect.any(String),
        endDate: expect.any(String),
      },
    });
  });

  it('history: the location’s local posts, newest first, paged by pageToken', async () => {
    await publish('Second post');
    const first = await t.request('GET', '/api/history/gmb?limit=1');
    expect(first.body.posts).toEqual([expect.objectContaining({ post: 'Second post', state: 'LIVE' })]);
    const second = await t.request('GET', `/api/history/gmb?limit=1&next=${first.body.next as string}`);
    expect(second.body.posts).toEqual([expect.objectContaining({ post: 'Open on Sunday' })]);
  });
});
