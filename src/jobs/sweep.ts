import { reconcileComment } from '../app/comments/reconcile-comment.ts';
import type { AppContext } from '../app/context.ts';
import { expiredCommentLeases } from '../db/comments.ts';
import { dropExpiredUploads, forgetMediaFiles, keptMediaFiles } from '../db/media.ts';
import { expiredLeases } from '../db/targets.ts';
import { type CleanupReport, cleanupMedia } from '../media/media-cleanup.ts';
import { mediaService } from '../media/media-service.ts';
import { giveUpPoll } from './poll-target.ts';
import {
  addFirstCommentJob,
  addPublishJob,
  deleteGivenUpJobs,
  givenUpPollJobs,
  rearmGivenUpPublishJobs,
} from './queue.ts';

/** The hourly cron task that deletes old converted media (see sweepMedia). */
export const MEDIA_CLEANUP_TASK = 'media_cleanup';
/** The hourly cron task that deletes the rows of jobs the engine gave up on (see sweepGivenUpJobs). */
export const JOBS_CLEANUP_TASK = 'jobs_cleanup';
/** How long the row of a job the engine gave up on is kept (its last error) before it is deleted. */
export const GIVEN_UP_JOBS_KEPT_MS = 7 * 24 * 3_600_000;

/**
 * Runs every minute (graphile-worker cron): a target still `sending` after its
 * lease belonged to a process that died mid-call; its job is re-added so it is
 * reconciled instead of waiting hours for the engine's own lock timeout. A target still
 * `queued` whose job the engine gave up on gets its job again (rearmGivenUpPublishJobs); one
 * still `pending` whose poll job it gave up on is recorded unconfirmed (giveUpPoll).
 */
export async function sweepTargets(app: AppContext): Promise<number> {
  const ids = await expiredLeases(app.pool);
  for (const id of ids) await addPublishJob(app.pool, id);
  if (ids.length > 0) app.log.warn({ count: ids.length }, 're-queued targets whose sender died');
  const rearmed = await rearmGivenUpPublishJobs(app.pool);
  if (rearmed.length > 0)
    app.log.warn(
      { count: rearmed.length },
      'gave a new publish job to queued targets whose job had run out of attempts',
    );
  let stopped = 0;
  for (const poll of await givenUpPollJobs(app.pool)) {
    if (await giveUpPoll(app, poll.targetId, { id: poll.jobId, attempts: poll.attempts })) stopped += 1;
  }
  return ids.length + rearmed.length + stopped;
}

/**
 * Comments still `sending` past their lease: the process died between the network's
 * answer and its record. A first comment goes back to its job (which reconciles it);
 * any other is reconciled here. Neither is ever sent again on a guess.
 */
export async function sweepComments(app: AppContext): Promise<number> {
  const rows = await expiredCommentLeases(app.pool);
  for (const row of rows) {
    if (row.kind === 'first' && row.targetId) await addFirstCommentJob(app.pool, row.targetId);
    else await reconcileComment(app, row, 'the sender stopped before recording the answer');
  }
  if (rows.length > 0) app.log.warn({ count: rows.length }, 'reconciled comments whose sender died');
  return rows.length;
}

/**
 * Runs every hour (its own cron item, not the minute sweep: listing a large bucket
 * must not hold up the re-queueing of dead senders): converted media older than
 * HERALD_MEDIA_RETENTION_MS are deleted from the store this process uses.
 */
export async function sweepMedia(app: AppContext, now?: number): Promise<CleanupReport> {
  const at = new Date(now ?? Date.now());
  await dropExpiredUploads(app.pool, at);
  // Read before listing: a file uploaded meanwhile is younger than the retention anyway.
  const kept = await keptMediaFiles(app.pool, at);
  const deleted: string[] = [];
  const report = await cleanupMedia(mediaService(app).store, {
    retentionMs: app.config.media.retentionMs,
    kept,
    onDeleted: (name) => deleted.push(name),
    ...(now === undefined ? {} : { now }),
  });
  await forgetMediaFiles(app.pool, deleted);
  if (report.deleted + report.leftovers > 0)
    app.log.info({ deleted: report.deleted, leftovers: report.leftovers }, 'deleted old media');
  return report;
}

/**
 * Runs every hour: deletes the rows of jobs graphile-worker gave up on more than
 * GIVEN_UP_JOBS_KEPT_MS ago (queue.ts deleteGivenUpJobs), so a long-lived database does not
 * keep one row for every job that ever ran out of attempts.
 */
export async function sweepGivenUpJobs(app: AppContext, now = Date.now()): Promise<number> {
  const deleted = await deleteGivenUpJobs(app.pool, new Date(now - GIVEN_UP_JOBS_KEPT_MS));
  if (deleted > 0) app.log.info({ deleted }, 'deleted the rows of jobs given up more than 7 days ago');
  return deleted;
}
