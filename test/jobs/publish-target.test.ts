import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishTarget } from '../../src/jobs/publish-target.ts';
import { sweepTargets } from '../../src/jobs/sweep.ts';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

let t: TestHerald;
beforeAll(async () => {
  t = await startTestHerald({ env: { HERALD_POST_WAIT_MS: '5000' } });
  await linkSandbox(t, ['bluesky', 'facebook']);
});
afterAll(() => t.stop());

const future = () => new Date(Date.now() + 86_400_000).toISOString();

/** A target left `sending` by a process that died mid-call: lease expired, one attempt recorded. */
async function deadSender(
  platform: string,
  leaseSeconds = -5,
): Promise<{ postId: string; targetId: string }> {
  const res = await t.request('POST', '/api/post', {
    post: 'crash test',
    platforms: [platform],
    scheduleDate: future(),
  });
  const postId = res.body.id as string;
  const { rows } = await t.herald.app.pool.query<{ id: string }>(
    `UPDATE targets SET state = 'sending', attempts = 1, lease_until = now() + make_interval(secs => $2)
     WHERE post_id = $1 RETURNING id`,
    [postId, leaseSeconds],
  );
  await t.herald.app.pool.query('INSERT INTO attempts (target_id, number) VALUES ($1, 1)', [rows[0]?.id]);
  return { postId, targetId: rows[0]?.id as string };
}

async function target(id: string) {
  const { rows } = await t.herald.app.pool.query(
    'SELECT state, attempts, error, network_post_id FROM targets WHERE id = $1',
    [id],
  );
  return rows[0] as {
    state: string;
    attempts: number;
    error: { code: number } | null;
    network_post_id: string | null;
  };
}

describe('a target never publishes twice', () => {
  it('a dead sender on a network that can look posts up is reconciled, not re-sent', async () => {
    const { targetId } = await deadSender('bluesky');
    await publishTarget(t.herald.app, targetId);
    const after = await target(targetId);
    expect(after.state).toBe('published');
    expect(after.attempts).toBe(1);
    expect(after.network_post_id).toMatch(/^at:\/\//);
  });

  it('a dead sender on a network that cannot look posts up becomes unconfirmed (626), and retry needs consent', async () => {
    const { postId, targetId } = await deadSender('facebook');
    await publishTarget(t.herald.app, targetId);
    expect(await target(targetId)).toMatchObject({ state: 'unconfirmed', attempts: 1, error: { code: 626 } });

    const view = await t.request('GET', `/api/post/${postId}`);
    expect(view.body.status).toBe('error');
    expect(view.body.errors).toEqual([
      {
        action: 'post',
        status: 'error',
        code: 626,
        message:
          'Herald sent the post to Facebook but could not confirm whether it was published. Check Facebook before retrying.',
        details: 'The network offers no way to look the post up.',
        platform: 'facebook',
      },
    ]);
    expect((await t.request('PUT', '/api/post/retry', { id: postId })).body.code).toBe(615);
    const retried = await t.request('PUT', '/api/post/retry', { id: postId, includeUnconfirmed: true });
    expect(retried.status).toBe(200);
    expect(await target(targetId)).toMatchObject({ state: 'published', attempts: 2 });
  });

  it('a sender whose lease is still live is left alone', async () => {
    const { targetId } = await deadSender('facebook', 60);
    await publishTarget(t.herald.app, targetId);
    expect(await target(targetId)).toMatchObject({ state: 'sending', attempts: 1 });
    await t.herald.app.pool.query("UPDATE targets SET state = 'cancelled' WHERE id = $1", [targetId]);
  });

  it('a published target is never touched by a stray job', async () => {
    const res = await t.request('POST', '/api/post', { post: 'done', platforms: ['facebook'] });
    const { rows } = await t.herald.app.pool.query<{ id: string }>(
      'SELECT id FROM targets WHERE post_id = $1',
      [res.body.id],
    );
    const id = rows[0]?.id as string;
    const before = await target(id);
    await publishTarget(t.herald.app, id);
    await publishTarget(t.herald.app, id);
    expect(await target(id)).toEqual(before);
  });

  it('the sweep re-queues targets whose sender died, and they get reconciled', async () => {
    const { targetId } = await deadSender('bluesky');
    expect(await sweepTargets(t.herald.app)).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 100 && (await target(targetId)).state === 'sending'; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await target(targetId)).toMatchObject({ state: 'published', attempts: 1 });
  });

  it('an answer lost in flight (#sandbox-timeout) is reconciled where the network allows it', async () => {
    const res = await t.request('POST', '/api/post', {
      post: 'lost #sandbox-timeout',
      platforms: ['bluesky', 'facebook'],
    });
    expect(res.status).toBe(502);
    expect(res.body.postIds).toEqual([expect.objectContaining({ platform: 'bluesky', status: 'success' })]);
    expect(res.body.errors).toEqual([expect.objectContaining({ platform: 'facebook', code: 626 })]);
  });
});

describe('waiting for the networks', () => {
  it('answers pending past the bound, then the post completes on its own', async () => {
    const slow = await startTestHerald({ env: { HERALD_POST_WAIT_MS: '200' }, databaseUrl: t.databaseUrl });
    try {
      const res = await slow.request('POST', '/api/post', {
        post: 'slow #sandbox-delay-1500',
        platforms: ['facebook'],
      });
      expect(res.status).toBe(200);
      expect(res.body.status).toMatch(/^(pending|processing)$/);
      expect(res.body.postIds).toEqual([{ status: 'pending', id: 'pending', platform: 'facebook' }]);
      let view = await slow.request('GET', `/api/post/${res.body.id}`);
      for (let i = 0; i < 60 && view.body.status !== 'success'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        view = await slow.request('GET', `/api/post/${res.body.id}`);
      }
      expect(view.body.status).toBe('success');
    } finally {
      await slow.stop();
    }
  });
});
