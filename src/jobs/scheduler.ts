import type pg from 'pg';
import type { Logger } from '../ops/logger.ts';
import { handOverDueJobs } from './queue.ts';

export interface SchedulerOptions {
  /** Two hand-overs start at least this far apart while posts keep falling due (batching). */
  minGapMs: number;
  /** The longest sleep: a post accepted by another process for sooner is seen this late at most. */
  idleMs: number;
  /**
   * The engine's runnable jobs not yet taken that a hand-over fills up to: past it, due
   * targets wait in their index (due order) until the workers take what is queued.
   */
  depth: number;
}

export const SCHEDULER_DEFAULTS: SchedulerOptions = { minGapMs: 50, idleMs: 500, depth: 400 };

/**
 * Hands scheduled targets to graphile-worker when they fall due (issue 16). A scheduled
 * target keeps its due time on its own row (`targets.job_due_at`, indexed) instead of a
 * job row in the engine's queue; each step here turns the due ones into jobs in one
 * statement (queue.ts handOverDueJobs), keeping the engine's queue of jobs not yet taken
 * at most `depth` deep, and learns when the next falls due.
 * It then sleeps until that instant, but at least `minGapMs` and at most `idleMs`, so a
 * post starts within about `minGapMs` of its time and a quiet database sees two cheap
 * index probes a second. A job is made at its due time, not ahead of it: graphile-worker's
 * insert notification is what wakes the workers, and a job made early would wake them for
 * nothing and then wait for the engine's 2 s poll (which is what made posts up to 2 s late).
 *
 * Every worker process runs one; several take disjoint rows (SKIP LOCKED). A post accepted
 * by this process for sooner than the next step wakes it (`dueAt`). A database error is
 * logged once and retried every `idleMs`: it never ends the process.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private wakeAt = Number.POSITIVE_INFINITY;
  private step: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private failing = false;

  constructor(
    private readonly db: pg.Pool,
    private readonly log: Logger,
    private readonly options: SchedulerOptions = SCHEDULER_DEFAULTS,
  ) {}

  start(): void {
    this.sleep(0);
  }

  /** A target of this process falls due at `at`: the scheduler is awake by then. */
  dueAt(at: Date): void {
    if (this.stopped) return;
    if (this.step) {
      this.again = true;
      return;
    }
    const wait = Math.max(0, at.getTime() - Date.now());
    if (Date.now() + wait < this.wakeAt) this.sleep(wait);
  }

  /** Stops stepping; waits for a step under way, at most `graceMs` (a hung database). */
  async stop(graceMs = 5000): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.race([this.step, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
  }

  private sleep(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.wakeAt = Date.now() + ms;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.step = this.handOver().finally(() => {
        this.step = undefined;
      });
    }, ms);
    this.timer.unref();
  }

  private async handOver(): Promise<void> {
    if (this.stopped) return;
    const started = Date.now();
    this.again = false;
    let next = this.options.idleMs;
    try {
      const { handedOver, moreDue, nextDueInMs } = await handOverDueJobs(this.db, this.options.depth);
      if (this.failing) this.log.info('scheduler reaches the database again');
      this.failing = false;
      if (handedOver > 0) this.log.debug({ handedOver }, 'scheduled targets handed to the worker');
      if (this.again || moreDue) next = 0;
      else if (nextDueInMs !== null) next = Math.min(nextDueInMs, this.options.idleMs);
      // Batching (and, behind, room for the workers to take what is queued): the next step
      // starts minGapMs after this one started, not sooner.
      next = Math.max(next, this.options.minGapMs - (Date.now() - started));
    } catch (err) {
      if (!this.failing)
        this.log.warn(
          { error: (err as Error).message, code: (err as { code?: string }).code },
          'scheduler cannot reach the database; retrying',
        );
      this.failing = true;
    }
    if (!this.stopped) this.sleep(Math.max(0, next));
  }
}
