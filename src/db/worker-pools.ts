import os from 'node:os';
import type { Queryable } from './pool.ts';

/** A pool that has not refreshed its row for this long is taken for dead. */
export const POOL_STALE_MS = 30_000;

/**
 * A job a live pool locked this long ago that it neither runs nor finished lately was
 * never received: the answer of the fetch that locked it was lost (unlockLostJobs).
 */
export const LOST_JOB_MS = 60_000;

/** This process's live pools: inserted, or refreshed when they exist. */
export async function heartbeatPools(
  db: Queryable,
  pools: readonly { id: string; role: string }[],
): Promise<void> {
  if (pools.length === 0) return;
  await db.query(
    `INSERT INTO herald_worker_pools (id, role, host, pid)
     SELECT id, role, $3, $4 FROM unnest($1::text[], $2::text[]) AS p (id, role)
     ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()`,
    [pools.map((p) => p.id), pools.map((p) => p.role), os.hostname(), process.pid],
  );
}

export async function forgetPool(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM herald_worker_pools WHERE id = $1', [id]);
}

/**
 * Unlocks every job held by a pool that is not alive (no fresh heartbeat), through
 * graphile-worker's own `force_unlock_workers`; forgets pools long dead. Jobs locked
 * only moments ago are left alone: their pool may not have sent its first heartbeat yet.
 * Returns the pools whose jobs were unlocked.
 */
export async function unlockDeadPools(db: Queryable, staleMs = POOL_STALE_MS): Promise<string[]> {
  const { rows } = await db.query<{ locked_by: string }>(
    `SELECT DISTINCT j.locked_by FROM graphile_worker.jobs j
     WHERE j.locked_by IS NOT NULL AND j.locked_at < now() - make_interval(secs => $1::double precision / 1000)
       AND NOT EXISTS (
         SELECT 1 FROM herald_worker_pools p
         WHERE p.id = j.locked_by AND p.heartbeat_at > now() - make_interval(secs => $1::double precision / 1000))`,
    [staleMs],
  );
  const dead = rows.map((r) => r.locked_by);
  if (dead.length > 0) await db.query('SELECT graphile_worker.force_unlock_workers($1::text[])', [dead]);
  await db.query(`DELETE FROM herald_worker_pools WHERE heartbeat_at < now() - interval '1 day'`);
  return dead;
}

/**
 * Unlocks the jobs these live pools (this process's) locked over `lostAfterMs` ago that
 * they do not hold: neither running nor finished lately (`heldJobIds`). A fetch locks its
 * jobs in the statement that answers them; when that answer is lost (the connection
 * dropped after the commit), graphile-worker logs the error and goes on with the same
 * pool, whose heartbeat stays fresh, so the dead-pool sweep never frees them and the
 * engine's own timeout is 4 hours. Done as graphile-worker's returnJobs does it: the
 * attempt the fetch counted is given back, as the job never ran. Returns how many.
 */
export async function unlockLostJobs(
  db: Queryable,
  poolIds: readonly string[],
  heldJobIds: readonly string[],
  lostAfterMs = LOST_JOB_MS,
): Promise<number> {
  if (poolIds.length === 0) return 0;
  const { rows } = await db.query<{ n: number }>(
    `WITH lost AS (
       UPDATE graphile_worker._private_jobs
       SET attempts = GREATEST(0, attempts - 1), locked_by = NULL, locked_at = NULL
       WHERE locked_by = ANY($1::text[])
         AND locked_at < now() - make_interval(secs => $3::double precision / 1000)
         AND NOT (id = ANY($2::bigint[]))
       RETURNING job_queue_id
     ), queues AS (
       UPDATE graphile_worker._private_job_queues
       SET locked_by = NULL, locked_at = NULL
       WHERE locked_by = ANY($1::text[]) AND id IN (SELECT job_queue_id FROM lost)
     )
     SELECT count(*)::int AS n FROM lost`,
    [poolIds, heldJobIds, lostAfterMs],
  );
  return rows[0]?.n ?? 0;
}
