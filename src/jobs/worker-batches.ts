import type pg from 'pg';
import { Batcher, type BatchOptions } from '../db/batcher.ts';
import { listTargets, type TargetRecord, targetsByPost } from '../db/posts.ts';
import { recordSandboxCreates, type SandboxCreate } from '../db/sandbox-ledger.ts';
import {
  type BudgetAsk,
  type BudgetUsage,
  budgetUsages,
  type Claim,
  claimTargets,
  markPublishedMany,
  type ProgressSave,
  type PublishedSettle,
  saveProgress,
} from '../db/targets.ts';
import { isTransientDbError } from '../db/transient.ts';

/**
 * The worker's statements, batched (src/db/batcher.ts). graphile-worker hands a process up
 * to 32 jobs per fetch (engine-fetch.ts) and their publish jobs start in the same turn of the
 * event loop, so what they each write or read at the same step goes as one statement instead
 * of one each. Each statement is atomic: a batch that failed did nothing, so its items are run
 * again one by one (only the one that made it fail fails, as alone), except when the database
 * is away, which fails each of them as it would have alone. Each caller hears of its item only
 * once the statement has committed.
 */
export interface WorkerBatches {
  /** Claims (claimTargets): each target claimed, or not, exactly as alone. */
  claims: Batcher<string, Claim | undefined>;
  /**
   * Settles to `published` (markPublishedMany): the targets a batch claimed are sent together
   * and their answers come back close together, so a settle waits up to 1 ms for others. One
   * statement at a time per process: the answers that arrive while it runs form the next one.
   * Two at once may wait on each other's budget counters (migration 036); one at a time, the
   * fan-out bench delivered 4–8 % more with PostgreSQL using less CPU, and the immediate line
   * moved within its noise (docs/benchmarks.md, eighteenth session).
   */
  settles: Batcher<PublishedSettle, boolean>;
  /** Connectors' progress saves (saveProgress): a connector goes on only once its save has committed. */
  progressSaves: Batcher<ProgressSave, void>;
  /** Daily-budget checks (budgetUsages): a read, each counted as alone. */
  budgets: Batcher<BudgetAsk, BudgetUsage>;
  /**
   * The sandbox network's creates (recordSandboxCreates). A batch with one target twice (a
   * duplicate send) fails as a whole and is written again one by one, so each send is
   * counted, as the crash tests require.
   */
  sandboxCreates: Batcher<SandboxCreate, void>;
  /** The targets of posts whose waiting requests read them once settled (post-responses.ts). */
  targetReads: Batcher<string, TargetRecord[]>;
}

/** What arrives in the same turn of the event loop, at most 64, at most 4 statements at once. */
const SAME_TURN: BatchOptions = {
  windowMs: 0,
  maxBatch: 64,
  maxInFlight: 4,
  retryAlone: (err) => !isTransientDbError(err),
};

/** A batch run for a write that answers nothing: each item answered once the statement is done. */
function eachDone<T>(
  write: (items: readonly T[]) => Promise<void>,
): (items: readonly T[]) => Promise<undefined[]> {
  return async (items) => {
    await write(items);
    return items.map(() => undefined);
  };
}

export function workerBatches(pool: pg.Pool, leaseMs: number): WorkerBatches {
  return {
    claims: new Batcher((ids) => claimTargets(pool, ids, leaseMs), SAME_TURN),
    settles: new Batcher((settles) => markPublishedMany(pool, settles), {
      ...SAME_TURN,
      windowMs: 1,
      maxInFlight: 1,
    }),
    progressSaves: new Batcher(
      eachDone((saves) => saveProgress(pool, saves)),
      SAME_TURN,
    ),
    budgets: new Batcher((asks) => budgetUsages(pool, asks), SAME_TURN),
    sandboxCreates: new Batcher(
      eachDone((creates) => recordSandboxCreates(pool, creates)),
      SAME_TURN,
    ),
    targetReads: new Batcher(async (postIds) => {
      const byPost = targetsByPost(await listTargets(pool, [...new Set(postIds)]));
      // Each caller gets its own array: one may change it without touching another's.
      return postIds.map((id) => [...(byPost.get(id) ?? [])]);
    }, SAME_TURN),
  };
}
