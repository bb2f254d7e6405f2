import type { AppContext } from '../app/context.ts';
import { expiredLeases } from '../db/targets.ts';
import { addPublishJob } from './queue.ts';

/**
 * Runs every minute (graphile-worker cron): a target still `sending` after its
 * lease belonged to a process that died mid-call; its job is re-added so it is
 * reconciled instead of waiting hours for the engine's own lock timeout.
 */
export async function sweepTargets(app: AppContext): Promise<number> {
  const ids = await expiredLeases(app.pool);
  for (const id of ids) await addPublishJob(app.pool, id);
  if (ids.length > 0) app.log.warn({ count: ids.length }, 're-queued targets whose sender died');
  return ids.length;
}
