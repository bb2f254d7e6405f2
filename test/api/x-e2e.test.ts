import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptJson } from '../../src/config/secrets.ts';
import { upsertAccount } from '../../src/db/accounts.ts';
import { X_BODIES } from '../fakes/x/bodies.ts';
import { byoHeaders, startXWorld, type XWorld } from '../fakes/x/fixtures.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * X end to end: POST /api/post (and link, retry, delete) through Herald's API and
 * worker against the fake X on loopback. Error bodies are compared key by key, in
 * order, with the examples of shared/seeds/002 (copied below verbatim).
 */

const SEED = {
  419: {
    action: 'x_credentials_required',
    status: 'error',
    code: 419,
    message:
      'X/Twitter operations require your own API credentials. Missing: X-Twitter-OAuth1-Api-Key, X-Twitter-OAuth1-Api-Secret. Please provide your X Developer App credentials in the request headers. See https://docs.ayrshare.com/x-api-setup for setup instructions.',
    resolution: { docs: 'https://docs.ayrshare.com/x-api-setup' },
    platform: 'twitter',
  },
  '419-one': {
    action: 'x_credentials_required',
    status: 'error',
    code: 419,
    message:
      'You provided X-Twitter-OAuth1-Api-Key but not X-Twitter-OAuth1-Api-Secret. OAuth 1.0a requires both. Missing: X-Twitter-OAuth1-Api-Secret. See https://docs.ayrshare.com/x-api-setup for setup instructions.',
    resolution: { docs: 'https://docs.ayrshare.com/x-api-setup' },
    platform: 'twitter',
  },
  // As in seed 002, the 110 entry echoes the post's text.
  110: {
    action: 'post',
    status: 'error',
    code: 110,
    message: 'Status is a duplicate.',
    post: 'Twice the same words',
    platform: 'twitter',
  },
  272: { status: 'error', code: 272, message: 'Failed to verify BYO Twitter identity', platform: 'twitter' },
  416: {
    status: 'error',
    code: 416,
    message:
      'Your enrolled account does not have any credits to fulfill this request. Purchase credits at console.x.com.',
    platform: 'twitter',
  },
  417: {
    status: 'error',
    code: 417,
    message:
      "Your client app is not configured with the appropriate oauth1 app permissions. Set app to 'Read and write and Direct message', then regenerate your Access Token.",
    platform: 'twitter',
  },
  423: {
    status: 'error',
    code: 423,
    message:
      'X (Twitter) API access now requires your own API credentials. Include X-Twitter-OAuth1-Api-Key and X-Twitter-OAuth1-Api-Secret headers in your request. Setup guide: https://docs.ayrshare.com/dashboard/connect-social-accounts/x-twitter-byo-keys',
    platform: 'twitter',
  },
} as const;

let world: XWorld;
let t: TestHerald;
let keys: Record<string, string>;

beforeAll(async () => {
  world = await startXWorld();
  keys = byoHeaders(world.app);
  t = await startTestHerald({ env: { HERALD_TWITTER_API_URL: world.fake.url } });
});
afterAll(async () => {
  await t?.stop();
  await world?.fake.close();
});

type Body = Record<string, unknown>;

/** Same keys, same order, same values. */
function expectSeedBody(actual: unknown, seed: Body) {
  expect(Object.keys(actual as Body)).toEqual(Object.keys(seed));
  expect(actual).toEqual(seed);
}

function firstError(body: Body): Body {
  return (body.errors as Body[])[0] as Body;
}

async function post(text: string, headers: Record<string, string> = keys, extra: Body = {}) {
  return t.request('POST', '/api/post', { post: text, platforms: ['twitter'], ...extra }, headers);
}

async function attemptsOf(postId: string): Promise<number> {
  const { rows } = await t.herald.app.pool.query<{ attempts: number }>(
    'SELECT attempts FROM targets WHERE post_id = $1',
    [postId],
  );
  return rows[0]?.attempts ?? -1;
}

describe('linking X with BYO keys', () => {
  it('needs the keys in the link request headers, and tokens of that app', async () => {
    const credentials = world.credentials;
    const without = await t.request('POST', '/api/accounts', { platform: 'twitter', credentials });
    expect(without.status).toBe(400);
    expectSeedBody(without.body, SEED[419]);
    const other = world.fake.addApp({ key: 'someone-elses-app', secret: 'someone-elses-secret' });
    const mismatch = await t.request(
      'POST',
      '/api/accounts',
      { platform: 'twitter', credentials },
      byoHeaders(other),
    );
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toMatchObject({ code: 613, action: 'link' });
    expect(await t.count('accounts')).toBe(0);

    const linked = await t.request('POST', '/api/accounts', { platform: 'twitter', credentials }, keys);
    expect(linked.status).toBe(200);
    expect(linked.body.account).toMatchObject({
      platform: 'twitter',
      sandbox: false,
      id: world.user.id,
      username: 'heraldtest',
    });
  });
});

describe('POST /api/post to X', () => {
  it('publishes a tweet', async () => {
    const res = await post('Hello from Herald');
    expect(res.status).toBe(200);
    const [entry] = res.body.postIds as Body[];
    expect(entry).toMatchObject({ status: 'success', platform: 'twitter' });
    expect(entry?.postUrl).toBe(`https://x.com/heraldtest/status/${entry?.id}`);
    expect(world.fake.tweets.find((tweet) => tweet.id === entry?.id)?.text).toBe('Hello from Herald');
  });

  it('419: both headers missing, or one of the pair, refused before anything is stored or sent', async () => {
    const posts = await t.count('posts');
    const calls = world.fake.requests.length;
    const none = await post('no keys', {});
    expect(none.status).toBe(400);
    expectSeedBody(firstError(none.body), SEED[419]);
    const keyOnly = await post('key only', { 'x-twitter-oauth1-api-key': world.app.key });
    expect(keyOnly.status).toBe(400);
    expectSeedBody(firstError(keyOnly.body), SEED['419-one']);
    const secretOnly = await post('secret only', { 'x-twitter-oauth1-api-secret': world.app.secret });
    expect(secretOnly.status).toBe(400);
    expectSeedBody(firstError(secretOnly.body), {
      ...SEED['419-one'],
      message:
        'You provided X-Twitter-OAuth1-Api-Secret but not X-Twitter-OAuth1-Api-Key. OAuth 1.0a requires both. Missing: X-Twitter-OAuth1-Api-Key. See https://docs.ayrshare.com/x-api-setup for setup instructions.',
    });
    expect(await t.count('posts')).toBe(posts);
    expect(world.fake.requests.length).toBe(calls);
  });

  it('110: X refuses a duplicate (403 about:blank)', async () => {
    expect((await post('Twice the same words')).status).toBe(200);
    const res = await post('Twice the same words');
    expect(res.status).toBe(400);
    expectSeedBody(firstError(res.body), SEED[110]);
    expect(res.body.post).toBe('Twice the same words');
  });

  it('416: credits depleted answers HTTP 402 and is never retried', async () => {
    world.app.depleted = true;
    const before = world.fake.calls('POST', '/2/tweets');
    try {
      const res = await post('no credits left');
      expect(res.status).toBe(402);
      expectSeedBody(firstError(res.body), SEED[416]);
      expect(world.fake.calls('POST', '/2/tweets')).toBe(before + 1);
      expect(await attemptsOf(res.body.id as string)).toBe(1);
    } finally {
      world.app.depleted = false;
    }
  });

  it('417: a token regenerated read-only (403 oauth1-permissions, x-access-level: read)', async () => {
    world.user.accessLevel = 'read';
    try {
      const res = await post('read only token');
      expect(res.status).toBe(403);
      expectSeedBody(firstError(res.body), SEED[417]);
    } finally {
      world.user.accessLevel = 'read-write';
    }
  });

  it('272: keys of another app than the stored tokens (X answers 401)', async () => {
    const other = world.fake.addApp({ key: 'a-second-app', secret: 'a-second-secret' });
    const res = await post('wrong app keys', byoHeaders(other));
    expect(res.status).toBe(400);
    expectSeedBody(firstError(res.body), SEED[272]);
  });

  it('272: a suspended account (403 user-suspended)', async () => {
    world.user.suspended = true;
    try {
      const res = await post('suspended');
      expect(res.status).toBe(400);
      expectSeedBody(firstError(res.body), SEED[272]);
    } finally {
      world.user.suspended = false;
    }
  });

  it('423: an account linked the legacy way (no OAuth 1.0a token secret) is refused without a call', async () => {
    const created = await t.request('POST', '/api/profiles', { title: 'legacy-x' });
    const profileKey = created.body.profileKey as string;
    const { rows } = await t.herald.app.pool.query<{ id: string }>(
      "SELECT id FROM profiles WHERE title = 'legacy-x'",
    );
    await upsertAccount(t.herald.app.pool, {
      profileId: rows[0]?.id as string,
      platform: 'twitter',
      sandbox: false,
      externalId: '42',
      username: 'legacy',
      displayName: 'Legacy',
      profileUrl: 'https://x.com/legacy',
      sealedCredentials: encryptJson(t.herald.app.secretKey, { accessToken: 'an-oauth2-bearer-token' }),
    });
    const calls = world.fake.requests.length;
    const res = await post('legacy account', { ...keys, 'profile-key': profileKey });
    expect(res.status).toBe(403);
    expectSeedBody(firstError(res.body), SEED[423]);
    expect(world.fake.requests.length).toBe(calls);
  });

  it('429: waits until x-rate-limit-reset, then publishes on its own', async () => {
    const reset = Math.floor(Date.now() / 1000) + 1;
    world.fake.script({ method: 'POST', path: '/2/tweets', reply: X_BODIES.tooManyRequests(reset) });
    const before = world.fake.calls('POST', '/2/tweets');
    const res = await post('after the rate limit');
    expect(res.status).toBe(200);
    expect(world.fake.calls('POST', '/2/tweets')).toBe(before + 2);
    expect(await attemptsOf(res.body.id as string)).toBe(2);
  });
});

describe('an X thread that fails at its third tweet', () => {
  it('is retried with PUT /api/post/retry and posts tweets 3.. only, chained; DELETE removes them all', async () => {
    const text = ['Thread one', 'Thread two', 'Thread three', 'Thread four', 'Thread five'].join('\n\n');
    const before = world.fake.calls('POST', '/2/tweets');
    world.fake.script({ method: 'POST', path: '/2/tweets', skip: 2, reply: X_BODIES.credits('1') });
    const res = await post(text, keys, { twitterOptions: { thread: true, threadNumber: true } });
    expect(res.status).toBe(402);
    expect(firstError(res.body).code).toBe(416);
    const mine = () => world.fake.tweetsOf(world.user.id).filter((tweet) => tweet.text.startsWith('Thread '));
    expect(mine().map((tweet) => tweet.text)).toEqual(['Thread one 1/5', 'Thread two 2/5']);

    // A retry carries its own keys: without them it fails again with 419 and sends nothing.
    const calls = world.fake.requests.length;
    const keyless = await t.request('PUT', '/api/post/retry', { id: res.body.id });
    expect(keyless.status).toBe(400);
    expect(firstError(keyless.body).code).toBe(419);
    expect(world.fake.requests.length).toBe(calls);

    const retried = await t.request('PUT', '/api/post/retry', { id: res.body.id }, keys);
    expect(retried.status).toBe(200);
    const tweets = mine();
    expect(tweets.map((tweet) => tweet.text)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `Thread ${['one', 'two', 'three', 'four', 'five'][n - 1]} ${n}/5`),
    );
    expect(tweets.map((tweet) => tweet.replyTo)).toEqual([
      undefined,
      ...tweets.slice(0, 4).map((tweet) => tweet.id),
    ]);
    // 2 accepted + 1 refused + 3 on the retry: the first two were never sent again.
    expect(world.fake.calls('POST', '/2/tweets')).toBe(before + 6);
    expect((retried.body.postIds as Body[])[0]?.id).toBe(tweets[0]?.id);

    const deleted = await t.request('DELETE', '/api/post', { id: res.body.id }, keys);
    expect(deleted.status).toBe(200);
    expect(deleted.body.twitter).toMatchObject({ action: 'delete', status: 'success', id: tweets[0]?.id });
    expect(mine()).toEqual([]);
  });

  it('the app secret is in no row of the database', async () => {
    let dump = '';
    for (const table of ['posts', 'targets', 'attempts', 'accounts', 'graphile_worker._private_jobs']) {
      dump += JSON.stringify((await t.herald.app.pool.query(`SELECT * FROM ${table}`)).rows);
    }
    expect(dump).not.toContain(world.app.secret);
    expect(dump).not.toContain(world.app.key);
  });
});
