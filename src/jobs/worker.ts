import { Logger, parseCronItems, type Runner, run, type Task, type WorkerEvents } from 'graphile-worker';
import type { AppContext } from '../app/context.ts';
import { againSoon } from './again-soon.ts';
import { isBatchSizeWarning, isFetchFailure, withLocalQueue } from './engine-fetch.ts';
import { firstComment, giveUpFirstComment } from './first-comment.ts';
import { giveUpPoll, pollTarget } from './poll-target.ts';
import { giveUpTarget, publishTarget } from './publish-target.ts';
import {
  addFirstCommentJob,
  addPollJob,
  addPublishJob,
  FIRST_COMMENT_TASK,
  POLL_TASK,
  PUBLISH_TASK,
  SWEEP_TASK,
} from './queue.ts';
import { REFRESH_TASK, refreshDueTokens } from './refresh-tokens.ts';
import { type RunnerHealth, sweepDeadPools } from './supervised-runner.ts';
import {
  JOBS_CLEANUP_TASK,
  MEDIA_CLEANUP_TASK,
  sweepComments,
  sweepGivenUpJobs,
  sweepMedia,
  sweepTargets,
} from './sweep.ts';

function targetIdOf(payload: unknown): string {
  const id = (payload as { targetId?: unknown } | null)?.targetId;
  if (typeof id !== 'string') throw new Error('publish job without targetId');
  return id;
}

function sealedSecretsOf(payload: unknown): string | undefined {
  const sealed = (payload as { secrets?: unknown } | null)?.secrets;
  return typeof sealed === 'string' ? sealed : undefined;
}

/**
 * Jobs are completed and failed in batches (a tick's worth in one statement). Besides the
 * round trips it saves, this is what keeps a dropped database connection from killing
 * the process: graphile-worker 0.17 calls its unbatched completeJob/failJob without
 * awaiting them (an unhandled rejection ends Node), while a failed batch shuts its pool
 * down cleanly, which the supervisor (supervised-runner.ts) turns into a restart.
 */
export const ENGINE_PRESET = { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } };

/**
 * graphile-worker's start-up warning that its pool is smaller than its concurrency (its meta
 * is exactly `{max, concurrency}`): by design here. A Herald job holds no engine connection
 * while it waits on a network; the engine's pool serves only fetching and completing jobs.
 */
function poolSmallerThanConcurrency(meta: unknown): boolean {
  const keys = Object.keys((meta ?? {}) as object).sort();
  return keys.length === 2 && keys[0] === 'concurrency' && keys[1] === 'max';
}

/**
 * graphile-worker's warnings about Herald's own choices, logged as debug: its pool smaller
 * than its concurrency, and its local queue's batch smaller than its concurrency
 * (engine-fetch.ts isBatchSizeWarning).
 */
function byDesign(message: string, meta: unknown): boolean {
  return poolSmallerThanConcurrency(meta) || isBatchSizeWarning(message);
}

/**
 * graphile-worker's messages through Herald's logger, one line each: a job is named by
 * its id, task and attempt, never dumped whole (its payload may carry sealed secrets and
 * is noise). Its per-job chatter ("Completed task 7 …", every minute for the sweep) is
 * debug; Herald logs each publish outcome itself, once.
 */
export function workerLogger(app: AppContext, component = 'worker', health?: RunnerHealth): Logger {
  const log = app.log.child({ component });
  return new Logger(() => (level, message, meta) => {
    // graphile-worker says a fetch failed only in its log (supervised-runner.ts counts them).
    if (level === 'error' && isFetchFailure(message)) health?.fetchFailed();
    const { job, ...rest } = (meta ?? {}) as {
      job?: { id?: string; task_identifier?: string; attempts?: number };
    };
    const fields = job ? { ...rest, jobId: job.id, task: job.task_identifier, attempt: job.attempts } : rest;
    if (level === 'error') log.error(fields, message);
    else if (level === 'warning' && byDesign(message, meta)) log.debug(fields, message);
    else if (level === 'warning') log.warn(fields, message);
    else if (level === 'info' && !job) log.info(fields, message);
    else log.debug(fields, message);
  });
}

/**
 * A job of one target (its publish, its poll while pending, its first comment), counted by
 * outcome. On a transient database error it is re-added a second later (again-soon.ts) and
 * then fails to the engine all the same: never completed by a pool that may be stale. Any
 * other error is the engine's to retry with its back-off; on the job's last attempt,
 * `giveUp` first records the end (a publish's queued target fails, a pending target is
 * recorded unconfirmed, a first comment never claimed is recorded as failed), so nothing waits
 * for good unreported.
 */
function targetTask(
  app: AppContext,
  task: string,
  job: {
    run: (targetId: string, secrets: string | undefined, job: { id: string }) => Promise<void>;
    readd: (targetId: string, secrets: string | undefined, at: Date) => Promise<void>;
    giveUp?: (targetId: string, job: { id: string; attempts: number }) => Promise<unknown>;
  },
): Task {
  return async (payload, helpers) => {
    const targetId = targetIdOf(payload);
    const secrets = sealedSecretsOf(payload);
    try {
      await job.run(targetId, secrets, { id: helpers.job.id });
      app.metrics.jobs.inc({ task, outcome: 'ok' });
    } catch (err) {
      if (await againSoon(err, (at) => job.readd(targetId, secrets, at))) {
        app.metrics.jobs.inc({ task, outcome: 'db-retry' });
        app.log.warn(
          { error: (err as Error).message, task, targetId },
          'job met a database error; again in a second',
        );
        throw err;
      }
      const { id, attempts, max_attempts } = helpers.job;
      const last = attempts >= max_attempts;
      app.metrics.jobs.inc({ task, outcome: last ? 'given-up' : 'error' });
      app.log.error(
        { err, task, targetId, jobId: id, attempt: attempts, maxAttempts: max_attempts },
        last ? 'job failed on its last attempt' : 'job failed; the engine retries it',
      );
      if (last && job.giveUp)
        await job.giveUp(targetId, { id, attempts }).catch((giveUpErr: unknown) => {
          // A publish's target stays queued: the minute sweep gives it a new job (rearmGivenUpPublishJobs).
          app.log.error({ err: giveUpErr, task, targetId }, 'could not give up the target');
        });
      throw err;
    }
  };
}

/**
 * The worker role: graphile-worker on the same database. Stopping it waits for
 * running jobs, so a target being sent finishes (or, past the grace period, its
 * lease expires and the sweep reconciles it): never lost.
 */
export async function startWorker(
  app: AppContext,
  events?: WorkerEvents,
  health?: RunnerHealth,
): Promise<Runner> {
  return run({
    pgPool: app.enginePool ?? app.pool,
    ...(events ? { events } : {}),
    // Due jobs fetched once for all idle slots, at most 32 at a time (engine-fetch.ts).
    preset: withLocalQueue(ENGINE_PRESET, app.config.workerConcurrency),
    concurrency: app.config.workerConcurrency,
    noHandleSignals: true,
    pollInterval: 2000,
    logger: workerLogger(app, 'worker', health),
    parsedCronItems: parseCronItems([
      { task: SWEEP_TASK, match: '* * * * *', identifier: SWEEP_TASK },
      // Once an hour for the whole cluster (graphile-worker's cron runs each tick once).
      { task: MEDIA_CLEANUP_TASK, match: '0 * * * *', identifier: MEDIA_CLEANUP_TASK },
      { task: JOBS_CLEANUP_TASK, match: '30 * * * *', identifier: JOBS_CLEANUP_TASK },
      // Access tokens renewed at about 80 % of their life, once per account at a time.
      { task: REFRESH_TASK, match: '* * * * *', identifier: REFRESH_TASK },
    ]),
    taskList: {
      [PUBLISH_TASK]: targetTask(app, PUBLISH_TASK, {
        run: (targetId, secrets) => publishTarget(app, targetId, secrets),
        readd: (targetId, secrets, at) => addPublishJob(app.pool, targetId, at, secrets),
        giveUp: (targetId, job) => giveUpTarget(app, targetId, job),
      }),
      [POLL_TASK]: targetTask(app, POLL_TASK, {
        run: (targetId, _secrets, job) => pollTarget(app, targetId, job),
        readd: (targetId, _secrets, at) => addPollJob(app.pool, targetId, at),
        giveUp: (targetId, job) => giveUpPoll(app, targetId, job),
      }),
      [FIRST_COMMENT_TASK]: targetTask(app, FIRST_COMMENT_TASK, {
        run: (targetId, secrets) => firstComment(app, targetId, secrets),
        readd: (targetId, secrets, at) => addFirstCommentJob(app.pool, targetId, secrets, at),
        giveUp: (targetId, job) => giveUpFirstComment(app, targetId, job),
      }),
      [SWEEP_TASK]: async () => {
        await sweepDeadPools(app);
        await sweepTargets(app);
        await sweepComments(app);
        app.metrics.jobs.inc({ task: SWEEP_TASK, outcome: 'ok' });
      },
      [REFRESH_TASK]: async () => {
        // Not rethrown: a failed run is the next minute's to retry, never two runs at once.
        try {
          const run = await refreshDueTokens(app);
          if (run.renewed + run.failed + run.expired > 0) app.log.info({ ...run }, 'token refresh run');
          app.metrics.jobs.inc({ task: REFRESH_TASK, outcome: 'ok' });
        } catch (err) {
          app.metrics.jobs.inc({ task: REFRESH_TASK, outcome: 'error' });
          app.log.error({ err }, 'token refresh run failed; the next minute tries again');
        }
      },
      [JOBS_CLEANUP_TASK]: async () => {
        // Not rethrown, as the media cleanup: the next hour's run deletes what this one did not.
        try {
          await sweepGivenUpJobs(app);
          app.metrics.jobs.inc({ task: JOBS_CLEANUP_TASK, outcome: 'ok' });
        } catch (err) {
          app.metrics.jobs.inc({ task: JOBS_CLEANUP_TASK, outcome: 'error' });
          app.log.error({ err }, 'jobs cleanup failed; the next hour tries again');
        }
      },
      [MEDIA_CLEANUP_TASK]: async () => {
        // Not rethrown: the engine's retries would overlap the next hour's run, which retries anyway.
        try {
          await sweepMedia(app);
          app.metrics.jobs.inc({ task: MEDIA_CLEANUP_TASK, outcome: 'ok' });
        } catch (err) {
          app.metrics.jobs.inc({ task: MEDIA_CLEANUP_TASK, outcome: 'error' });
          app.log.error({ err }, 'media cleanup failed; the next hour tries again');
        }
      },
    },
  });
}
