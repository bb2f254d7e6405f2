import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/database.ts';
import { unlockLostJobs } from './worker-pools.ts';

/**
 * A live pool gives back the jobs it locked but does not hold: those a fetch locked and
 * whose answer never came back. Everything else stays locked: what it runs or finished
 * lately, what it locked moments ago (still on its way), and any other pool's jobs.
 */

let db: pg.Client;

beforeAll(async () => {
  db = new pg.Client({ connectionString: await createTestDatabase() });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
});

/** A job locked by `pool`, `ageS` seconds ago, after one counted attempt; its id. */
async function lockedJob(name: string, pool: string, ageS: number): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT (graphile_worker.add_job('lost_jobs_test', json_build_object('name', $1::text), job_key => $1)).id`,
    [name],
  );
  const id = rows[0]?.id as string;
  await db.query(
    `UPDATE graphile_worker._private_jobs SET locked_by = $2, locked_at = now() - make_interval(secs => $3),
            attempts = 1 WHERE id = $1`,
    [id, pool, ageS],
  );
  return id;
}

const CASES = [
  {
    name: 'locked by this pool 2 min ago, not held (its fetch answer lost)',
    pool: 'mine',
    ageS: 120,
    held: false,
    unlocked: true,
  },
  {
    name: 'locked by this pool 2 min ago, running or finished lately',
    pool: 'mine',
    ageS: 120,
    held: true,
    unlocked: false,
  },
  {
    name: 'locked by this pool 5 s ago (on its way to a slot)',
    pool: 'mine',
    ageS: 5,
    held: false,
    unlocked: false,
  },
  {
    name: "locked by another pool 2 min ago (that pool's to give back)",
    pool: 'theirs',
    ageS: 120,
    held: false,
    unlocked: false,
  },
];

describe('unlockLostJobs', () => {
  it('unlocks exactly the old locks of its pools that it does not hold, giving back their attempt', async () => {
    const ids = new Map<string, string>();
    for (const c of CASES) ids.set(c.name, await lockedJob(c.name, c.pool, c.ageS));
    const held = CASES.filter((c) => c.held).map((c) => ids.get(c.name) as string);
    expect(await unlockLostJobs(db, ['mine', 'mine-too'], held)).toBe(1);
    const { rows } = await db.query<{ id: string; locked_by: string | null; attempts: number }>(
      'SELECT id::text, locked_by, attempts FROM graphile_worker._private_jobs WHERE id = ANY($1::bigint[])',
      [[...ids.values()]],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const c of CASES) {
      const row = byId.get(ids.get(c.name) as string);
      expect({ case: c.name, locked: row?.locked_by !== null, attempts: row?.attempts }).toEqual({
        case: c.name,
        locked: !c.unlocked,
        attempts: c.unlocked ? 0 : 1,
      });
    }
    // Nothing is left to give back; with no live pool it asks nothing.
    expect(await unlockLostJobs(db, ['mine'], held)).toBe(0);
    expect(await unlockLostJobs(db, [], [])).toBe(0);
  });
});
