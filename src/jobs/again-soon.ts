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
