import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptJson } from '../../src/config/secrets.ts';
import { upsertAccount } from '../../src/db/accounts.ts';
import { PLATFORMS, type Platform } from '../../src/platforms.ts';
import { linkSandbox, startTestHerald, type TestHerald, X_KEYS } from '../helpers/herald.ts';

/**
 * A sandbox account refuses exactly what the live connector refuses before any call,
 * with the same catalog code: a test that passes against the sandbox must not fail in
 * production. Each rule is posted once to a live account and once to a sandbox account
 * of the same network (two profiles); both answers must agree, code for code. The live
 * accounts are written straight to the database (linking would call the network), and
 * every network's API URL points at a closed loopback port: a rule that failed to refuse
 * would end in a network error, never in a post.
 */

const CLOSED = 'http://127.0.0.1:9';
const IMAGE = 'https://media.example.com/photo.jpg';
const VIDEO = 'https://media.example.com/clip.mp4';

interface Rule {
  rule: string;
  platform: Platform;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
  /** The account already published this many posts in the last 24 h. */
  published?: number;
  code: number;
}

const RULES: readonly Rule[] = [
  { rule: 'X without its BYO key headers', platform: 'twitter', body: { post: 'hi' }, code: 419 },
  {
    rule: 'X with the key header but not the secret',
    platform: 'twitter',
    body: { post: 'hi' },
    headers: { 'x-twitter-oauth1-api-key': 'k' },
    code: 419,
  },
  {
    rule: 'X with the secret header but not the key',
    platform: 'twitter',
    body: { post: 'hi' },
    headers: { 'x-twitter-oauth1-api-secret': 's' },
    code: 419,
  },
  {
    rule: 'X: a tweet over 280 weighted characters',
    platform: 'twitter',
    body: { post: 'a'.repeat(281) },
    headers: X_KEYS,
    code: 132,
  },
  {
    rule: 'X: a poll with media',
    platform: 'twitter',
    body: {
      post: 'vote',
      mediaUrls: [IMAGE],
      twitterOptions: { poll: { duration: 60, options: ['a', 'b'] } },
    },
    headers: X_KEYS,
    code: 136,
  },
  { rule: 'Bluesky: over 300 graphemes', platform: 'bluesky', body: { post: 'a'.repeat(301) }, code: 132 },
  {
    rule: 'Bluesky: five images',
    platform: 'bluesky',
    body: { post: 'five', mediaUrls: [1, 2, 3, 4, 5].map((n) => `https://media.example.com/${n}.jpg`) },
    code: 136,
  },
  {
    rule: 'Bluesky: an option of the wrong type',
    platform: 'bluesky',
    body: { post: 'alt', blueSkyOptions: { altText: 'not a list' } },
    code: 620,
  },
  {
    rule: 'LinkedIn: a video (the live connector sends images only)',
    platform: 'linkedin',
    body: { post: 'clip', mediaUrls: [VIDEO] },
    code: 136,
  },
  { rule: 'Instagram: no media', platform: 'instagram', body: { post: 'text only' }, code: 136 },
  {
    rule: 'Instagram: a trial reel without graduationStrategy',
    platform: 'instagram',
    body: { post: 'trial', mediaUrls: [VIDEO], instagramOptions: { trialParams: {} } },
    code: 447,
  },
  {
    rule: 'Instagram: a trial reel with a lowercase graduationStrategy',
    platform: 'instagram',
    body: {
      post: 'trial',
      mediaUrls: [VIDEO],
      instagramOptions: { trialParams: { graduationStrategy: 'manual' } },
    },
    code: 448,
  },
  {
    rule: 'Instagram: a trial reel carousel',
    platform: 'instagram',
    body: {
      post: 'trial',
      mediaUrls: [VIDEO, 'https://media.example.com/other.mp4'],
      instagramOptions: { trialParams: { graduationStrategy: 'MANUAL' } },
    },
    code: 449,
  },
  {
    rule: 'Instagram: the rolling 24 h budget spent',
    platform: 'instagram',
    body: { post: 'one more', mediaUrls: [IMAGE] },
    published: 1,
    code: 435,
  },
  {
    rule: 'Threads: a chain part over 500 characters',
    platform: 'threads',
    body: { post: `a\n\n${'b'.repeat(501)}`, threadsOptions: { thread: true } },
    code: 132,
  },
  {
    rule: 'Telegram: a caption over 1,024 characters',
    platform: 'telegram',
    body: { post: 'a'.repeat(1025), mediaUrls: [IMAGE] },
    code: 132,
  },
  {
    rule: 'TikTok: a PNG photo',
    platform: 'tiktok',
    body: { post: 'photo', mediaUrls: ['https://media.example.com/photo.png'] },
    code: 136,
  },
  {
    rule: 'Reddit: no title nor subreddit',
    platform: 'reddit',
    body: { post: 'text' },
    code: 620,
  },
];

let t: TestHerald;
const keys = { live: '', sandbox: '' };
const accounts = new Map<string, string>();

async function createProfile(title: string): Promise<{ key: string; id: string }> {
  const res = await t.request('POST', '/api/profiles', { title });
  const { rows } = await t.herald.app.pool.query<{ id: string }>('SELECT id FROM profiles WHERE title = $1', [
    title,
  ]);
  return { key: String(res.body.profileKey), id: rows[0]?.id as string };
}

/** A post the account published an hour ago: what a rolling daily budget counts. */
async function seedPublished(platform: Platform, accountId: string): Promise<void> {
  const { pool } = t.herald.app;
  const postId = `seed-${randomUUID()}`;
  const { rows } = await pool.query<{ profile_id: string }>('SELECT profile_id FROM accounts WHERE id = $1', [
    accountId,
  ]);
  await pool.query(
    `INSERT INTO posts (id, profile_id, text, platforms, type) VALUES ($1, $2, 'seed', $3, 'now')`,
    [postId, rows[0]?.profile_id, [platform]],
  );
  await pool.query(
    `INSERT INTO targets (id, post_id, platform, account_id, state, attempts, network_post_id, published_at)
     VALUES ($1, $2, $3, $4, 'published', 1, 'seeded', now() - interval '1 hour')`,
    [randomUUID(), postId, platform, accountId],
  );
}

beforeAll(async () => {
  const env: Record<string, string> = { HERALD_INSTAGRAM_DAILY_BUDGET: '1' };
  for (const platform of PLATFORMS) env[`HERALD_${platform.toUpperCase()}_API_URL`] = CLOSED;
  t = await startTestHerald({ env });
  const live = await createProfile('live accounts');
  const sandbox = await createProfile('sandbox accounts');
  keys.live = live.key;
  keys.sandbox = sandbox.key;
  const platforms = [...new Set(RULES.map((r) => r.platform))];
  await linkSandbox(t, platforms, { 'profile-key': sandbox.key });
  for (const platform of platforms) {
    const account = await upsertAccount(t.herald.app.pool, {
      profileId: live.id,
      platform,
      sandbox: false,
      externalId: `live-${platform}`,
      username: `live_${platform}`,
      displayName: `Live ${platform}`,
      profileUrl: `https://example.com/live_${platform}`,
      sealedCredentials: encryptJson(t.herald.app.secretKey, {
        accessToken: 'token',
        accessTokenSecret: 'secret',
      }),
    });
    accounts.set(`live:${platform}`, account.id);
  }
  const { rows } = await t.herald.app.pool.query<{ id: string; platform: string }>(
    'SELECT id, platform FROM accounts WHERE profile_id = $1',
    [sandbox.id],
  );
  for (const row of rows) accounts.set(`sandbox:${row.platform}`, row.id);
});
afterAll(() => t.stop());

/** The answer as the caller sees it, minus what differs between any two posts. */
async function answer(kind: 'live' | 'sandbox', rule: Rule) {
  const res = await t.request(
    'POST',
    '/api/post',
    { platforms: [rule.platform], ...rule.body },
    { ...rule.headers, 'profile-key': keys[kind] },
  );
  const errors = (res.body.errors as Record<string, unknown>[] | undefined) ?? [];
  return {
    status: res.status,
    errors: errors.map(({ code, message, platform, action }) => ({ code, message, platform, action })),
  };
}

describe('a sandbox account refuses what the live connector refuses, before any call', () => {
  it.each(RULES.map((rule) => [rule.rule, rule] as const))('%s', async (_name, rule) => {
    for (const kind of ['live', 'sandbox'] as const) {
      for (let n = 0; n < (rule.published ?? 0); n++)
        await seedPublished(rule.platform, accounts.get(`${kind}:${rule.platform}`) as string);
    }
    const live = await answer('live', rule);
    const sandbox = await answer('sandbox', rule);
    expect(live.errors.map((e) => e.code)).toEqual([rule.code]);
    expect(sandbox).toEqual(live);
  });

  it('linking X without the BYO key headers answers 419 for a sandbox account as for a live one', async () => {
    const link = (credentials: Record<string, unknown>, headers: Record<string, string>) =>
      t.request(
        'POST',
        '/api/accounts',
        { platform: 'twitter', credentials },
        { ...headers, 'profile-key': keys.live },
      );
    const live = { accessToken: 'token', accessTokenSecret: 'secret' };
    const partial: Record<string, string>[] = [
      {},
      { 'x-twitter-oauth1-api-key': 'k' },
      { 'x-twitter-oauth1-api-secret': 's' },
    ];
    for (const headers of partial) {
      const liveAnswer = await link(live, headers);
      const sandboxAnswer = await link({ sandbox: true }, headers);
      expect(liveAnswer.status).toBe(400);
      expect(liveAnswer.body.code).toBe(419);
      expect(sandboxAnswer).toEqual(liveAnswer);
    }
  });

  it('a live X account linked the legacy way is refused with 423 at publish time, before any call', async () => {
    const legacy = await createProfile('legacy X');
    await upsertAccount(t.herald.app.pool, {
      profileId: legacy.id,
      platform: 'twitter',
      sandbox: false,
      externalId: 'legacy-x',
      username: 'legacy_x',
      displayName: 'Legacy X',
      profileUrl: 'https://x.com/legacy_x',
      // An OAuth 2.0 bearer imported from a hosted app: no token secret to sign with.
      sealedCredentials: encryptJson(t.herald.app.secretKey, { accessToken: 'oauth2-bearer' }),
    });
    const res = await t.request(
      'POST',
      '/api/post',
      { post: 'hi', platforms: ['twitter'] },
      { ...X_KEYS, 'profile-key': legacy.key },
    );
    expect(res.status).toBe(403);
    expect((res.body.errors as { code: number }[]).map((e) => e.code)).toEqual([423]);
    const { rows } = await t.herald.app.pool.query<{ outcome: string }>(
      'SELECT a.outcome FROM attempts a JOIN targets t ON t.id = a.target_id WHERE t.post_id = $1',
      [res.body.id],
    );
    expect(rows).toEqual([{ outcome: 'refused' }]);
  });

  it('a retry of a sandbox X post without the BYO key headers is refused with 419, as X would', async () => {
    const res = await t.request(
      'POST',
      '/api/post',
      { post: 'flaky #sandbox-fail-once-twitter-621', platforms: ['twitter'] },
      { ...X_KEYS, 'profile-key': keys.sandbox },
    );
    expect((res.body.errors as { code: number }[]).map((e) => e.code)).toEqual([621]);
    const bare = await t.request(
      'PUT',
      '/api/post/retry',
      { id: res.body.id },
      { 'profile-key': keys.sandbox },
    );
    expect((bare.body.errors as { code: number }[]).map((e) => e.code)).toEqual([419]);
    const keyed = await t.request(
      'PUT',
      '/api/post/retry',
      { id: res.body.id },
      { ...X_KEYS, 'profile-key': keys.sandbox },
    );
    expect(keyed.status).toBe(200);
    expect(keyed.body.status).toBe('success');

    // Deleting it asks for the keys too, as X's delete does.
    const bareDelete = await t.request(
      'DELETE',
      '/api/post',
      { id: res.body.id },
      { 'profile-key': keys.sandbox },
    );
    expect(bareDelete.status).toBe(400);
    expect(bareDelete.body.twitter).toMatchObject({ action: 'delete', status: 'error', code: 419 });
    const deleted = await t.request(
      'DELETE',
      '/api/post',
      { id: res.body.id },
      { ...X_KEYS, 'profile-key': keys.sandbox },
    );
    expect(deleted.status).toBe(200);
  });
});
