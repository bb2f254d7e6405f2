import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * Only a target some request waits for notifies `herald_targets` when it settles
 * (migration 031): the immediate post's request marks its targets in flight; a scheduled
 * post, which nobody waits for, settles without the notification (and its lock).
 */
let h: TestHerald;
beforeAll(async () => {
  h = await startTestHerald();
  const linked = await h.request('POST', '/api/accounts', {
    platform: 'facebook',
    credentials: { sandbox: true },
  });
  expect(linked.status).toBe(200);
});
afterAll(() => h?.stop());

const awaitedOf = async (postId: string) =>
  (
    await h.herald.app.pool.query<{ state: string; awaited: boolean }>(
      'SELECT state, awaited_until IS NOT NULL AS awaited FROM targets WHERE post_id = $1',
      [postId],
    )
  ).rows;

describe('awaited targets', () => {
  it('an immediate post still in flight when its request starts waiting is marked, and answered once published', async () => {
    // The simulated network answers after 300 ms: the target is in flight when the wait starts.
    const posted = await h.request('POST', '/api/post', {
      post: 'awaited #sandbox-delay-300',
      platforms: ['facebook'],
    });
    expect(posted.body.status).toBe('success');
    expect(await awaitedOf(String(posted.body.id))).toEqual([{ state: 'published', awaited: true }]);
  });

  it('a scheduled post is published without being marked', async () => {
    const posted = await h.request('POST', '/api/post', {
      post: 'not awaited',
      platforms: ['facebook'],
      scheduleDate: new Date(Date.now() + 1500).toISOString(),
    });
    expect(posted.body.status).toBe('scheduled');
    const id = String(posted.body.id);
    await vi.waitFor(async () => expect((await awaitedOf(id))[0]?.state).toBe('published'), {
      timeout: 30_000,
      interval: 200,
    });
    expect(await awaitedOf(id)).toEqual([{ state: 'published', awaited: false }]);
  });
});
