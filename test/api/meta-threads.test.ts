import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { META } from '../fakes/graph/meta-errors.ts';
import { linkMeta, type MetaHerald, startMetaHerald } from '../fakes/graph/meta-herald.ts';
import { seedBody } from '../fakes/graph/seed-examples.ts';
import { type MediaHost, startMediaHost } from '../fakes/media-server/server.ts';

/** Threads end to end through POST /api/post against the fake Graph API (graph.threads.net paths). */
let meta: MetaHerald;
let host: MediaHost;
beforeAll(async () => {
  host = await startMediaHost();
  meta = await startMetaHerald();
  await linkMeta(meta, ['threads', 'instagram']);
});
afterAll(async () => {
  await meta?.stop();
  await host?.close();
});

const post = (platforms: string[], extra: Record<string, unknown> = {}) =>
  meta.t.request('POST', '/api/post', { post: `Threads ${randomUUID()}`, platforms, ...extra });

function onlyError(res: { status: number; body: Record<string, unknown> }) {
  expect(res.body.status).toBe('error');
  const errors = res.body.errors as Record<string, unknown>[];
  expect(errors).toHaveLength(1);
  return Object.entries(errors[0] ?? {});
}

describe('Threads through POST /api/post', () => {
  it('publishes text on the Threads API version, with the post URL', async () => {
    const res = await post(['threads']);
    expect(res.status).toBe(200);
    const [media] = meta.fake.state.mediaOf('th', meta.fake.threads.id);
    expect(res.body.postIds).toEqual([
      { status: 'success', id: media?.id, postUrl: media?.permalink, platform: 'threads' },
    ]);
    expect(meta.fake.requests.filter((r) => r.route === 'th.publish').map((r) => r.version)).toEqual([
      'v1.0',
    ]);
  });

  it('379: a publishing failure is the seed’s body, without details', async () => {
    meta.fake.failNext('th.create', META.mediaDownload(host.url('/photo.jpg')));
    const res = await post(['threads'], { mediaUrls: [host.url('/photo.jpg')] });
    expect(res.status).toBe(400);
    expect(onlyError(res)).toEqual(Object.entries(seedBody(379)));
  });

  it('326: identity verification on Threads is 403, never a relink prompt', async () => {
    meta.fake.failNext('th.create', META.identity);
    const res = await post(['threads']);
    expect(res.status).toBe(403);
    expect(onlyError(res)).toEqual(Object.entries({ ...seedBody(326), platform: 'threads' }));
  });

  it('379 beside an Instagram 440 in the same post names the likely cause', async () => {
    const photo = host.url('/photo.jpg');
    meta.fake.failNext('ig.create', META.mediaDownload(photo));
    meta.fake.planContainer({ error: 'FAILED_DOWNLOADING_VIDEO' });
    const res = await post(['instagram', 'threads'], { mediaUrls: [host.url('/clip.mp4')] });
    const errors = res.body.errors as Record<string, unknown>[];
    expect(errors.find((e) => e.platform === 'instagram')).toMatchObject({ code: 440 });
    expect(errors.find((e) => e.platform === 'threads')).toEqual({
      status: 'error',
      code: 379,
      message: 'Error posting to Threads.',
      details:
        "Instagram failed in the same post with code 440: Meta's crawler could not fetch the media, which usually fails Threads too.",
      action: 'post',
      platform: 'threads',
    });
  });

  it('DELETE /api/post answers 619 for Threads: no API delete', async () => {
    const res = await post(['threads']);
    const deleted = await meta.t.request('DELETE', '/api/post', { id: res.body.id });
    expect(deleted.body.threads).toMatchObject({
      action: 'delete',
      status: 'error',
      code: 619,
      platform: 'threads',
    });
    expect(meta.fake.count('th.delete')).toBe(0);
  });
});

describe('Threads chains (threadsOptions.thread) through POST /api/post', () => {
  const chainOf = (id: unknown) => meta.fake.state.chainFrom(String(id)).map((m) => m.text);

  it('publishes each part as a reply to the one before; postIds carry the first part', async () => {
    const res = await meta.t.request('POST', '/api/post', {
      post: `first ${randomUUID()}\n\nsecond\n\nthird`,
      platforms: ['threads'],
      threadsOptions: { thread: true, threadNumber: true },
    });
    expect(res.status).toBe(200);
    const [postId] = res.body.postIds as Record<string, unknown>[];
    const root = meta.fake.state.media.get(String(postId?.id));
    expect(postId).toEqual({
      status: 'success',
      id: root?.id,
      postUrl: root?.permalink,
      platform: 'threads',
    });
    const texts = chainOf(root?.id);
    expect(texts).toHaveLength(3);
    expect(texts[0]).toMatch(/^first .* 1\/3$/);
    expect(texts.slice(1)).toEqual(['second 2/3', 'third 3/3']);
    const replies = meta.fake.state.chainFrom(String(root?.id)).slice(1);
    expect(replies.map((m) => m.replyTo)).toEqual([root?.id, replies[0]?.id]);
  });

  it('132 at request time names the part too long, before any call to Meta', async () => {
    const before = meta.fake.requests.length;
    const res = await meta.t.request('POST', '/api/post', {
      post: `short\n\n${'x'.repeat(501)}`,
      platforms: ['threads'],
      threadsOptions: { thread: true },
    });
    expect(res.status).toBe(400);
    expect(onlyError(res)).toEqual(
      Object.entries({
        action: 'post',
        status: 'error',
        code: 132,
        message: 'The post is too long for Threads: 501 of at most 500 characters.',
        details: 'Part 2 of 2 is too long.',
        platform: 'threads',
      }),
    );
    expect(meta.fake.requests.length).toBe(before);
  });

  it('part 2 fails; PUT /api/post/retry publishes parts 2 and 3 only', async () => {
    const publishes = meta.fake.count('th.publish');
    meta.fake.planContainer({});
    meta.fake.planContainer({ error: 'UNKNOWN' });
    const res = await meta.t.request('POST', '/api/post', {
      post: `root ${randomUUID()}\n\nmiddle\n\nlast`,
      platforms: ['threads'],
      threadsOptions: { thread: true },
    });
    expect(res.status).toBe(400);
    expect(onlyError(res)).toEqual(Object.entries(seedBody(379)));
    expect(meta.fake.count('th.publish') - publishes).toBe(1);
    const retried = await meta.t.request('PUT', '/api/post/retry', { id: res.body.id });
    expect(retried.status).toBe(200);
    const [postId] = retried.body.postIds as Record<string, unknown>[];
    expect(chainOf(postId?.id).slice(1)).toEqual(['middle', 'last']);
    expect(meta.fake.count('th.publish') - publishes).toBe(3);
  });
});

describe('the Threads budget counts a chain as one post', () => {
  it('with a budget of 2: a chain of 3 and a post go out, the next post is refused (624)', async () => {
    const budgeted = await startMetaHerald({ HERALD_THREADS_DAILY_BUDGET: '2' });
    try {
      await linkMeta(budgeted, ['threads']);
      const send = (post: string, extra: Record<string, unknown> = {}) =>
        budgeted.t.request('POST', '/api/post', { post, platforms: ['threads'], ...extra });
      expect((await send('a\n\nb\n\nc', { threadsOptions: { thread: true } })).status).toBe(200);
      expect((await send(`single ${randomUUID()}`)).status).toBe(200);
      const before = budgeted.fake.requests.length;
      const over = await send(`over ${randomUUID()}`);
      expect(over.status).toBe(429);
      expect((over.body.errors as Record<string, unknown>[])[0]).toMatchObject({
        code: 624,
        platform: 'threads',
      });
      expect(budgeted.fake.requests.length).toBe(before);
      // Meta's own counters agree: 2 posts, 2 replies.
      const { state, threads } = budgeted.fake;
      expect([
        state.publishedInWindow('th', threads.id),
        state.publishedInWindow('th', threads.id, Date.now(), true),
      ]).toEqual([2, 2]);
    } finally {
      await budgeted.stop();
    }
  });
});
