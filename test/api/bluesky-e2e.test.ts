import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishTarget } from '../../src/jobs/publish-target.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { startPds, type TestPds } from '../helpers/pds.ts';

/** Herald end to end against a real Bluesky PDS on loopback. */
let pds: TestPds;
let t: TestHerald;
beforeAll(async () => {
  pds = await startPds();
  t = await startTestHerald({ env: { HERALD_BLUESKY_API_URL: pds.url } });
});
afterAll(async () => {
  await t?.stop();
  await pds?.close();
});

async function targetOf(postId: string) {
  const { rows } = await t.herald.app.pool.query<{
    id: string;
    state: string;
    network_post_id: string;
    attempts: number;
  }>('SELECT id, state, network_post_id, attempts FROM targets WHERE post_id = $1', [postId]);
  return rows[0] as { id: string; state: string; network_post_id: string; attempts: number };
}

describe('Bluesky through POST /api/post', () => {
  it.each(['http://169.254.169.254', 'http://10.0.0.1:2583', 'http://[::ffff:127.0.0.1]:2583'])(
    'a user-supplied service on a non-public address (%s) is refused before any connection',
    async (service) => {
      const before = await t.count('accounts');
      const res = await t.request('POST', '/api/accounts', {
        platform: 'bluesky',
        credentials: { identifier: pds.handle, appPassword: pds.password, service },
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 613, action: 'link' });
      expect(res.body.details).toMatch(/^Herald does not connect to this service: non-public address/);
      expect(await t.count('accounts')).toBe(before);
    },
  );

  it('refuses credentials the PDS rejects (613) and stores nothing', async () => {
    const before = await t.count('accounts');
    const res = await t.request('POST', '/api/accounts', {
      platform: 'bluesky',
      credentials: { identifier: pds.handle, appPassword: 'wrong-password' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 613, action: 'link' });
    expect(res.body.details).toMatch(/^AuthenticationRequired/);
    expect(await t.count('accounts')).toBe(before);
  });

  it('links the account with an app password', async () => {
    const res = await t.request('POST', '/api/accounts', {
      platform: 'bluesky',
      credentials: { identifier: pds.handle, appPassword: pds.password },
    });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({
      platform: 'bluesky',
      sandbox: false,
      id: pds.did,
      username: pds.handle,
    });
    const { rows } = await t.herald.app.pool.query<{ credentials: string }>(
      "SELECT credentials FROM accounts WHERE platform = 'bluesky'",
    );
    expect(rows[0]?.credentials).not.toContain(pds.password);
  });

  it('publishes a post with a link facet, and a forced retry creates no second record', async () => {
    const before = await pds.countPosts(pds.did);
    const res = await t.request('POST', '/api/post', {
      post: 'Hello from Herald https://example.com/x',
      platforms: ['bluesky'],
    });
    expect(res.status).toBe(200);
    const [postId] = [res.body.id as string];
    const entry = (res.body.postIds as { id: string; postUrl: string; platform: string }[])[0];
    expect(entry?.id).toMatch(new RegExp(`^at://${pds.did}/app.bsky.feed.post/`));
    expect(entry?.postUrl).toMatch(/^https:\/\/bsky\.app\/profile\/alice\.test\/post\//);
    expect(await pds.countPosts(pds.did)).toBe(before + 1);

    const rkey = entry?.id.split('/').pop() as string;
    const record = await pds.agent.com.atproto.repo.getRecord({
      repo: pds.did,
      collection: 'app.bsky.feed.post',
      rkey,
    });
    const value = record.data.value as {
      text: string;
      facets: { index: { byteStart: number; byteEnd: number } }[];
    };
    expect(value.text).toBe('Hello from Herald https://example.com/x');
    expect(value.facets[0]?.index).toEqual({ byteStart: 18, byteEnd: 39 });

    // A process that crashed after the PDS accepted the write: the target is still `sending`.
    const target = await targetOf(postId);
    await t.herald.app.pool.query(
      "UPDATE targets SET state = 'sending', lease_until = now() - interval '1 second' WHERE id = $1",
      [target.id],
    );
    await publishTarget(t.herald.app, target.id);
    expect(await targetOf(postId)).toMatchObject({
      state: 'published',
      network_post_id: entry?.id,
      attempts: 1,
    });

    // Even a second real send (the same target queued again) lands on the same record key.
    await t.herald.app.pool.query("UPDATE targets SET state = 'queued' WHERE id = $1", [target.id]);
    await publishTarget(t.herald.app, target.id);
    expect(await targetOf(postId)).toMatchObject({
      state: 'published',
      network_post_id: entry?.id,
      attempts: 2,
    });
    expect(await pds.countPosts(pds.did)).toBe(before + 1);
  });

  it('refuses text over 300 graphemes before calling the PDS', async () => {
    const before = await pds.countPosts(pds.did);
    const res = await t.request('POST', '/api/post', { post: 'x'.repeat(301), platforms: ['bluesky'] });
    expect(res.status).toBe(400);
    expect((res.body.errors as { code: number }[])[0]?.code).toBe(132);
    expect(await pds.countPosts(pds.did)).toBe(before);
  });

  it('DELETE /api/post deletes the record on the PDS', async () => {
    const res = await t.request('POST', '/api/post', { post: 'short-lived', platforms: ['bluesky'] });
    const before = await pds.countPosts(pds.did);
    const deleted = await t.request('DELETE', '/api/post', { id: res.body.id });
    expect(deleted.status).toBe(200);
    expect(deleted.body.bluesky).toMatchObject({ action: 'delete', status: 'success' });
    expect(await pds.countPosts(pds.did)).toBe(before - 1);
    expect((await t.request('GET', `/api/post/${res.body.id}`)).body.targets).toEqual([
      { platform: 'bluesky', state: 'deleted', attempts: 1 },
    ]);
  });
});
