import type { AppContext } from '../app/context.ts';
import { expiredLeases } from '../db/targets.ts';
import { type CleanupReport, cleanupMedia } from '../media/media-cleanup.ts';
import { mediaService } from '../media/media-service.ts';
import { addPublishJob } from './queue.ts';

/** The hourly cron task that deletes old converted media (see sweepMedia). */
export const MEDIA_CLEANUP_TASK = 'media_cleanup';

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

/**
 * Runs every hour (its own cron item, not the minute sweep: listing a large bucket
 * must not hold up the re-queueing of dead senders): converted media older than
 * HERALD_MEDIA_RETENTION_MS are deleted from the store this process uses.
 */
export async function sweepMedia(app: AppContext, now?: number): Promise<CleanupReport> {
  const report = await cleanupMedia(mediaService(app).store, {
    retentionMs: app.config.media.retentionMs,
    ...(now === undefined ? {} : { now }),
  });
  if (report.deleted + report.leftovers > 0) app.log.info(report, 'deleted old converted media');
  return report;
}
