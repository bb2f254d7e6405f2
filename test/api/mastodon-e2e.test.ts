import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SETTLE_MS } from '../../src/connectors/mastodon/publish.ts';
import { addPublishJob } from '../../src/jobs/queue.ts';
import { type MastodonWorld, startMastodonWorld } from '../fakes/mastodon/fixtures.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { type MediaServer, startMediaServer, TINY_JPEG } from '../helpers/media-server.ts';

/**
 * Mastodon end to end: Herald's API and worker against the fake instance on loopback.
 * The instance is the account's own URL; HERALD_MEDIA_ALLOW lists loopback, as it must
 * for Herald to reach a non-public instance at all.
 */

let world: MastodonWorld;
let media: MediaServer;
let t: TestHerald;

beforeAll(async () => {
  world = await startMastodonWorld();
  media = await startMediaServer({ '/photo.jpg': { body: TINY_JPEG, type: 'image/jpeg' } });
  t = await startTestHerald({ env: { HERALD_MEDIA_ALLOW: '127.0.0.1' } });
});
afterAll(async () => {
  await t?.stop();
  await world?.fake.close();
  await media?.close();
});

type Body = Record<string, unknown>;

async function post(text: string, extra: Body = {}) {
  return t.request('POST', '/api/post', { post: text, platforms: ['mastodon'], ...extra });
}

const firstError = (body: Body) => (body.errors as Body[])[0] ?? {};
const statuses = () => world.fake.statusesOf(world.account);

describe('Mastodon through POST /api/post', () => {
  it('links only after the instance accepts the token, and never an instance on a private address', async () => {
    const wrong = await t.request('POST', '/api/accounts', {
      platform: 'mastodon',
      credentials: { ...world.credentials, accessToken: 'wrong' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 613, details: 'HTTP 401: The access token is invalid' });

    const before = world.fake.requests.length;
    for (const instance of ['http://169.254.169.254', 'https://10.1.2.3', 'http://[fd00::1]']) {
      const ssrf = await t.request('POST', '/api/accounts', {
        platform: 'mastodon',
        credentials: { instance, accessToken: 'x' },
      });
      expect(ssrf.status).toBe(400);
      expect(ssrf.body).toMatchObject({
        code: 613,
        details: expect.stringMatching(/^Herald does not connect to this instance: non-public address/),
      });
    }
    expect(world.fake.requests.length).toBe(before);

    const res = await t.request('POST', '/api/accounts', {
      platform: 'mastodon',
      credentials: { ...world.credentials, instance: `${world.credentials.instance}/` },
    });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ platform: 'mastodon', displayName: 'Alice Herald' });
  });

  it('publishes text and an image with mastodonOptions', async () => {
    const text = `Hello from Herald ${randomUUID()}`;
    const res = await post(text, {
      mediaUrls: [media.url('/photo.jpg')],
      mastodonOptions: { visibility: 'unlisted', spoilerText: 'a photo', altText: ['a blue rectangle'] },
    });
    expect(res.status).toBe(200);
    const [entry] = res.body.postIds as Body[];
    const status = statuses().find((s) => s.id === entry?.id);
    expect(entry).toEqual({
      status: 'success',
      id: status?.id,
      postUrl: `https://social.example/@alice/${status?.id}`,
      platform: 'mastodon',
    });
    expect(status).toMatchObject({ text, visibility: 'unlisted', spoilerText: 'a photo', sensitive: true });
    expect(world.fake.media.get(status?.mediaIds[0] ?? '')).toMatchObject({
      description: 'a blue rectangle',
      size: TINY_JPEG.length,
    });
  });

  it('a post that fits by Mastodon’s count (each URL as 23 characters) is published, not refused with 132', async () => {
    const url = `https://example.com/articles/${'long-slug-'.repeat(20)}`;
    const text = `${'a'.repeat(470)} ${url}`;
    expect([...text].length).toBeGreaterThan(500);
    const res = await post(text);
    expect(res.status).toBe(200);
    const [entry] = res.body.postIds as Body[];
    expect(statuses().find((s) => s.id === entry?.id)?.text).toBe(text);
  });

  it('an instance validation error is 622 with the instance’s words', async () => {
    world.fake.maxCharacters = 10;
    try {
      const res = await post('More than ten characters');
      expect(res.status).toBe(400);
      expect(firstError(res.body)).toMatchObject({
        code: 622,
        platform: 'mastodon',
        message: 'Mastodon rejected the post as invalid. See details for what to change.',
        details: 'Validation failed: Text character limit of 10 exceeded',
      });
    } finally {
      world.fake.maxCharacters = 500;
    }
  });

  it('a lost answer is reconciled with the same Idempotency-Key once the request has settled: one status', async () => {
    const text = `Lost answer ${randomUUID()}`;
    world.fake.loseAnswers('POST', '/api/v1/statuses');
    const sends = () => world.fake.requests.filter((r) => r.path === '/api/v1/statuses').length;
    const before = sends();
    const res = await post(text);
    // The lost request may still run on a slow instance: the target stays `sending`, leased
    // for SETTLE_MS, and nothing is re-sent yet.
    const { rows } = await t.herald.app.pool.query<{ id: string; state: string; lease_until: Date }>(
      'SELECT id, state, lease_until FROM targets WHERE post_id = $1',
      [res.body.id],
    );
    expect(rows[0]?.state).toBe('sending');
    expect(rows[0]?.lease_until.getTime()).toBeGreaterThan(Date.now() + SETTLE_MS - 15_000);
    expect(sends()).toBe(before + 1);
    // A minute on: the lease has run out and the last send is that old.
    const targetId = rows[0]?.id ?? '';
    await t.herald.app.pool.query(
      `UPDATE targets SET lease_until = now() - interval '1 second',
              progress = jsonb_set(progress, '{lastSentAt}', to_jsonb(to_char(
                (now() - interval '61 seconds') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
       WHERE id = $1`,
      [targetId],
    );
    await addPublishJob(t.herald.app.pool, targetId);
    await vi.waitFor(
      async () => {
        const { rows: now } = await t.herald.app.pool.query<{ state: string }>(
          'SELECT state FROM targets WHERE id = $1',
          [targetId],
        );
        expect(now[0]?.state).toBe('published');
      },
      { timeout: 10_000 },
    );
    const mine = statuses().filter((s) => s.text === text);
    expect(mine).toHaveLength(1);
    const view = await t.request('GET', `/api/post/${res.body.id}`);
    expect(JSON.stringify(view.body)).toContain(mine[0]?.id ?? 'none');
    const keys = world.fake.requests.filter((r) => r.path === '/api/v1/statuses').slice(-2);
    expect(new Set(keys.map((r) => r.idempotencyKey)).size).toBe(1);
  });

  it('a blocked account (627) is retried with PUT /api/post/retry once lifted, and published once', async () => {
    const text = `Blocked, then not ${randomUUID()}`;
    world.account.disabled = true;
    const res = await post(text);
    expect(res.status).toBe(403);
    expect(firstError(res.body)).toMatchObject({
      code: 627,
      details: 'HTTP 403: Your login is currently disabled',
    });
    world.account.disabled = false;
    const retried = await t.request('PUT', '/api/post/retry', { id: res.body.id });
    expect(retried.status).toBe(200);
    const again = await t.request('PUT', '/api/post/retry', { id: res.body.id });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ code: 615 });
    expect(statuses().filter((s) => s.text === text)).toHaveLength(1);
  });

  it('DELETE /api/post deletes the status', async () => {
    const res = await post(`To delete ${randomUUID()}`);
    expect(res.status).toBe(200);
    const id = (res.body.postIds as Body[])[0]?.id;
    const deleted = await t.request('DELETE', '/api/post', { id: res.body.id });
    expect(deleted.status).toBe(200);
    expect(deleted.body.mastodon).toMatchObject({ action: 'delete', status: 'success', id });
    expect(statuses().some((s) => s.id === id)).toBe(false);
    expect(world.fake.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/api/v1/statuses/${id}` });
  });

  it('the token is in no row of the database, sealed apart', async () => {
    let dump = '';
    for (const table of ['posts', 'targets', 'attempts', 'accounts']) {
      dump += JSON.stringify((await t.herald.app.pool.query(`SELECT * FROM ${table}`)).rows);
    }
    expect(dump).not.toContain(world.account.token);
  });
});
