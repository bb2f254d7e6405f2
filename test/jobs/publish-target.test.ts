import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectorContext, connectorFor } from '../../src/app/connectors.ts';
import type { PublishInput } from '../../src/connectors/types.ts';
import type { TargetRecord } from '../../src/db/posts.ts';
import { findTarget } from '../../src/db/targets.ts';
import { MAX_UNANSWERED_SENDS, publishInput, publishTarget } from '../../src/jobs/publish-target.ts';
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
  attempts = 1,
): Promise<{ postId: string; targetId: string }> {
  const res = await t.request('POST', '/api/post', {
    post: 'crash test',
    platforms: [platform],
    scheduleDate: future(),
  });
  const postId = res.body.id as string;
  const { rows } = await t.herald.app.pool.query<{ id: string }>(
    `UPDATE targets SET state = 'sending', attempts = $3, lease_until = now() + make_interval(secs => $2)
     WHERE post_id = $1 RETURNING id`,
    [postId, leaseSeconds, attempts],
  );
  await t.herald.app.pool.query('INSERT INTO attempts (target_id, number) VALUES ($1, $2)', [
    rows[0]?.id,
    attempts,
  ]);
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

/**
 * What a sender does before it dies after the call: the sandbox's simulated network
 * creates the post (and writes it to its ledger), and Herald records nothing.
 */
async function networkCreates(targetId: string): Promise<string> {
  const { app } = t.herald;
  const claimed = (await findTarget(app.pool, targetId)) as TargetRecord;
  const prepared = await publishInput(app, claimed);
  const connector = connectorFor(claimed.platform, true);
  const ctx = connectorContext(app, claimed.platform, claimed.accountId ?? undefined, undefined, claimed);
  const outcome = await connector?.publish(prepared?.input as PublishInput, ctx);
  if (outcome?.kind !== 'published') throw new Error(`the sandbox did not create the post: ${outcome?.kind}`);
  return outcome.id;
}

/** The sandbox ledger's row of a target: what its simulated network created, and how often. */
async function ledger(targetId: string) {
  const { rows } = await t.herald.app.pool.query<{ network_post_id: string | null; creates: number }>(
    'SELECT network_post_id, creates FROM sandbox_ledger WHERE target_id = $1',
    [targetId],
  );
  return rows[0];
}

describe('a target never publishes twice', () => {
  it('a sender that died after the network created the post is reconciled to that post, not re-sent', async () => {
    const { targetId } = await deadSender('bluesky');
    const created = await networkCreates(targetId);
    await publishTarget(t.herald.app, targetId);
    expect(await target(targetId)).toMatchObject({
      state: 'published',
      attempts: 1,
      network_post_id: created,
    });
    expect(created).toMatch(/^at:\/\//);
    expect(await ledger(targetId)).toEqual({ network_post_id: created, creates: 1 });
  });

  it('a sender that died before the network created anything is found absent and sent exactly once more', async () => {
    const { targetId } = await deadSender('bluesky');
    await publishTarget(t.herald.app, targetId);
    await vi.waitFor(async () => expect((await target(targetId)).state).toBe('published'));
    const after = await target(targetId);
    expect(after.attempts).toBe(2);
    expect(await ledger(targetId)).toEqual({ network_post_id: after.network_post_id, creates: 1 });
  });

  it(`after ${MAX_UNANSWERED_SENDS} sends without an answer that never arrived, fails 625 (retry is safe) instead of sending for ever`, async () => {
    const { targetId } = await deadSender('bluesky', -5, MAX_UNANSWERED_SENDS);
    await publishTarget(t.herald.app, targetId);
    expect(await target(targetId)).toMatchObject({
      state: 'failed',
      attempts: MAX_UNANSWERED_SENDS,
      error: { code: 625, platform: 'bluesky' },
    });
    expect(await ledger(targetId)).toBeUndefined();
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
    await networkCreates(targetId);
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
    // Reconciled to the post the simulated network created, once: no second send.
    const { rows } = await t.herald.app.pool.query<{ id: string; network_post_id: string }>(
      "SELECT id, network_post_id FROM targets WHERE post_id = $1 AND platform = 'bluesky'",
      [res.body.id],
    );
    const bluesky = rows[0] as { id: string; network_post_id: string };
    expect(await ledger(bluesky.id)).toEqual({ network_post_id: bluesky.network_post_id, creates: 1 });
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
