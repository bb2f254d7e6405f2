import type { AppContext } from '../app/context.ts';
import { isTransientDbError, retryTransient } from '../db/transient.ts';
import { publishTarget } from './publish-target.ts';
import { addPublishJob } from './queue.ts';

/** The label of a direct send in `herald_jobs_total{task}`. */
export const DIRECT_TASK = 'publish_direct';

/**
 * How long a directly sent target's job waits on its row (`job_due_at`) before the
 * scheduler makes it: only if this process never claims the target (it stopped or
 * died between the accept's commit and the claim, or fell this far behind).
 */
export const DIRECT_FALLBACK_MS = 10_000;

/** Where a direct send that failed goes on: the engine's job, after about its first back-off (e^1 s). */
const RETRY_AFTER_MS = 3_000;
/** After a dropped database, as again-soon.ts re-adds a job. */
const DB_RETRY_AFTER_MS = 1_000;
/** How long handing a failed send to the engine keeps trying while the database is away. */
const HAND_OFF_WITHIN_MS = 60_000;

export interface DirectJob {
  targetId: string;
  sealedSecrets?: string | undefined;
}

/**
 * Immediate posts sent by the process that accepted them (issue 16), without a job in
 * graphile-worker's queue: no `add_jobs` in the accept, no notification, fetch or
 * completion. The accept writes each target with its job on its own row, due
 * DIRECT_FALLBACK_MS later, exactly as a scheduled target's (queue.ts `deferredUntil`);
 * once committed, this process runs the publish task itself, whose claim takes the
 * target and clears that due time in one statement. So the target is never without a
 * way forward: before the claim, its row's due time (the scheduler makes the job if
 * this process is gone); after it, its lease (the minute sweep). The claim is what
 * guards against a second send, as for a job: a late job, or two processes, find the
 * target taken and send nothing.
 *
 * A send that throws (an error of Herald's own, a dropped database) goes on as its job
 * would have after a failed first attempt: a publish job added a few seconds later, with
 * the engine's attempts and back-off from there.
 *
 * Worker processes only (an API-only process has no publish task), and at most `limit`
 * targets at a time (HERALD_WORKER_CONCURRENCY): past it, or while the process drains,
 * an accept gives its targets jobs in the engine's queue as before.
 */
export class DirectPublisher {
  private reserved = 0;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly app: AppContext,
    private readonly limit: number,
  ) {}

  /**
   * Room for `count` targets to be sent directly, taken now: released by `run` as each
   * send ends, or by `release` for targets that will not be sent here (the accept failed).
   */
  tryReserve(count: number): boolean {
    if (this.app.draining.value || this.reserved + count > this.limit) return false;
    this.reserved += count;
    return true;
  }

  release(count: number): void {
    this.reserved = Math.max(0, this.reserved - count);
  }

  /** Sends these committed targets now, each in its own task; returns at once. */
  run(jobs: readonly DirectJob[]): void {
    for (const job of jobs) {
      const sending: Promise<void> = this.send(job).finally(() => {
        this.running.delete(sending);
        this.release(1);
      });
      this.running.add(sending);
    }
  }

  /** Resolves when every send started here has ended (SIGTERM: after the API stopped taking posts). */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async send(job: DirectJob): Promise<void> {
    const { app } = this;
    try {
      await publishTarget(app, job.targetId, job.sealedSecrets);
      app.metrics.jobs.inc({ task: DIRECT_TASK, outcome: 'ok' });
    } catch (err) {
      const transient = isTransientDbError(err);
      app.metrics.jobs.inc({ task: DIRECT_TASK, outcome: transient ? 'db-retry' : 'error' });
      app.log.error(
        { err, task: DIRECT_TASK, targetId: job.targetId },
        'direct send failed; its publish job takes it up',
      );
      const at = new Date(Date.now() + (transient ? DB_RETRY_AFTER_MS : RETRY_AFTER_MS));
      await retryTransient(
        () => addPublishJob(app.pool, job.targetId, at, job.sealedSecrets),
        Date.now() + HAND_OFF_WITHIN_MS,
      ).catch((handOffErr: unknown) => {
        // Queued: its row's due time (requeueAfter) makes the job; sending: the lease sweep.
        app.log.error(
          { err: handOffErr, targetId: job.targetId },
          'could not give a failed direct send its publish job; the target row says what takes it up',
        );
      });
    }
  }
}
