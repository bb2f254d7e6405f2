import type { AppContext } from '../app/context.ts';
import { isTransientDbError, retryTransient } from '../db/transient.ts';
import { addPublishJob } from './queue.ts';

/** How long re-adding the job may keep trying while the database is away. */
const READD_WITHIN_MS = 10_000;

/**
 * A publish job that failed for a transient database reason (the connection dropped, the
 * server restarting, a deadlock) goes again in about a second, as a fresh job, not through
 * graphile-worker's own retry. That one waits e^attempts seconds, and a job's attempts also
 * count each fetch whose runner a drop ended: a few drops in a row put a post minutes late
 * (148 s after a fifth), and ten end its job for good with the target still queued.
 * Whatever the job had done is in the database already (the target requeued, or `sending`
 * under its lease for the next job to reconcile); nothing was sent twice for it.
 *
 * True when the fresh job is in; false for any other error, or when the database stayed
 * away past READD_WITHIN_MS: the engine's back-off then applies to an outage that long.
 */
export async function publishAgainSoon(
  app: AppContext,
  targetId: string,
  sealedSecrets: string | undefined,
  err: unknown,
): Promise<boolean> {
  if (!isTransientDbError(err)) return false;
  const at = () => new Date(Date.now() + 500 + Math.random() * 1000);
  try {
    await retryTransient(
      () => addPublishJob(app.pool, targetId, at(), sealedSecrets),
      Date.now() + READD_WITHIN_MS,
    );
    return true;
  } catch {
    return false;
  }
}
