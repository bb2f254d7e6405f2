import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decryptJson } from '../../src/config/secrets.ts';
import { type LinkedInLinking, startLinkedInLinking } from '../fakes/oauth/linkedin.ts';
import { type Linking, startPinterestLinking } from '../fakes/oauth/networks.ts';
import type { PinterestWorld } from '../fakes/pinterest/fixtures.ts';
import { linkThroughPage } from '../helpers/connect-client.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { type MediaServer, startMediaServer, TINY_JPEG } from '../helpers/media-server.ts';

/**
 * Pinterest (30-day access tokens, a refresh token) and LinkedIn (60-day tokens, refresh
 * tokens for partner apps), linked on the connect page: when the network refuses the
 * stored token with its documented expired-token answer (Pinterest 401 code 1104,
 * LinkedIn 401 EXPIRED_ACCESS_TOKEN 65602), the token is renewed once, for 20 concurrent
 * publishes at once, and the refused call sent again; a delete does the same; a refused
 * renewal ends in the relink code (623) with no second call, and the account needs a relink.
 */

let pinterest: Linking<PinterestWorld>;
let linkedin: LinkedInLinking;
let media: MediaServer;
let t: TestHerald;
let profileKey: string;

beforeAll(async () => {
  pinterest = await startPinterestLinking();
  linkedin = await startLinkedInLinking({ partnerRefresh: true });
  media = await startMediaServer({ '/photo.jpg': { body: TINY_JPEG, type: 'image/jpeg' } });
  t = await startTestHerald({
    env: {
      ...pinterest.env,
      ...linkedin.env,
      HERALD_PUBLIC_URL: 'https://herald.example.test',
      // All 20 publishes at once, so that all of them meet the 401 while the one renewal is held.
      HERALD_WORKER_CONCURRENCY: '20',
      HERALD_MEDIA_ALLOW: '127.0.0.1',
    },
  });
  const created = await t.request('POST', '/api/profiles', { title: 'Renewal Co' });
  profileKey = created.body.profileKey as string;
  await linkThroughPage(t, profileKey, 'pinterest', 'Recipes');
  await linkThroughPage(t, profileKey, 'linkedin', 'Alice Herald');
});
afterAll(async () => {
  await t?.stop();
  await pinterest?.close();
  await linkedin?.close();
  await media?.close();
});

async function stored(platform: string) {
  const { rows } = await t.herald.app.pool.query<{ credentials: string; health: string }>(
    'SELECT credentials, health FROM accounts WHERE platform = $1',
    [platform],
  );
  const row = rows[0];
  if (!row) throw new Error(`no ${platform} account`);
  return {
    health: row.health,
    credentials: decryptJson<Record<string, string>>(t.herald.app.secretKey, row.credentials),
  };
}

interface Network {
  platform: 'pinterest' | 'linkedin';
  /** Calls of the refresh_token grant at the network's token endpoint. */
  refreshes(): number;
  /** Create calls the network received (refused ones included). */
  creates(): number;
  /** The stored access token's life is over at the network: its documented 401 from now on. */
  expire(token: string): void;
  revoke(refreshToken: string): void;
  body(title: string): Record<string, unknown>;
  holdNextToken(until: Promise<void>): void;
}

const networks: Network[] = [
  {
    platform: 'pinterest',
    refreshes: () => pinterest.auth.tokenCalls.get('refresh_token') ?? 0,
    creates: () =>
      pinterest.api.fake.requests.filter((r) => r.method === 'POST' && r.path === '/v5/pins').length,
    expire: (token) => {
      expect(pinterest.api.user.token).toBe(token);
      pinterest.api.user.expired = true;
    },
    revoke: (token) => pinterest.auth.revokeRefreshToken(token),
    body: (title) => ({ post: title, platforms: ['pinterest'], mediaUrls: [media.url('/photo.jpg')] }),
    holdNextToken: (until) => pinterest.auth.holdNextToken(until),
  },
  {
    platform: 'linkedin',
    refreshes: () => linkedin.auth.tokenCalls.get('refresh_token') ?? 0,
    creates: () =>
      linkedin.api.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/rest/posts')).length,
    expire: (token) => {
      const member = linkedin.api.members.find((m) => m.token === token);
      if (!member) throw new Error('no LinkedIn member holds the stored token');
      member.expired = true;
    },
    revoke: (token) => linkedin.auth.revokeRefreshToken(token),
    body: (title) => ({ post: title, platforms: ['linkedin'] }),
    holdNextToken: (until) => linkedin.auth.holdNextToken(until),
  },
];

function post(network: Network, title: string) {
  return t.request('POST', '/api/post', network.body(title), { 'profile-key': profileKey });
}

describe.each(networks)('$platform: renewal on a 401', (network) => {
  it('an expired access token is renewed once for 20 concurrent publishes, and every post goes out', async () => {
    const before = await stored(network.platform);
    expect(before.credentials.refreshToken).toBeTruthy();
    network.expire(before.credentials.accessToken as string);
    // The renewal is held until every publish has met the 401: all of them wait on the one refresh.
    let release = () => {};
    network.holdNextToken(new Promise<void>((resolve) => (release = resolve)));
    const counts = { refreshes: network.refreshes(), creates: network.creates() };
    const answers = Promise.all(
      Array.from({ length: 20 }, (_, i) => post(network, `Concurrent ${network.platform} ${i}`)),
    );
    await vi.waitFor(() => expect(network.creates() - counts.creates).toBeGreaterThanOrEqual(20), {
      timeout: 15_000,
    });
    release();
    const results = await answers;
    expect(results.map((r) => [r.status, r.body.status])).toEqual(Array(20).fill([200, 'success']));
    expect(network.refreshes() - counts.refreshes).toBe(1);
    // Each publish: one refused create, one with the new token.
    expect(network.creates() - counts.creates).toBe(40);
    const after = await stored(network.platform);
    expect(after.credentials.accessToken).not.toBe(before.credentials.accessToken);
    expect(after.credentials.refreshToken).toBe(before.credentials.refreshToken);
    expect(after.health).toBe('ok');
  });

  it('a delete met with an expired token renews it once and deletes', async () => {
    const published = await post(network, `To delete on ${network.platform}`);
    expect(published.status).toBe(200);
    network.expire((await stored(network.platform)).credentials.accessToken as string);
    const refreshes = network.refreshes();
    const deleted = await t.request(
      'DELETE',
      '/api/post',
      { id: published.body.id },
      { 'profile-key': profileKey },
    );
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ status: 'success' });
    expect(network.refreshes()).toBe(refreshes + 1);
  });

  it('a refused renewal ends in the relink code, with no second create, and the account needs a relink', async () => {
    const { credentials } = await stored(network.platform);
    network.revoke(credentials.refreshToken as string);
    network.expire(credentials.accessToken as string);
    const counts = { refreshes: network.refreshes(), creates: network.creates() };
    const failed = await post(network, `Meets the revoked grant on ${network.platform}`);
    expect(failed.body.status).toBe('error');
    expect((failed.body.errors as Record<string, unknown>[])[0]).toMatchObject({
      code: 623,
      relink: true,
      platform: network.platform,
    });
    expect(network.refreshes() - counts.refreshes).toBe(1);
    expect(network.creates() - counts.creates).toBe(1);
    expect((await stored(network.platform)).health).toBe('needs-relink');

    // The next post fails before any call.
    const refused = await post(network, `Never sent on ${network.platform}`);
    expect((refused.body.errors as Record<string, unknown>[])[0]).toMatchObject({ code: 623, relink: true });
    expect(network.creates() - counts.creates).toBe(1);
    expect(network.refreshes() - counts.refreshes).toBe(1);
  });
});
