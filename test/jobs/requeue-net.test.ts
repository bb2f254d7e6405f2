import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { claimTargets, REQUEUE_NET_MS, requeueAfter } from '../../src/db/targets.ts';
import { jobKey } from '../../src/jobs/queue.ts';
import { allowClaims, CLAIM_REFUSED, installClaimRefusal, refuseClaims } from '../helpers/claim-refusal.ts';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * A target sent back to the queue (requeueAfter: the account busy, a Retry-After, the
 * database away before the send, a reconcile that found nothing) keeps its next job on its
 * own row, written with the requeue, due REQUEUE_NET_MS after its retry time. The caller's
 * own job supersedes it; if the process stops between the requeue and that job, the
 * scheduler makes the job from the row instead of the target waiting for graphile-worker's
 * 4 h lock timeout.
 */

let t: TestHerald;
beforeAll(async () => {
  // Posts answer at once (pending): each test waits for the outcome it looks for.
  t = await startTestHerald({ env: { HERALD_POST_WAIT_MS: '0' } });
  await linkSandbox(t, ['telegram']);
  // The test takes a refused post's target out of the engine's hands before claiming it itself.
  await installClaimRefusal(t.herald.app.pool);
});
afterAll(() => t.stop());

const WAIT = { timeout: 20_000, interval: 100 };

interface TargetRow {
  id: string;
  state: string;
  job_due_in_ms: number | null;
  job_secrets: string | null;
}

async function targetOf(postId: string): Promise<TargetRow> {
  const { rows } = await t.herald.app.pool.query<TargetRow>(
    `SELECT id, state, (extract(epoch FROM job_due_at - now()) * 1000)::float8 AS job_due_in_ms, job_secrets
     FROM targets WHERE post_id = $1`,
    [postId],
  );
  if (!rows[0]) throw new Error(`no target for ${postId}`);
  return rows[0];
}

async function engineJobs(targetId: string): Promise<number> {
  const { rows } = await t.herald.app.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key = $1',
    [jobKey(targetId)],
  );
  return rows[0]?.n ?? 0;
}

/** A Telegram post's target claimed by the test itself (as a job's claim would), with no job left in the engine. */
async function claimedByTheTest(text: string): Promise<{ postId: string; targetId: string }> {
  await refuseClaims(t.herald.app.pool, text);
  const res = await t.request('POST', '/api/post', { post: text, platforms: ['telegram'] });
  expect(res.status).toBe(200);
  const postId = res.body.id as string;
  const { id: targetId } = await targetOf(postId);
  // Its job's first attempt was refused; the job is then taken away.
  await vi.waitFor(async () => {
    const { rows } = await t.herald.app.pool.query<{ last_error: string | null; locked: boolean }>(
      'SELECT last_error, locked_at IS NOT NULL AS locked FROM graphile_worker._private_jobs WHERE key = $1',
      [jobKey(targetId)],
    );
    expect(rows[0]?.last_error).toContain(CLAIM_REFUSED);
    expect(rows[0]?.locked).toBe(false);
  }, WAIT);
  await t.herald.app.pool.query('DELETE FROM graphile_worker._private_jobs WHERE key = $1', [
    jobKey(targetId),
  ]);
  await allowClaims(t.herald.app.pool, text);
  const [claim] = await claimTargets(t.herald.app.pool, [targetId], 60_000);
  expect(claim?.target.state).toBe('sending');
  return { postId, targetId };
}

async function creates(targetId: string): Promise<number | undefined> {
  const { rows } = await t.herald.app.pool.query<{ creates: number }>(
    'SELECT creates FROM sandbox_ledger WHERE target_id = $1',
    [targetId],
  );
  return rows[0]?.creates;
}

describe('a requeued target', () => {
  it('keeps its job on its row, due REQUEUE_NET_MS after its retry time, with its sealed secrets; a claim clears it', async () => {
    const { postId, targetId } = await claimedByTheTest('claimed, then requeued');
    const retryAt = new Date(Date.now() + 5_000);
    expect(await requeueAfter(t.herald.app.pool, targetId, retryAt, 'sealed-secrets')).toBe(true);
    const requeued = await targetOf(postId);
    expect(requeued.state).toBe('queued');
    expect(requeued.job_secrets).toBe('sealed-secrets');
    expect(requeued.job_due_in_ms).toBeGreaterThan(REQUEUE_NET_MS);
    expect(requeued.job_due_in_ms).toBeLessThanOrEqual(REQUEUE_NET_MS + 5_000);

    // Its retry time comes and a job claims it: the job on the row is void.
    await t.herald.app.pool.query('UPDATE targets SET next_attempt_at = now() WHERE id = $1', [targetId]);
    const [again] = await claimTargets(t.herald.app.pool, [targetId], 60_000);
    expect(again?.target.state).toBe('sending');
    const claimed = await targetOf(postId);
    expect(claimed.job_due_in_ms).toBeNull();
    expect(claimed.job_secrets).toBeNull();
  }, 30_000);

  it('whose process stopped before adding its job is published once by the scheduler, from its row', async () => {
    const { postId, targetId } = await claimedByTheTest('requeued, then its process stopped');
    // Requeued by a send that then stopped: the job its caller would add next never comes.
    expect(await requeueAfter(t.herald.app.pool, targetId, new Date())).toBe(true);
    expect(await engineJobs(targetId)).toBe(0);
    const requeued = await targetOf(postId);
    expect(requeued.state).toBe('queued');
    expect(requeued.job_due_in_ms).toBeGreaterThan(REQUEUE_NET_MS - 5_000);

    // REQUEUE_NET_MS later (its due time moved to now rather than waited for), the scheduler makes the job.
    const moved = await t.herald.app.pool.query(
      'UPDATE targets SET job_due_at = now() WHERE id = $1 AND job_due_at IS NOT NULL',
      [targetId],
    );
    expect(moved.rowCount).toBe(1);
    await vi.waitFor(async () => expect((await targetOf(postId)).state).toBe('published'), WAIT);
    expect(await creates(targetId)).toBe(1);
  }, 30_000);
});
