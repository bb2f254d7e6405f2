import os from 'node:os';
import type { Queryable } from './pool.ts';

/** A pool that has not refreshed its row for this long is taken for dead. */
export const POOL_STALE_MS = 30_000;

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
