import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptJson } from '../../src/config/secrets.ts';
import { upsertAccount } from '../../src/db/accounts.ts';
import { findPrimaryProfile } from '../../src/db/profiles.ts';
import { catalogAnswerProblems } from '../helpers/catalog-form.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * Issue 10, finding 6: credentials no HTTP request can carry, and a Bluesky service URL
 * with a user name and password, used to answer 503/625 `retryAvailable: true` (fetch
 * threw building the request, and that was taken for an outage). They are bad input:
 * refused when linking (604 naming the field), and a stored one fails the target for
 * good (623, relink) instead of being retried or left unconfirmed.
 */

let t: TestHerald;
beforeAll(async () => {
  t = await startTestHerald();
});
afterAll(() => t.stop());

const LINKS: { name: string; platform: string; credentials: Record<string, string>; field: string }[] = [
  {
    name: 'a Mastodon token with characters outside Latin-1',
    platform: 'mastodon',
    credentials: { instance: 'http://127.0.0.1:9', accessToken: 'tök€n' },
    field: 'credentials.accessToken',
  },
  {
    name: 'a Facebook page token with a line break',
    platform: 'facebook',
    credentials: { pageId: '1', pageAccessToken: 'EAAB\nxyz' },
    field: 'credentials.pageAccessToken',
  },
  {
    name: 'a Bluesky app password with an emoji',
    platform: 'bluesky',
    credentials: { service: 'http://127.0.0.1:9', identifier: 'a.test', appPassword: 'ab🙂' },
    field: 'credentials.appPassword',
  },
  {
    name: 'a Bluesky service URL with a user name and password',
    platform: 'bluesky',
    credentials: { service: 'http://user:pass@127.0.0.1:9', identifier: 'a.test', appPassword: 'abcd-efgh' },
    field: 'credentials.service',
  },
];

describe('linking refuses credentials no request can carry', () => {
  it.each(LINKS)(
    '$name → 400/604 naming $field, not retryable, nothing stored',
    async ({ platform, credentials, field }) => {
      const before = await t.count('accounts');
      const res = await t.request('POST', '/api/accounts', { platform, credentials });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 604 });
      expect(res.body.message).toContain(field);
      expect(res.body).not.toHaveProperty('retryAvailable');
      expect(JSON.stringify(res.body)).not.toMatch(/pass@|tök€n|EAAB/);
      expect(catalogAnswerProblems(res.status, res.body)).toEqual([]);
      expect(await t.count('accounts')).toBe(before);
    },
  );
});

describe('a stored credential no request can carry (linked before this check)', () => {
  it('fails the target for good with 623 (relink), never 625 or unconfirmed', async () => {
    const profile = await findPrimaryProfile(t.herald.app.pool);
    await upsertAccount(t.herald.app.pool, {
      profileId: profile!.id,
      platform: 'facebook',
      sandbox: false,
      externalId: 'page-1',
      username: 'page',
      displayName: 'Page',
      profileUrl: 'https://www.facebook.com/1',
      sealedCredentials: encryptJson(t.herald.app.secretKey, { pageId: '1', pageAccessToken: 'tök€n' }),
    });
    const res = await t.request('POST', '/api/post', { post: 'hello', platforms: ['facebook'] });
    expect(res.status).toBe(401);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        code: 623,
        relink: true,
        platform: 'facebook',
        details: expect.stringContaining('Link the account again'),
      }),
    ]);
    expect(catalogAnswerProblems(res.status, res.body)).toEqual([]);
    const { rows } = await t.herald.app.pool.query<{ state: string; n: string }>(
      `SELECT t.state, (SELECT count(*) FROM attempts a WHERE a.target_id = t.id) AS n FROM targets t WHERE t.post_id = $1`,
      [res.body.id],
    );
    expect(rows).toEqual([{ state: 'failed', n: '1' }]);
  });
});
