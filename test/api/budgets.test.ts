import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

let t: TestHerald;
beforeAll(async () => {
  t = await startTestHerald({
    env: { HERALD_INSTAGRAM_DAILY_BUDGET: '3', HERALD_THREADS_DAILY_BUDGET: '1' },
  });
  await linkSandbox(t, ['instagram', 'threads', 'facebook']);
});
afterAll(() => t.stop());

const image = ['https://media.example.com/a.jpg'];

describe('rolling 24 h posting budgets, enforced before the call', () => {
  it('Instagram postIds carry usedQuota, and the post over budget is refused with 435', async () => {
    for (const n of [1, 2, 3]) {
      const res = await t.request('POST', '/api/post', {
        post: `ig ${n}`,
        platforms: ['instagram'],
        mediaUrls: image,
      });
      expect(res.status).toBe(200);
      expect((res.body.postIds as { usedQuota: number }[])[0]?.usedQuota).toBe(n);
    }
    const over = await t.request('POST', '/api/post', {
      post: 'ig 4',
      platforms: ['instagram', 'facebook'],
      mediaUrls: image,
    });
    expect(over.status).toBe(429);
    const error = (over.body.errors as Record<string, unknown>[])[0];
    expect(error).toMatchObject({
      action: 'rate limit',
      status: 'error',
      code: 435,
      message: 'Instagram rate limit reached. Please wait before retrying your post.',
      platform: 'instagram',
    });
    const seconds = Number(String(error?.details).replace('Retry-After: ', ''));
    expect(seconds).toBeGreaterThan(86_000);
    expect(seconds).toBeLessThanOrEqual(86_400);
    expect((over.body.postIds as { platform: string }[]).map((p) => p.platform)).toEqual(['facebook']);
    // Nothing was sent: the refused attempt is logged as a budget refusal.
    const { rows } = await t.herald.app.pool.query(
      "SELECT outcome FROM attempts a JOIN targets t ON t.id = a.target_id WHERE t.post_id = $1 AND t.platform = 'instagram'",
      [over.body.id],
    );
    expect(rows).toEqual([{ outcome: 'budget' }]);
  });

  it('Threads over budget answers the generic network rate limit (624) with the wait', async () => {
    await t.request('POST', '/api/post', { post: 'th 1', platforms: ['threads'] });
    const over = await t.request('POST', '/api/post', { post: 'th 2', platforms: ['threads'] });
    expect(over.status).toBe(429);
    expect((over.body.errors as Record<string, unknown>[])[0]).toMatchObject({
      code: 624,
      message: 'Threads rate limit reached. Please wait before retrying your post.',
      retryAvailable: true,
      platform: 'threads',
    });
  });
});

describe('Threads errors name their likely cause', () => {
  it('a Threads 379 beside an Instagram 440 says so in details', async () => {
    const fresh = await startTestHerald({ databaseUrl: t.databaseUrl });
    try {
      const key = (await fresh.request('POST', '/api/profiles', { title: 'meta-pair' })).body
        .profileKey as string;
      await linkSandbox(fresh, ['instagram', 'threads'], { 'profile-key': key });
      const res = await fresh.request(
        'POST',
        '/api/post',
        {
          post: '#sandbox-fail-instagram-440 #sandbox-fail-threads-379',
          platforms: ['instagram', 'threads'],
          mediaUrls: image,
        },
        { 'profile-key': key },
      );
      const threads = (res.body.errors as Record<string, unknown>[]).find((e) => e.platform === 'threads');
      expect(threads).toEqual({
        status: 'error',
        code: 379,
        message: 'Error posting to Threads.',
        details:
          "Instagram failed in the same post with code 440: Meta's crawler could not fetch the media, which usually fails Threads too.",
        action: 'post',
        platform: 'threads',
      });
    } finally {
      await fresh.stop();
    }
  });
});
