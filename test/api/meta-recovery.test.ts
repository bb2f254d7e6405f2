import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { instagramDeclaration } from '../../src/connectors/instagram/declaration.ts';
import { META } from '../fakes/graph/meta-errors.ts';
import { linkMeta, type MetaHerald, startMetaHerald } from '../fakes/graph/meta-herald.ts';
import { seedBody } from '../fakes/graph/seed-examples.ts';
import { type MediaHost, startMediaHost } from '../fakes/media-server/server.ts';

/**
 * What the Meta connectors promise beyond single answers, end to end: a partial success
 * is retried for the failed network only; the daily budget refuses before any request;
 * an answer lost after Meta accepted is reconciled, never re-sent.
 */
let host: MediaHost;
beforeAll(async () => {
  host = await startMediaHost();
});
afterAll(() => host?.close());

const routes = (meta: MetaHerald) => ({
  fb: meta.fake.count('fb.photos') + meta.fake.count('fb.feed'),
  igPublish: meta.fake.count('ig.publish'),
});

describe('partial success, then a retry of Instagram only', () => {
  let meta: MetaHerald;
  beforeAll(async () => {
    meta = await startMetaHerald();
    await linkMeta(meta, ['facebook', 'instagram']);
  });
  afterAll(() => meta?.stop());

  it('Facebook published and Instagram 440: status error with the Facebook id; the retry publishes Instagram once', async () => {
    // Meta's crawler fails once (the origin was fixed before the retry).
    meta.fake.failNext('ig.create', {
      code: 9004,
      subcode: 2207052,
      message: 'Only photo or video can be accepted as media type.',
      userTitle: 'Media download has failed.',
      userMsg: 'The media could not be fetched from the provided URI...',
    });
    const res = await meta.t.request('POST', '/api/post', {
      post: `Crawler test ${randomUUID()}`,
      platforms: ['facebook', 'instagram'],
      mediaUrls: [host.url('/photo.jpg')],
    });
    expect(res.status).toBe(400);
    expect(res.body.status).toBe('error');
    const [facebook] = res.body.postIds as Record<string, unknown>[];
    expect(res.body.postIds).toHaveLength(1);
    expect(facebook).toMatchObject({
      status: 'success',
      platform: 'facebook',
      id: expect.stringContaining(`${meta.fake.page.id}_`),
    });
    expect(Object.entries((res.body.errors as Record<string, unknown>[])[0] ?? {})).toEqual(
      Object.entries(seedBody(440)),
    );
    expect(routes(meta)).toEqual({ fb: 1, igPublish: 0 });

    const retried = await meta.t.request('PUT', '/api/post/retry', { id: res.body.id });
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('success');
    const ids = retried.body.postIds as Record<string, unknown>[];
    expect(ids.find((p) => p.platform === 'facebook')).toEqual(facebook);
    const [media] = meta.fake.state.mediaOf('ig', meta.fake.instagram.id);
    expect(ids.find((p) => p.platform === 'instagram')).toMatchObject({
      status: 'success',
      id: media?.id,
      postUrl: media?.permalink,
    });
    expect(routes(meta)).toEqual({ fb: 1, igPublish: 1 });
  });
});

describe('the rolling Instagram budget', () => {
  it('defaults to 50, from the declaration (config sets no other)', () => {
    expect(instagramDeclaration.dailyBudget).toBe(50);
    expect(instagramDeclaration.budgetCode).toBe(435);
    const config = loadConfig({ DATABASE_URL: 'postgres://x/y', HERALD_SECRET_KEY: 'a'.repeat(64) });
    expect(config.networks.instagram.dailyBudget).toBeUndefined();
  });

  it('refuses the 51st post in 24 h with 435 before any request reaches the fake', async () => {
    const meta = await startMetaHerald();
    try {
      await linkMeta(meta, ['instagram']);
      const photo = host.url('/photo.jpg');
      for (let batch = 0; batch < 5; batch++) {
        const answers = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            meta.t.request('POST', '/api/post', {
              post: `post ${batch * 10 + i}`,
              platforms: ['instagram'],
              mediaUrls: [photo],
            }),
          ),
        );
        for (const answer of answers) expect(answer.status).toBe(200);
      }
      const quotas = (await meta.t.request('GET', '/api/history?limit=100')).body;
      expect(JSON.stringify(quotas)).toContain('"usedQuota":50');
      const before = meta.fake.requests.length;
      const over = await meta.t.request('POST', '/api/post', {
        post: 'post 51',
        platforms: ['instagram'],
        mediaUrls: [photo],
      });
      expect(over.status).toBe(429);
      const error = (over.body.errors as Record<string, unknown>[])[0];
      expect(error).toMatchObject({ ...seedBody(435), details: expect.stringMatching(/^Retry-After: \d+$/) });
      expect(meta.fake.requests.length).toBe(before);
      expect(meta.fake.state.mediaOf('ig', meta.fake.instagram.id)).toHaveLength(50);
    } finally {
      await meta.stop();
    }
  });
});

describe('a media_publish answered by nobody', () => {
  let meta: MetaHerald;
  beforeAll(async () => {
    meta = await startMetaHerald({ HERALD_PUBLISH_TIMEOUT_MS: '1000' });
    await linkMeta(meta, ['instagram']);
  });
  afterAll(() => meta?.stop());

  const send = () =>
    meta.t.request('POST', '/api/post', {
      post: `lost ${randomUUID()}`,
      platforms: ['instagram'],
      mediaUrls: [host.url('/photo.jpg')],
    });

  it('Meta accepted, then the answer hung past the attempt timeout: found among recent media, published once', async () => {
    const before = meta.fake.count('ig.publish');
    meta.fake.script('ig.publish', { kind: 'hang', effect: true });
    const res = await send();
    expect(res.status).toBe(200);
    const [media] = meta.fake.state.mediaOf('ig', meta.fake.instagram.id);
    // (A reconciled target carries no usedQuota: the core adds it only to a publish's own answer.)
    expect(res.body.postIds).toEqual([
      { status: 'success', id: media?.id, postUrl: media?.permalink, platform: 'instagram' },
    ]);
    expect(meta.fake.count('ig.publish')).toBe(before + 1);
    expect(meta.fake.count('ig.list')).toBeGreaterThan(0);
  });

  it('when the lookup fails too, the post is unconfirmed (626); even an explicit retry asks Meta instead of re-sending', async () => {
    const before = meta.fake.count('ig.publish');
    meta.fake.script('ig.publish', { kind: 'drop', effect: true });
    meta.fake.failNext('ig.list', META.unknownError);
    const res = await send();
    expect(res.status).toBe(502);
    expect((res.body.errors as Record<string, unknown>[])[0]).toMatchObject({
      code: 626,
      platform: 'instagram',
      message:
        'Herald sent the post to Instagram but could not confirm whether it was published. Check Instagram before retrying.',
    });
    expect(meta.fake.count('ig.publish')).toBe(before + 1);
    const retried = await meta.t.request('PUT', '/api/post/retry', {
      id: res.body.id,
      includeUnconfirmed: true,
    });
    expect(retried.status).toBe(200);
    const media = meta.fake.state.mediaOf('ig', meta.fake.instagram.id)[0];
    expect((retried.body.postIds as Record<string, unknown>[])[0]).toMatchObject({
      status: 'success',
      id: media?.id,
    });
    expect(meta.fake.count('ig.publish')).toBe(before + 1);
    expect(meta.fake.state.mediaOf('ig', meta.fake.instagram.id)).toHaveLength(2);
  });
});
