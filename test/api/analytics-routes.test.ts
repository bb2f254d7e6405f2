import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * The analytics routes as Ayrshare's SDK calls them (every body with `source: "npm"`,
 * `history({platform})` → GET /history/<platform>?platform=<platform>&source=npm), their
 * refusals, and tenancy: a profile never measures another profile's post.
 */
let t: TestHerald;
let other: Record<string, string>;
let otherPostId: string;
let ownPostId: string;

beforeAll(async () => {
  t = await startTestHerald();
  await linkSandbox(t, ['bluesky', 'facebook', 'telegram']);
  const profile = await t.request('POST', '/api/profiles', { title: 'Another customer' });
  other = { 'profile-key': profile.body.profileKey as string };
  await linkSandbox(t, ['bluesky'], other);
  otherPostId = (await t.request('POST', '/api/post', { post: 'theirs', platforms: ['bluesky'] }, other)).body
    .id as string;
  ownPostId = (await t.request('POST', '/api/post', { post: 'ours', platforms: ['bluesky', 'facebook'] }))
    .body.id as string;
});
afterAll(() => t.stop());

describe('Ayrshare SDK calls', () => {
  it('analyticsPost({id, platforms}) → POST /api/analytics/post with source: npm', async () => {
    const res = await t.request('POST', '/api/analytics/post', {
      id: ownPostId,
      platforms: ['bluesky', 'facebook'],
      source: 'npm',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'success',
      id: ownPostId,
      bluesky: { analytics: expect.any(Object) },
      facebook: { analytics: expect.any(Object) },
    });
  });

  it('analyticsSocial({platforms}) → POST /api/analytics/social', async () => {
    const res = await t.request('POST', '/api/analytics/social', {
      platforms: ['bluesky', 'facebook'],
      source: 'npm',
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['status', 'bluesky', 'facebook']);
  });

  it('history({platform}) → GET /api/history/<platform>?platform=<platform>&source=npm', async () => {
    const res = await t.request('GET', '/api/history/bluesky?platform=bluesky&source=npm');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'success',
      posts: expect.any(Array),
      lastUpdated: expect.any(String),
      nextUpdate: expect.any(String),
    });
  });

  it('history({id}) → GET /api/history/<id>?id=<id> still answers the Herald post', async () => {
    const res = await t.request('GET', `/api/history/${ownPostId}?id=${ownPostId}&source=npm`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: ownPostId, post: 'ours' });
  });
});

describe('refusals', () => {
  it.each([
    ['POST', '/api/analytics/post', { id: 'x' }],
    ['POST', '/api/analytics/social', { platforms: ['bluesky'] }],
    ['GET', '/api/history/bluesky', undefined],
  ] as const)('%s %s without an API key → 102', async (method, url, body) => {
    const res = await t.herald.server!.inject({ method, url, ...(body ? { payload: body } : {}) });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 102 });
  });

  it('another profile’s post id is 607, and nothing is asked of any network', async () => {
    const res = await t.request('POST', '/api/analytics/post', { id: otherPostId });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 607, message: `Post ${otherPostId} was not found.` });
    const { rows } = await t.herald.app.pool.query('SELECT 1 FROM analytics_cache WHERE object_key LIKE $1', [
      'post:%',
    ]);
    const asOther = await t.request('POST', '/api/analytics/post', { id: otherPostId }, other);
    expect(asOther.status).toBe(200);
    expect(
      (await t.herald.app.pool.query('SELECT 1 FROM analytics_cache WHERE object_key LIKE $1', ['post:%']))
        .rowCount,
    ).toBe(rows.length + 1);
  });

  it('each profile’s cache rows carry its profile', async () => {
    const { rows } = await t.herald.app.pool.query<{ profile_id: string; platform: string; owner: string }>(
      'SELECT c.profile_id, a.platform, a.profile_id AS owner FROM analytics_cache c JOIN accounts a ON a.id = c.account_id',
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.profile_id).toBe(row.owner);
  });

  it('a network the post was not sent to: 681 (notSent); an unknown platform 605', async () => {
    const res = await t.request('POST', '/api/analytics/post', { id: ownPostId, platforms: ['telegram'] });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      action: 'analytics',
      status: 'error',
      code: 681,
      message: 'The post was not sent to Telegram, so it has no analytics there.',
      platform: 'telegram',
    });
    const unknown = await t.request('POST', '/api/analytics/post', { id: ownPostId, platforms: ['myspace'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 605 });
  });

  it('a network without metrics is 680; not linked is 156', async () => {
    const telegram = await t.request('POST', '/api/analytics/social', { platforms: ['telegram'] });
    expect(telegram.body).toEqual({
      action: 'analytics',
      status: 'error',
      code: 680,
      message: 'Herald has no analytics for Telegram: it cannot read metrics of its posts or account.',
      platform: 'telegram',
    });
    const unlinked = await t.request('POST', '/api/analytics/social', { platforms: ['reddit'] });
    expect(unlinked.status).toBe(400);
    expect(unlinked.body).toMatchObject({ code: 156, platform: 'reddit' });
  });

  it('several networks, one failing: each under its key, the failure’s status and times at the top', async () => {
    const res = await t.request('POST', '/api/analytics/social', { platforms: ['bluesky', 'reddit'] });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      status: 'error',
      bluesky: { analytics: expect.any(Object) },
      reddit: { code: 156 },
      httpErrorCode: 156,
      lastUpdated: expect.any(String),
      nextUpdate: expect.any(String),
    });
  });

  it.each([
    [{ id: 'abc', postIds: ['a', 'b'] }, 'postIds asks for a feature Herald does not offer'],
    [{ id: 'abc', platfroms: ['bluesky'] }, '"platfroms"'],
    [{ id: '1', searchPlatformId: true, platforms: ['bluesky', 'facebook'] }, 'exactly one platform'],
  ])('bad input %j is refused naming the problem', async (body, words) => {
    const res = await t.request('POST', '/api/analytics/post', body);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(words);
  });

  it.each([
    [{ platforms: ['bluesky'], daily: true }, 'daily'],
    [{ platforms: ['tiktok'], period60Days: true }, 'period60Days'],
    [{ platforms: ['youtube'], youtube: { lifetime: true } }, 'youtube'],
    [{ platforms: ['bluesky'], quarters: 2 }, 'quarters'],
  ])('analytics/social %j: 604 naming a feature Herald does not offer', async (body, field) => {
    const res = await t.request('POST', '/api/analytics/social', body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 604 });
    expect(res.body.message).toContain(`${field} asks for a feature Herald does not offer`);
  });

  it('accepted empty: daily: false, quarters: 0', async () => {
    const res = await t.request('POST', '/api/analytics/social', {
      platforms: ['bluesky'],
      daily: false,
      quarters: 0,
    });
    expect(res.status).toBe(200);
  });

  it('history: limit and next only with a platform; a query naming another platform is 604', async () => {
    expect((await t.request('GET', `/api/history/${ownPostId}?limit=3`)).status).toBe(400);
    const mismatch = await t.request('GET', '/api/history/bluesky?platform=facebook');
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.message).toContain('the query names facebook but the path names bluesky');
    expect((await t.request('GET', '/api/history/bluesky?limit=0')).status).toBe(200);
    expect((await t.request('GET', '/api/history/bluesky?limit=x')).body).toMatchObject({ code: 604 });
  });
});
