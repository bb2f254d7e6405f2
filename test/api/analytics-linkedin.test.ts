import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LinkedInWorld, startLinkedInWorld } from '../fakes/linkedin/fixtures.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { expectSeedShape, SEED_475 } from '../helpers/seed-analytics.ts';

/** LinkedIn analytics end to end: a member profile and an organization page against the fake LinkedIn. */
let world: LinkedInWorld;
let t: TestHerald;
let org: Record<string, string>;

beforeAll(async () => {
  world = await startLinkedInWorld();
  t = await startTestHerald({ env: { HERALD_LINKEDIN_API_URL: world.fake.url } });
  expect(
    (await t.request('POST', '/api/accounts', { platform: 'linkedin', credentials: world.credentials }))
      .status,
  ).toBe(200);
  const profile = await t.request('POST', '/api/profiles', { title: 'Herald Test Co' });
  org = { 'profile-key': profile.body.profileKey as string };
  const linked = await t.request(
    'POST',
    '/api/accounts',
    { platform: 'linkedin', credentials: { author: world.organization, accessToken: world.member.token } },
    org,
  );
  expect(linked.status).toBe(200);
});
afterAll(async () => {
  await t?.stop();
  await world?.fake.close();
});

async function publish(headers: Record<string, string> = {}): Promise<{ id: string; urn: string }> {
  const res = await t.request(
    'POST',
    '/api/post',
    { post: `analytics ${randomUUID()}`, platforms: ['linkedin'] },
    headers,
  );
  expect(res.status).toBe(200);
  return { id: res.body.id as string, urn: (res.body.postIds as { id: string }[])[0]?.id as string };
}

describe('a member’s post', () => {
  it('memberCreatorPostAnalytics, one call per queryType, under one vocabulary', async () => {
    const { id, urn } = await publish();
    world.fake.engagement.set(urn, { views: 1542, reach: 823, reposts: 23, like: 456, comments: 89 });
    const res = await t.request('POST', '/api/analytics/post', { id, platforms: ['linkedin'] });
    expect(res.status).toBe(200);
    expect(res.body.linkedin).toMatchObject({
      id: urn,
      postUrl: `https://www.linkedin.com/feed/update/${urn}/`,
      analytics: {
        impressionCount: 1542,
        uniqueImpressionsCount: 823,
        shareCount: 23,
        likeCount: 456,
        commentCount: 89,
      },
    });
    const asked = world.fake.requests
      .filter((r) => r.path.startsWith('/rest/memberCreatorPostAnalytics'))
      .slice(-5);
    expect(asked.map((r) => new URL(r.path, 'http://x').searchParams.get('queryType'))).toEqual([
      'IMPRESSION',
      'MEMBERS_REACHED',
      'RESHARE',
      'REACTION',
      'COMMENT',
    ]);
    expect(asked[0]?.path).toContain(`entity=(share:${encodeURIComponent(urn)})`);
    expect(asked.every((r) => r.version === '202601' && r.protocol === '2.0.0')).toBe(true);
  });

  it('475: a profile linked without r_member_postAnalytics, the seed’s body, HTTP 403, kept briefly', async () => {
    const { id } = await publish();
    world.member.scopes.delete('r_member_postAnalytics');
    try {
      const res = await t.request('POST', '/api/analytics/post', { id });
      expect(res.status).toBe(403);
      expectSeedShape(res.body, SEED_475);
      // LinkedIn is not asked again for a while: it caches the token's permissions itself.
      const calls = world.fake.requests.length;
      const again = await t.request('POST', '/api/analytics/post', { id });
      expect(again.body).toEqual(SEED_475);
      expect(world.fake.requests.length).toBe(calls);
      const { rows } = await t.herald.app.pool.query<{ seconds: number }>(
        `SELECT extract(epoch FROM next_update - last_updated)::int AS seconds FROM analytics_cache WHERE NOT ok`,
      );
      expect(rows.map((r) => r.seconds)).toContain(300);
      // Publishing is unaffected.
      expect((await publish()).urn).toMatch(/^urn:li:share:/);
    } finally {
      world.member.scopes.add('r_member_postAnalytics');
    }
  });

  it('475 on the account’s analytics too, as the seed says (analytics/social)', async () => {
    world.member.scopes.delete('r_member_postAnalytics');
    try {
      const res = await t.request('POST', '/api/analytics/social', { platforms: ['linkedin'] });
      expect(res.status).toBe(403);
      expectSeedShape(res.body, SEED_475);
    } finally {
      world.member.scopes.add('r_member_postAnalytics');
    }
  });

  it('a relink clears what was kept: the next call asks LinkedIn again', async () => {
    const { id } = await publish();
    world.member.scopes.delete('r_member_postAnalytics');
    expect((await t.request('POST', '/api/analytics/post', { id })).status).toBe(403);
    world.member.scopes.add('r_member_postAnalytics');
    expect(
      (await t.request('POST', '/api/accounts', { platform: 'linkedin', credentials: world.credentials }))
        .status,
    ).toBe(200);
    const res = await t.request('POST', '/api/analytics/post', { id });
    expect(res.status).toBe(200);
  });

  it('the member’s followers and aggregated post analytics', async () => {
    world.fake.engagement.set(world.member.sub, { followers: 777 });
    const res = await t.request('POST', '/api/analytics/social', { platforms: ['linkedin'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      linkedin: { analytics: { followersCount: 777, impressionCount: expect.any(Number) } },
    });
  });
});

describe('an organization’s post', () => {
  it('organizationalEntityShareStatistics for the post', async () => {
    const { id, urn } = await publish(org);
    world.fake.engagement.set(urn, { views: 90, reach: 60, clicks: 7, like: 5, comments: 2, reposts: 1 });
    const res = await t.request('POST', '/api/analytics/post', { id }, org);
    expect(res.status).toBe(200);
    expect(res.body.linkedin).toMatchObject({
      analytics: {
        impressionCount: 90,
        uniqueImpressionsCount: 60,
        clickCount: 7,
        likeCount: 5,
        commentCount: 2,
        shareCount: 1,
        engagement: 0.1667,
      },
    });
  });

  it('without the ADMINISTRATOR role: 682 (relink or grant the role), not 475', async () => {
    const { id } = await publish(org);
    world.member.roles.set(world.organization, 'CONTENT_ADMIN');
    try {
      const res = await t.request('POST', '/api/analytics/post', { id }, org);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        code: 682,
        platform: 'linkedin',
        resolution: { relink: true, platform: 'linkedin' },
      });
    } finally {
      world.member.roles.set(world.organization, 'ADMINISTRATOR');
    }
  });

  it('the page’s follower count and lifetime statistics', async () => {
    world.fake.engagement.set(world.organization, { followers: 4321 });
    const res = await t.request('POST', '/api/analytics/social', { platforms: ['linkedin'] }, org);
    expect(res.body).toMatchObject({
      linkedin: { analytics: { followersCount: 4321, impressionCount: expect.any(Number) } },
    });
  });
});

describe('GET /api/history/linkedin', () => {
  it('lists the author’s posts (a FINDER call) with their likes and comments (socialActions), newest first, paged', async () => {
    const mine = world.fake.postsOf(`urn:li:person:${world.member.sub}`).reverse();
    world.fake.engagement.set(mine[0]?.urn ?? '', { like: 17, comments: 4 });
    const first = await t.request('GET', '/api/history/linkedin?limit=2');
    expect(first.status).toBe(200);
    const posts = first.body.posts as { id: string; post: string; postUrl: string; created: string }[];
    expect(posts).toHaveLength(2);
    expect(posts[0]).toMatchObject({ likeCount: 17, commentsCount: 4 });
    expect(posts.map((p) => p.id)).toEqual(mine.slice(0, 2).map((p) => p.urn));
    const second = await t.request('GET', `/api/history/linkedin?limit=2&next=${first.body.next as string}`);
    expect((second.body.posts as { id: string }[]).map((p) => p.id)).toEqual(
      mine.slice(2, 4).map((p) => p.urn),
    );
  });
});
