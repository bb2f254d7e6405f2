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
