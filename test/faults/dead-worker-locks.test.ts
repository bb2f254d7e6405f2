import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { enqueuePublishJobs, PUBLISH_TASK } from '../../src/jobs/queue.ts';
import { sweepDeadPools } from '../../src/jobs/supervised-runner.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * A worker killed after graphile-worker locked a job but before the target was claimed
 * left the job locked for graphile-worker's 4-hour lock timeout, and the target `queued`.
 * Live pools refresh a heartbeat; the minute sweep unlocks the jobs of pools that stopped.
 * A live pool whose fetch answer was lost (the connection dropped after the fetch locked
 * its jobs) gives them back itself, with its heartbeat.
 */

let api: TestHerald;
let worker: TestHerald | undefined;
let db: pg.Client;

beforeAll(async () => {
  const databaseUrl = await createTestDatabase();
  api = await startTestHerald({ databaseUrl, role: 'api', env: { HERALD_POST_WAIT_MS: '0' } });
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  await linkSandbox(api, ['facebook']);
});
afterAll(async () => {
  await worker?.stop();
  await api.stop();
  await db.end();
});

async function targetState(postId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ state: string }>('SELECT state FROM targets WHERE post_id = $1', [
    postId,
  ]);
  return rows[0]?.state;
}

describe('a job locked by a worker that died', () => {
  it('is unlocked by the sweep once its pool stops its heartbeat, and its target published', async () => {
    const res = await api.request('POST', '/api/post', {
      post: 'locked by the dead',
      platforms: ['facebook'],
    });
    const postId = res.body.id as string;
    // What a kill -9 between the lock and the claim leaves: the job locked by a pool that is
    // about to go silent (its heartbeat row still fresh, as in the seconds after the kill).
    await db.query(
      `INSERT INTO herald_worker_pools (id, role, host, pid) VALUES ('pool-killed', 'worker', 'gone', 1)`,
    );
    const locked = await db.query(
      `UPDATE graphile_worker._private_jobs SET locked_by = 'pool-killed', locked_at = now() - interval '2 minutes'
       WHERE task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'publish_target')`,
    );
    expect(locked.rowCount).toBe(1);
    worker = await startTestHerald({ databaseUrl: api.databaseUrl, role: 'worker' });
    // While the pool's heartbeat is fresh its lock is respected (graphile-worker alone would keep it 4 hours).
    expect(await sweepDeadPools(worker.herald.app)).toBe(0);
    expect(await targetState(postId)).toBe('queued');
    // The heartbeat goes stale: the sweep unlocks the job and a live worker sends it.
    await db.query(
      `UPDATE herald_worker_pools SET heartbeat_at = now() - interval '1 minute' WHERE id = 'pool-killed'`,
    );
    // (The worker's own minute sweep may get there first: either way the job is unlocked.)
    expect(await sweepDeadPools(worker.herald.app)).toBeLessThanOrEqual(1);
    await vi.waitFor(async () => expect(await targetState(postId)).toBe('published'), { timeout: 15_000 });
  });

  it('a live pool (fresh heartbeat) keeps its locks', async () => {
    const { rows } = await db.query<{ id: string }>('SELECT id FROM herald_worker_pools');
    expect(rows.length).toBeGreaterThan(0);
    expect(await sweepDeadPools(worker!.herald.app)).toBe(0);
  });

  it('a job a live pool locked but never received (its fetch answer lost) is given back by that pool, and its target published', async () => {
    // Parked an hour ahead, so no worker fetches it before it is locked below.
    const res = await api.request('POST', '/api/post', {
      post: 'locked by a fetch whose answer was lost',
      platforms: ['facebook'],
      scheduleDate: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(res.status).toBe(200);
    const postId = res.body.id as string;
    const { rows: pools } = await db.query<{ id: string }>(
      `SELECT id FROM herald_worker_pools WHERE role = 'worker' AND id <> 'pool-killed'`,
    );
    expect(pools.length).toBe(1);
    const livePool = pools[0]?.id as string;
    // Due now, handed to the engine and locked by the live pool in one transaction (its
    // notification comes at the commit, when the job is no longer free to fetch): what a
    // fetch whose answer the connection cut leaves.
    await db.query('BEGIN');
    const { rows: targets } = await db.query<{ id: string }>(
      `UPDATE targets SET job_due_at = NULL, job_secrets = NULL WHERE post_id = $1 RETURNING id`,
      [postId],
    );
    await db.query('UPDATE posts SET due_at = now(), schedule_date = now() WHERE id = $1', [postId]);
    await enqueuePublishJobs(db, [{ targetId: targets[0]?.id as string }]);
    const locked = await db.query(
      `UPDATE graphile_worker._private_jobs SET locked_by = $1, locked_at = now() - interval '2 minutes', attempts = 1
       WHERE task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = $2) AND locked_by IS NULL`,
      [livePool, PUBLISH_TASK],
    );
    await db.query('COMMIT');
    expect(locked.rowCount).toBe(1);
    // The pool is alive (fresh heartbeat): no sweep of dead pools frees it.
    expect(await sweepDeadPools(worker!.herald.app)).toBe(0);
    expect(await targetState(postId)).toBe('queued');
    // Its next heartbeat (every 10 s) gives it back; the engine's next poll sends it.
    await vi.waitFor(async () => expect(await targetState(postId)).toBe('published'), { timeout: 25_000 });
  }, 40_000);
});
