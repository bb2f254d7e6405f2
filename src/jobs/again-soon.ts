import { isTransientDbError, retryTransient } from '../db/transient.ts';

/** How long re-adding the job may keep trying while the database is away. */
const READD_WITHIN_MS = 10_000;

/**
 * A job of a target (its publish, its poll while pending, its first comment) that failed
 * for a transient database reason (the connection dropped, the server restarting, a
 * deadlock) goes again in about a second, as a fresh job (`add`), not through
 * graphile-worker's own retry. That one waits e^attempts seconds, and a job's attempts also
 * count each fetch whose runner a drop ended: a few drops in a row put a post minutes late
 * (148 s after a fifth), and at its last attempt (10 for a publish or a poll, 5 for a first
 * comment) the job is gone for good while its target is still waiting. Whatever the job had
 * done is in the database already (a target requeued, or `sending` under its lease for the
 * next job to reconcile; a comment's claim likewise): nothing is sent twice for it.
 *
 * The failed job is still failed to the engine afterwards (the caller rethrows), never
 * completed: graphile-worker completes a job by deleting its row by id alone, and a task
 * that returns once the database is back may belong to a pool abandoned meanwhile, whose job
 * has since been unlocked and re-armed in place (same id) by this very re-add; completing it
 * deleted that job and left its target queued with none (the likely cause of a
 * test/faults/database-restart failure while this returned normally). Failing is safe: the engine fails a job only while this pool still holds its lock. A
 * re-add that finds the job still locked makes a new one and retires the old (graphile-worker
 * `add_job`: key cleared, no retries left).
 *
 * True when the fresh job is in; false for any other error, or when the database stayed
 * away past READD_WITHIN_MS: the engine's back-off then applies to an outage that long.
 */
export async function againSoon(err: unknown, add: (at: Date) => Promise<void>): Promise<boolean> {
  if (!isTransientDbError(err)) return false;
  const at = () => new Date(Date.now() + 500 + Math.random() * 1000);
  try {
    await retryTransient(() => add(at()), Date.now() + READD_WITHIN_MS);
    return true;
  } catch {
    return false;
  }
}
