import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NetworkAccount, startAppView, type TestAppView } from '../helpers/appview.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * Bluesky analytics against a real network: a PDS, and the AppView indexing it into
 * PostgreSQL. Likes, reposts, replies and quotes are made by another real account, the
 * AppView counts them, and Herald reads them through the PDS as it would through bsky.social.
 */
let net: TestAppView;
let alice: NetworkAccount;
let bob: NetworkAccount;
let t: TestHerald;

beforeAll(async () => {
  net = await startAppView();
  alice = await net.createAccount('alice');
  bob = await net.createAccount('bob');
  await bob.agent.login({ identifier: bob.handle, password: bob.password });
  t = await startTestHerald({ env: { HERALD_BLUESKY_API_URL: net.url } });
  const linked = await t.request('POST', '/api/accounts', {
    platform: 'bluesky',
    credentials: { identifier: alice.handle, appPassword: alice.password },
  });
  expect(linked.status).toBe(200);
}, 60_000);
afterAll(async () => {
  await t?.stop();
  await net?.close();
});

async function publish(text: string): Promise<{ id: string; uri: string; cid: string }> {
  const res = await t.request('POST', '/api/post', { post: text, platforms: ['bluesky'] });
  expect(res.status).toBe(200);
  const [entry] = res.body.postIds as { id: string; cid: string }[];
  return { id: res.body.id as string, uri: entry?.id as string, cid: entry?.cid as string };
}

describe('Bluesky analytics (real PDS and AppView)', () => {
  it('like, repost, reply and quote counts of a post published through Herald', async () => {
    const { id, uri, cid } = await publish('Counting on Bluesky');
    await bob.agent.like(uri, cid);
    await bob.agent.repost(uri, cid);
    await bob.agent.post({ text: 'a reply', reply: { root: { uri, cid }, parent: { uri, cid } } });
    await bob.agent.post({
      text: 'a quote',
      embed: { $type: 'app.bsky.embed.record', record: { uri, cid } },
    });
    await net.processAll();
    const res = await t.request('POST', '/api/analytics/post', { id, source: 'npm' });
    expect(res.status).toBe(200);
    const rkey = uri.split('/').at(-1);
    expect(res.body.bluesky).toMatchObject({
      id: uri,
      postUrl: `https://bsky.app/profile/alice.test/post/${rkey}`,
      analytics: {
        cid,
        post: 'Counting on Bluesky',
        likeCount: 1,
        repostCount: 1,
        replyCount: 1,
        quoteCount: 1,
        labels: [],
      },
    });
  });

  it('a post by its at:// URI, made outside Herald; an unknown URI is 607', async () => {
    await alice.agent.login({ identifier: alice.handle, password: alice.password });
    const outside = await alice.agent.post({ text: 'made in the Bluesky app' });
    await net.processAll();
    const res = await t.request('POST', '/api/analytics/post', {
      id: outside.uri,
      platforms: ['bluesky'],
      searchPlatformId: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.bluesky).toMatchObject({ analytics: { post: 'made in the Bluesky app', likeCount: 0 } });
    const missing = `${outside.uri.slice(0, outside.uri.lastIndexOf('/'))}/3zzzzzzzzzzzz`;
    const gone = await t.request('POST', '/api/analytics/post', {
      id: missing,
      platforms: ['bluesky'],
      searchPlatformId: true,
    });
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ code: 607 });
  });

  it('the profile’s followers, follows and posts', async () => {
    await bob.agent.follow(alice.did);
    await net.processAll();
    const res = await t.request('POST', '/api/analytics/social', { platforms: ['bluesky'] });
    expect(res.status).toBe(200);
    expect(res.body.bluesky).toMatchObject({
      analytics: { did: alice.did, handle: 'alice.test', followersCount: 1, postsCount: 2 },
    });
  });

  it('history: the account’s own posts, Herald’s and the app’s, newest first, paged by cursor', async () => {
    await bob.agent.post({ text: 'bob is not in alice’s history' });
    await net.processAll();
    const first = await t.request('GET', '/api/history/bluesky?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.posts).toEqual([
      expect.objectContaining({
        post: 'made in the Bluesky app',
        postUrl: expect.stringContaining('bsky.app/profile/alice.test/post/'),
      }),
    ]);
    const second = await t.request(
      'GET',
      `/api/history/bluesky?limit=5&next=${encodeURIComponent(first.body.next as string)}`,
    );
    expect(
      (second.body.posts as { post: string; likeCount: number }[]).map((p) => [p.post, p.likeCount]),
    ).toEqual([['Counting on Bluesky', 1]]);
  });
});
