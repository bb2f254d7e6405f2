import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GIVEN_UP_JOBS_KEPT_MS, sweepGivenUpJobs } from '../../src/jobs/sweep.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * The hourly `jobs_cleanup`: graphile-worker keeps the row of a job it gave up on (out of
 * attempts) for good; Herald deletes it once it is a week old, and nothing else.
 */

let api: TestHerald; // no worker: the cleanup is called by hand

beforeAll(async () => {
  api = await startTestHerald({ role: 'api' });
});
afterAll(async () => {
  await api?.stop();
});

const DAY = 24 * 3_600_000;

/** One job (task `cleanup_probe`), then its attempts, lock and last change set as given. */
async function job(
  key: string,
  state: { attempts: number; maxAttempts: number; locked: boolean; changedMsAgo: number },
): Promise<void> {
  const db = api.herald.app.pool;
  await db.query(
    `SELECT graphile_worker.add_job('cleanup_probe', '{}'::json, job_key => $1, max_attempts => $2)`,
    [key, state.maxAttempts],
  );
  await db.query(
    `UPDATE graphile_worker._private_jobs
     SET attempts = $2, locked_at = CASE WHEN $3 THEN now() END, locked_by = CASE WHEN $3 THEN 'probe' END,
         updated_at = now() - make_interval(secs => $4 / 1000.0)
     WHERE key = $1`,
    [key, state.attempts, state.locked, state.changedMsAgo],
  );
}

async function keys(): Promise<string[]> {
  const { rows } = await api.herald.app.pool.query<{ key: string }>(
    `SELECT key FROM graphile_worker._private_jobs
     WHERE task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'cleanup_probe')
     ORDER BY key`,
  );
  return rows.map((r) => r.key);
}

describe('sweepGivenUpJobs', () => {
  it('deletes the jobs given up on more than a week ago, and keeps every other', async () => {
    const week = GIVEN_UP_JOBS_KEPT_MS;
    await job('a-given-up-8-days-ago', {
      attempts: 10,
      maxAttempts: 10,
      locked: false,
      changedMsAgo: 8 * DAY,
    });
    await job('b-given-up-yesterday', { attempts: 5, maxAttempts: 5, locked: false, changedMsAgo: DAY });
    await job('c-out-of-attempts-but-running', {
      attempts: 5,
      maxAttempts: 5,
      locked: true,
      changedMsAgo: 8 * DAY,
    });
    await job('d-attempts-left', { attempts: 3, maxAttempts: 10, locked: false, changedMsAgo: 8 * DAY });
    await job('e-given-up-just-under-a-week', {
      attempts: 1,
      maxAttempts: 1,
      locked: false,
      changedMsAgo: week - 60_000,
    });

    expect(await sweepGivenUpJobs(api.herald.app)).toBe(1);
    expect(await keys()).toEqual([
      'b-given-up-yesterday',
      'c-out-of-attempts-but-running',
      'd-attempts-left',
      'e-given-up-just-under-a-week',
    ]);
    // Two minutes later by the clock, the one given up just under a week ago is due too.
    expect(await sweepGivenUpJobs(api.herald.app, Date.now() + 120_000)).toBe(1);
    expect(await keys()).not.toContain('e-given-up-just-under-a-week');
  });
});
