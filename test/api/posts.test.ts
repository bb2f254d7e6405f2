import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { linkSandbox, startTestHerald, type TestHerald, X_KEYS } from '../helpers/herald.ts';

const SEED_440_MESSAGE =
  "The social network could not download media from this URL (for example Instagram/Meta error 2207052). Ensure the file is publicly reachable by the platform's crawlers (e.g. facebookexternalhit), via media bucket's robots.txt file, not only in a browser.";

let t: TestHerald;
beforeAll(async () => {
  t = await startTestHerald();
  await linkSandbox(t, ['instagram', 'facebook', 'bluesky', 'twitter']);
});
afterAll(() => t.stop());

const image = ['https://media.example.com/photo.jpg'];

describe('POST /api/post with sandbox accounts', () => {
  it('answers 200 success with one postId per network', async () => {
    const res = await t.request('POST', '/api/post', {
      post: 'hello',
      platforms: ['instagram', 'facebook'],
      mediaUrls: image,
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('success');
    expect(res.body.errors).toEqual([]);
    const postIds = res.body.postIds as { platform: string; status: string; id: string; postUrl: string }[];
    expect(postIds.map((p) => p.platform).sort()).toEqual(['facebook', 'instagram']);
    for (const p of postIds) {
      expect(p.status).toBe('success');
      expect(p.postUrl).toMatch(/^https:\/\/www\.(instagram|facebook)\.com\//);
    }
    expect(res.body.id).toMatch(/^[A-Za-z0-9]{20}$/);
  });

  it('partial success: the seed 440 body for instagram, the facebook success kept in postIds', async () => {
    const res = await t.request('POST', '/api/post', {
      post: 'crawler blocked #sandbox-fail-instagram-440',
      platforms: ['instagram', 'facebook'],
      mediaUrls: image,
    });
    expect(res.status).toBe(400);
    expect(res.body.status).toBe('error');
    expect(res.body.errors).toEqual([
      {
        action: 'post',
        status: 'error',
        code: 440,
        message: SEED_440_MESSAGE,
        details: 'Media download has failed.: The media could not be fetched from the provided URI...',
        platform: 'instagram',
      },
    ]);
    const postIds = res.body.postIds as { platform: string; status: string }[];
    expect(postIds).toHaveLength(1);
    expect(postIds[0]).toMatchObject({ platform: 'facebook', status: 'success' });
  });

  it('PUT /api/post/retry re-runs only the failed network, and may be repeated', async () => {
    const first = await t.request('POST', '/api/post', {
      post: 'retry me #sandbox-fail-instagram-436',
      platforms: ['instagram', 'facebook'],
      mediaUrls: image,
    });
    expect(first.status).toBe(400);
    const id = first.body.id as string;
    for (const round of [2, 3]) {
      const retried = await t.request('PUT', '/api/post/retry', { id });
      expect(retried.status).toBe(400);
      const view = await t.request('GET', `/api/post/${id}`);
      const targets = view.body.targets as { platform: string; state: string; attempts: number }[];
      expect(targets).toEqual([
        { platform: 'facebook', state: 'published', attempts: 1 },
        { platform: 'instagram', state: 'failed', attempts: round },
      ]);
    }
  });

  it('retry of a post with nothing failed is a clear error', async () => {
    const ok = await t.request('POST', '/api/post', { post: 'fine', platforms: ['bluesky'] });
    const res = await t.request('PUT', '/api/post/retry', { id: ok.body.id });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(615);
  });

  it('a network that is not linked is refused before anything is stored (156)', async () => {
    const before = await t.count('posts');
    const res = await t.request('POST', '/api/post', { post: 'x', platforms: ['facebook', 'reddit'] });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ code: 156, platform: 'reddit', status: 'error', action: 'post' }),
    ]);
    expect(await t.count('posts')).toBe(before);
  });

  it('text over a network limit is refused before anything is stored (132)', async () => {
    const before = await t.count('posts');
    const res = await t.request('POST', '/api/post', { post: '😀'.repeat(301), platforms: ['bluesky'] });
    expect(res.status).toBe(400);
    expect((res.body.errors as { code: number; message: string }[])[0]).toMatchObject({
      code: 132,
      message: 'The post is too long for Bluesky: 301 of at most 300 graphemes.',
    });
    expect(await t.count('posts')).toBe(before);
  });

  it('invalid per-network options are refused with the field named (620)', async () => {
    const res = await t.request('POST', '/api/post', {
      post: 'x',
      platforms: ['bluesky'],
      blueSkyOptions: { altText: 'not an array' },
    });
    expect(res.status).toBe(400);
    expect((res.body.errors as { code: number; message: string }[])[0]?.code).toBe(620);
    expect((res.body.errors as { message: string }[])[0]?.message).toContain('blueSkyOptions.altText');
  });

  it('"all" posts to every linked network', async () => {
    const res = await t.request(
      'POST',
      '/api/post',
      { post: 'everywhere', platforms: ['all'], mediaUrls: image },
      X_KEYS,
    );
    expect(res.status).toBe(200);
    expect((res.body.postIds as { platform: string }[]).map((p) => p.platform).sort()).toEqual([
      'bluesky',
      'facebook',
      'instagram',
      'twitter',
    ]);
  });

  it('translates catalog messages but never upstream details', async () => {
    const res = await t.request(
      'POST',
      '/api/post',
      { post: '#sandbox-fail-instagram-440', platforms: ['instagram'], mediaUrls: image },
      { 'translate-error-message': 'de' },
    );
    const error = (res.body.errors as { message: string; details: string }[])[0];
    expect(error?.message).not.toBe(SEED_440_MESSAGE);
    expect(error?.message).toContain('facebookexternalhit');
    expect(error?.details).toBe(
      'Media download has failed.: The media could not be fetched from the provided URI...',
    );
    const unknown = await t.request(
      'POST',
      '/api/post',
      { post: '#sandbox-fail-instagram-440', platforms: ['instagram'], mediaUrls: image },
      { 'translate-error-message': 'xx' },
    );
    expect((unknown.body.errors as { message: string }[])[0]?.message).toBe(SEED_440_MESSAGE);
  });
});

describe('idempotencyKey', () => {
  it('the same key and body return the original response and create nothing', async () => {
    const body = { post: 'once', platforms: ['facebook'], idempotencyKey: 'order-1' };
    const first = await t.request('POST', '/api/post', body);
    const posts = await t.count('posts');
    const targets = await t.count('targets');
    const again = await t.request('POST', '/api/post', {
      idempotencyKey: 'order-1',
      platforms: ['facebook'],
      post: 'once',
    });
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(await t.count('posts')).toBe(posts);
    expect(await t.count('targets')).toBe(targets);
  });

  it('the same key with a different body is refused (608, 409) and changes nothing', async () => {
    await t.request('POST', '/api/post', { post: 'a', platforms: ['facebook'], idempotencyKey: 'order-2' });
    const posts = await t.count('posts');
    const res = await t.request('POST', '/api/post', {
      post: 'b',
      platforms: ['facebook'],
      idempotencyKey: 'order-2',
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ status: 'error', code: 608 });
    expect(await t.count('posts')).toBe(posts);
  });

  const SAME = { post: 'same text', platforms: ['facebook'], mediaUrls: ['https://media.example.com/a.jpg'] };
  it.each([
    ['other platforms', { ...SAME, platforms: ['facebook', 'linkedin'] }],
    ['other mediaUrls', { ...SAME, mediaUrls: ['https://media.example.com/b.jpg'] }],
    ['no mediaUrls', { post: SAME.post, platforms: SAME.platforms }],
    ['isVideo', { ...SAME, isVideo: true }],
    ['a scheduleDate', { ...SAME, scheduleDate: '2031-01-01T00:00:00Z' }],
    ['network options', { ...SAME, faceBookOptions: { link: 'https://example.com' } }],
  ])('the same key and text with %s is refused (608) and changes nothing', async (_name, other) => {
    const key = `same-text-${_name}`;
    expect((await t.request('POST', '/api/post', { ...SAME, idempotencyKey: key })).status).toBe(200);
    const before = { posts: await t.count('posts'), targets: await t.count('targets') };
    const res = await t.request('POST', '/api/post', { ...other, idempotencyKey: key });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ status: 'error', code: 608 });
    expect({ posts: await t.count('posts'), targets: await t.count('targets') }).toEqual(before);
  });

  it('the SDK’s source marker is not part of the request: a retry from another client replays', async () => {
    const body = { post: 'from anywhere', platforms: ['facebook'], idempotencyKey: 'order-src' };
    const first = await t.request('POST', '/api/post', body);
    const again = await t.request('POST', '/api/post', { ...body, source: 'npm' });
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
  });
});

describe('scheduleDate', () => {
  it.each([
    ['tomorrow', 609],
    ['2026-13-45T99:00:00Z', 609],
    ['2030-01-01T10:00:00', 609],
    ['2020-01-01T00:00:00Z', 610],
  ])('%s is refused with %i', async (scheduleDate, code) => {
    const posts = await t.count('posts');
    const res = await t.request('POST', '/api/post', { post: 'x', platforms: ['facebook'], scheduleDate });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(code);
    expect(await t.count('posts')).toBe(posts);
  });

  it('a future post is scheduled, then cancelled by DELETE /api/post', async () => {
    const scheduleDate = new Date(Date.now() + 3_600_000).toISOString();
    const res = await t.request('POST', '/api/post', {
      post: 'later',
      platforms: ['facebook', 'bluesky'],
      scheduleDate,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'scheduled', scheduleDate, postIds: [], errors: [] });
    const id = res.body.id as string;
    // Its targets wait for their time on their own rows: no engine job until due.
    const waiting = await t.herald.app.pool.query(
      "SELECT 1 FROM targets WHERE post_id = $1 AND job_due_at = $2 AND state = 'queued'",
      [id, scheduleDate],
    );
    expect(waiting.rowCount).toBe(2);
    const early = await t.herald.app.pool.query(
      "SELECT 1 FROM graphile_worker.jobs j JOIN targets t ON j.key = 'target:' || t.id WHERE t.post_id = $1",
      [id],
    );
    expect(early.rowCount).toBe(0);

    const deleted = await t.request('DELETE', '/api/post', { id });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({
      status: 'success',
      id,
      facebook: { action: 'delete', status: 'success' },
    });
    const view = await t.request('GET', `/api/post/${id}`);
    expect(view.body.status).toBe('deleted');
    expect(view.body.targets).toEqual([
      { platform: 'bluesky', state: 'cancelled', attempts: 0 },
      { platform: 'facebook', state: 'cancelled', attempts: 0 },
    ]);
    const left = await t.herald.app.pool.query(
      `SELECT 1 FROM targets t WHERE t.post_id = $1
         AND (t.job_due_at IS NOT NULL OR t.job_secrets IS NOT NULL
              OR EXISTS (SELECT 1 FROM graphile_worker.jobs j WHERE j.key = 'target:' || t.id))`,
      [id],
    );
    expect(left.rowCount).toBe(0);
  });
});

describe('DELETE /api/post of published posts', () => {
  it('deletes where the network allows it and says so where it does not', async () => {
    // Threads offers no API delete (Instagram does, through graph.facebook.com).
    await linkSandbox(t, ['threads']);
    const res = await t.request('POST', '/api/post', {
      post: 'gone soon',
      platforms: ['facebook', 'threads'],
      mediaUrls: image,
    });
    const deleted = await t.request('DELETE', '/api/post', { id: res.body.id });
    expect(deleted.status).toBe(400);
    expect(deleted.body.facebook).toMatchObject({ action: 'delete', status: 'success' });
    expect(deleted.body.threads).toMatchObject({
      action: 'delete',
      status: 'error',
      code: 619,
      platform: 'threads',
    });
  });

  it('a target being sent is never reported cancelled: 676 for it, and it ends as the network decides', async () => {
    const slow = await startTestHerald({ env: { HERALD_POST_WAIT_MS: '0' } });
    try {
      await linkSandbox(slow, ['facebook', 'bluesky']);
      const res = await slow.request('POST', '/api/post', {
        post: 'in flight #sandbox-delay-3000',
        platforms: ['facebook'],
        scheduleDate: new Date(Date.now() + 1500).toISOString(),
      });
      const id = res.body.id as string;
      const stateOf = async () =>
        ((await slow.request('GET', `/api/post/${id}`)).body.targets as { state: string }[])[0]?.state;
      await vi.waitFor(async () => expect(await stateOf()).toBe('sending'), { timeout: 15_000 });
      const deleted = await slow.request('DELETE', '/api/post', { id });
      expect(deleted.status).toBe(409);
      expect(deleted.body.facebook).toMatchObject({ action: 'delete', status: 'error', code: 676 });
      expect(deleted.body.facebook).not.toHaveProperty('scheduled');
      await vi.waitFor(async () => expect(await stateOf()).toBe('published'), { timeout: 15_000 });
      expect((await slow.request('GET', `/api/post/${id}`)).body.status).toBe('success');
    } finally {
      await slow.stop();
    }
  });

  it('an unknown id is 607 (404)', async () => {
    const res = await t.request('DELETE', '/api/post', { id: 'nope' });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe(607);
  });
});

describe('GET /api/history', () => {
  it('lists posts newest first, filtered by status and platform', async () => {
    const all = await t.request('GET', '/api/history?limit=1000&lastDays=0');
    const history = all.body.history as { id: string; status: string; platforms: string[] }[];
    expect(history.length).toBeGreaterThan(5);
    const errors = await t.request('GET', '/api/history?status=error&limit=1000');
    expect((errors.body.history as { status: string }[]).every((p) => p.status === 'error')).toBe(true);
    expect((errors.body.history as unknown[]).length).toBeGreaterThan(0);
    // Herald's own posts to one network: ?platform= (/api/history/bluesky is the network's own list).
    const bluesky = await t.request('GET', '/api/history?platform=bluesky');
    expect((bluesky.body.history as unknown[]).length).toBeGreaterThan(0);
    expect(
      (bluesky.body.history as { platforms: string[] }[]).every((p) => p.platforms.includes('bluesky')),
    ).toBe(true);
    const one = await t.request('GET', `/api/history/${history[0]?.id}`);
    expect(one.body.id).toBe(history[0]?.id);
    const limited = await t.request('GET', '/api/history?limit=2');
    expect(limited.body.history).toHaveLength(2);
  });
});
