import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashKey } from '../../src/config/secrets.ts';
import { insertApiKey } from '../../src/db/api-keys.ts';
import { insertProfile } from '../../src/db/profiles.ts';
import { API_KEY, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * Requests per profile (Ayrshare: 300 per 5 minutes per User Profile, `x-ratelimit-max` /
 * `x-ratelimit-count`) and per API key, 429 in catalog form (640) with Retry-After.
 * Windows of a day here, so none ends in the middle of a test; the reset test has its own
 * Herald with a 2-second window.
 */

const PROFILE_MAX = 5;
const KEY_MAX = 8;
const OTHER_KEY = 'second-key-abcdefghijklmnop';

let t: TestHerald;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Record<string, unknown>;
}

async function call(
  herald: TestHerald,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  options: { body?: object; headers?: Record<string, string>; key?: string | null } = {},
): Promise<Answer> {
  const key = options.key === undefined ? API_KEY : options.key;
  const res = await herald.herald.server!.inject({
    method,
    url,
    headers: { ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...options.headers },
    ...(options.body ? { payload: options.body } : {}),
  });
  return { status: res.statusCode, headers: res.headers, body: res.body ? res.json() : {} };
}

let profiles = 0;
/** A profile made straight in the database: making it through the API would spend the primary's budget. */
async function newProfile(title: string): Promise<string> {
  const key = `profile-key-${++profiles}-abcdefghijklmnop`;
  await insertProfile(t.herald.app.pool, { title, isPrimary: false, keyHash: hashKey(key) });
  return key;
}

beforeAll(async () => {
  t = await startTestHerald({
    env: {
      HERALD_RATE_LIMIT_PROFILE: String(PROFILE_MAX),
      HERALD_RATE_LIMIT_KEY: String(KEY_MAX),
      HERALD_RATE_LIMIT_WINDOW_SECONDS: '86400',
    },
  });
  await insertApiKey(t.herald.app.pool, hashKey(OTHER_KEY), OTHER_KEY.slice(0, 8), 'second');
});
afterAll(() => t.stop());

describe('rate-limit headers', () => {
  it('every authenticated answer says the profile’s limit and count, and both policies (IETF)', async () => {
    const profile = await newProfile('headers');
    const first = await call(t, 'GET', '/api/user', { headers: { 'profile-key': profile } });
    expect(first.status).toBe(200);
    expect(first.headers['x-ratelimit-max']).toBe(String(PROFILE_MAX));
    expect(first.headers['x-ratelimit-count']).toBe('1');
    expect(first.headers['ratelimit-policy']).toBe(
      `"profile";q=${PROFILE_MAX};w=86400, "key";q=${KEY_MAX};w=86400`,
    );
    const reset = Number(
      /^"profile";r=4;t=(\d+), "key";r=\d+;t=\1$/.exec(String(first.headers.ratelimit))?.[1],
    );
    expect(reset).toBeGreaterThan(0);
    expect(reset).toBeLessThanOrEqual(86400);

    // An answer refused by the schema (631) still counts and still says so.
    const refused = await call(t, 'GET', '/api/user?nope=1', { headers: { 'profile-key': profile } });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe(631);
    expect(refused.headers['x-ratelimit-count']).toBe('2');
    const third = await call(t, 'GET', '/api/user', { headers: { 'profile-key': profile } });
    expect(third.headers['x-ratelimit-count']).toBe('3');
  });

  it('public routes and unauthenticated answers carry no rate-limit header and count nothing', async () => {
    const profile = await newProfile('public');
    for (const url of ['/healthz', '/readyz', '/api/errors', '/openapi.json', '/s/nothing-here']) {
      const res = await call(t, 'GET', url, { headers: { 'profile-key': profile } });
      expect(res.headers['x-ratelimit-count'], url).toBeUndefined();
      expect(res.headers.ratelimit, url).toBeUndefined();
    }
    const noKey = await call(t, 'GET', '/api/user', { key: null, headers: { 'profile-key': profile } });
    expect(noKey.status).toBe(403);
    expect(noKey.headers['x-ratelimit-count']).toBeUndefined();
    const badKey = await call(t, 'GET', '/api/user', {
      key: 'not-a-key-0123456789',
      headers: { 'profile-key': profile },
    });
    expect(badKey.status).toBe(401);
    expect(badKey.headers['x-ratelimit-count']).toBeUndefined();
    const counted = await call(t, 'GET', '/api/user', { headers: { 'profile-key': profile } });
    expect(counted.headers['x-ratelimit-count']).toBe('1');
  });
});

describe('a profile past its limit', () => {
  it('is answered 429 in catalog form with Retry-After, changes nothing, and leaves other profiles alone', async () => {
    const a = await newProfile('tenant A');
    const b = await newProfile('tenant B');
    for (let i = 1; i <= PROFILE_MAX; i++) {
      const res = await call(t, 'GET', '/api/user', { headers: { 'profile-key': a }, key: OTHER_KEY });
      expect(res.status).toBe(200);
      expect(res.headers['x-ratelimit-count']).toBe(String(i));
    }
    const profilesBefore = await t.count('profiles');
    const refused = await call(t, 'POST', '/api/profiles', {
      body: { title: 'made by a refused request' },
      headers: { 'profile-key': a },
      key: OTHER_KEY,
    });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86400);
    expect(refused.body).toEqual({
      action: 'rate limit',
      status: 'error',
      code: 640,
      message: `Rate limit reached for this profile: ${PROFILE_MAX} requests per 86400 seconds. Retry after ${retryAfter} seconds.`,
      details: `Retry-After: ${retryAfter}`,
    });
    expect(Object.keys(refused.body)).toEqual(['action', 'status', 'code', 'message', 'details']);
    expect(refused.headers['x-ratelimit-count']).toBe(String(PROFILE_MAX));
    expect(refused.headers.ratelimit).toMatch(/^"profile";r=0;t=\d+/);
    expect(await t.count('profiles')).toBe(profilesBefore);

    // The same profile named in the query is the same budget.
    const inQuery = await call(t, 'GET', `/api/user?profileKey=${encodeURIComponent(a)}`, { key: OTHER_KEY });
    expect(inQuery.status).toBe(429);

    // Tenant B (and the primary profile) are untouched by A's spent budget.
    const other = await call(t, 'GET', '/api/user', { headers: { 'profile-key': b }, key: OTHER_KEY });
    expect(other.status).toBe(200);
    expect(other.headers['x-ratelimit-count']).toBe('1');
    const primary = await call(t, 'GET', '/api/user', { key: OTHER_KEY });
    expect(primary.status).toBe(200);

    const translated = await call(t, 'GET', '/api/user', {
      headers: { 'profile-key': a, 'translate-error-message': 'fr' },
      key: OTHER_KEY,
    });
    expect(translated.body.message).toMatch(/^Limite de requêtes atteinte pour ce profil : 5 requêtes/);
  });
});

describe('an API key past its limit', () => {
  it('is refused whatever profile it acts as; another key is not', async () => {
    const key = 'third-key-abcdefghijklmnopq';
    await insertApiKey(t.herald.app.pool, hashKey(key), key.slice(0, 8), 'third');
    const profiles = [await newProfile('key 1'), await newProfile('key 2')];
    for (let i = 0; i < KEY_MAX; i++) {
      const res = await call(t, 'GET', '/api/user', {
        key,
        headers: { 'profile-key': profiles[i % 2] as string },
      });
      expect(res.status, `request ${i + 1}`).toBe(200);
    }
    const refused = await call(t, 'GET', '/api/user', {
      key,
      headers: { 'profile-key': profiles[0] as string },
    });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({
      code: 640,
      message: expect.stringMatching(/^Rate limit reached for this API key: 8 requests per 86400 seconds/),
    });
    expect(refused.headers.ratelimit).toMatch(/"key";r=0;t=\d+$/);
    // The profile's own budget was not charged for the refused request.
    expect(refused.headers['x-ratelimit-count']).toBe(String(KEY_MAX / 2));
    const otherKey = await call(t, 'GET', '/api/user', { headers: { 'profile-key': profiles[1] as string } });
    expect(otherKey.status).toBe(200);
  });
});

describe('the window', () => {
  it('starts every count again when it ends', async () => {
    const short = await startTestHerald({
      env: { HERALD_RATE_LIMIT_PROFILE: '2', HERALD_RATE_LIMIT_WINDOW_SECONDS: '2' },
    });
    try {
      let refused: Answer | undefined;
      await vi.waitFor(
        async () => {
          refused = await call(short, 'GET', '/api/user');
          expect(refused.status).toBe(429);
        },
        { timeout: 5000, interval: 20 },
      );
      expect(Number(refused?.headers['retry-after'])).toBeLessThanOrEqual(2);
      await vi.waitFor(
        async () => {
          const again = await call(short, 'GET', '/api/user');
          expect(again.status).toBe(200);
          expect(again.headers['x-ratelimit-count']).toBe('1');
        },
        { timeout: 5000, interval: 100 },
      );
    } finally {
      await short.stop();
    }
  });
});

describe('several API processes', () => {
  it('share one count per profile through PostgreSQL, each learning the others’ at its next flush', async () => {
    const env = {
      HERALD_RATE_LIMIT_PROFILE: '6',
      HERALD_RATE_LIMIT_WINDOW_SECONDS: '86400',
      HERALD_RATE_LIMIT_FLUSH_MS: '50',
    };
    const one = await startTestHerald({ role: 'api', env });
    const two = await startTestHerald({ role: 'api', env, databaseUrl: one.databaseUrl });
    const shared = async () =>
      (await one.herald.app.pool.query<{ count: number }>('SELECT count FROM rate_limit_counts')).rows.map(
        (r) => r.count,
      );
    try {
      for (let i = 0; i < 4; i++) expect((await call(one, 'GET', '/api/user')).status).toBe(200);
      await vi.waitFor(async () => expect(await shared()).toEqual([4]), { timeout: 5000, interval: 20 });
      // Two has not flushed this profile yet: its first request is decided on its own count...
      expect((await call(two, 'GET', '/api/user')).headers['x-ratelimit-count']).toBe('1');
      // ...and its flush brings back one's four.
      await vi.waitFor(async () => expect(await shared()).toEqual([5]), { timeout: 5000, interval: 20 });
      const sixth = await call(two, 'GET', '/api/user');
      expect(sixth.status).toBe(200);
      expect(sixth.headers['x-ratelimit-count']).toBe('6');
      expect((await call(two, 'GET', '/api/user')).status).toBe(429);
      // One last knew four: it lets one more through, learns the total at its flush, then refuses.
      // That is the precision: a process may let through what reaches it before its next flush.
      expect((await call(one, 'GET', '/api/user')).headers['x-ratelimit-count']).toBe('5');
      await vi.waitFor(async () => expect(await shared()).toEqual([7]), { timeout: 5000, interval: 20 });
      expect((await call(one, 'GET', '/api/user')).status).toBe(429);
    } finally {
      await two.stop();
      await one.stop();
    }
  });
});
