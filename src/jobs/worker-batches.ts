import type pg from 'pg';
import { Batcher } from '../db/batcher.ts';
import { listTargets, type TargetRecord } from '../db/posts.ts';
import { recordSandboxCreates, type SandboxCreate } from '../db/sandbox-ledger.ts';
import {
  type BudgetUsage,
  budgetUsages,
  type Claim,
  claimTargets,
  markPublishedMany,
  type PublishedSettle,
  saveProgress,
} from '../db/targets.ts';
import { isTransientDbError } from '../db/transient.ts';

/**
 * The worker's claims, batched: graphile-worker hands a process up to 32 jobs per fetch
 * (engine-fetch.ts) and their publish jobs all start in the same turn of the event loop,
 * so their claims go as one statement (claimTargets) instead of one each. A claim waits for
 * nothing more than that turn. The statement is atomic: a batch that failed did nothing, so
 * its claims are made again one by one (only the one that made it fail fails, as alone),
 * except when the database is away, which fails each of them as it would have alone.
 */
export function claimBatcher(pool: pg.Pool, leaseMs: number): Batcher<string, Claim | undefined> {
  return new Batcher((ids) => claimTargets(pool, ids, leaseMs), {
    windowMs: 0,
    maxBatch: 64,
    maxInFlight: 4,
    retryAlone: (err) => !isTransientDbError(err),
  });
}

/**
 * The publish jobs' settles to `published`, batched the same way (markPublishedMany): the
 * targets a batch claimed are sent together and their answers come back close together. A
 * settle waits at most 1 ms for others. Each job hears of its settle only once the
 * statement has committed.
 */
export function settleBatcher(pool: pg.Pool): Batcher<PublishedSettle, boolean> {
  return new Batcher((settles) => markPublishedMany(pool, settles), {
    windowMs: 1,
    maxBatch: 64,
    maxInFlight: 4,
    retryAlone: (err) => !isTransientDbError(err),
  });
}

/** What a connector saves of its progress on a target, batched the same way (saveProgress). */
export interface ProgressSave {
  id: string;
  progress: Record<string, unknown>;
}

/**
 * Connectors' progress saves, batched: a connector goes on (or sends) only once its save has
 * committed, as before; saves that arrive in the same turn of the event loop share a statement.
 */
export function progressBatcher(pool: pg.Pool): Batcher<ProgressSave, void> {
  return new Batcher(
    async (saves) => {
      await saveProgress(pool, saves);
      return saves.map(() => undefined);
    },
    { windowMs: 0, maxBatch: 64, maxInFlight: 4, retryAlone: (err) => !isTransientDbError(err) },
  );
}

/** A budget check's question: the account's sends in the window, but for this target. */
export interface BudgetAsk {
  accountId: string;
  exceptTargetId: string;
}

/**
 * The publish jobs' daily-budget checks, batched the same way (budgetUsages): a read, one
 * statement for the checks of one turn, each counted as alone.
 */
export function budgetBatcher(pool: pg.Pool): Batcher<BudgetAsk, BudgetUsage> {
  return new Batcher((asks) => budgetUsages(pool, asks), {
    windowMs: 0,
    maxBatch: 64,
    maxInFlight: 4,
    retryAlone: (err) => !isTransientDbError(err),
  });
}

/**
 * The sandbox network's creates, batched the same way (recordSandboxCreates). A batch with one
 * target twice (a duplicate send) fails as a whole and is written again one by one, so each
 * send is counted, as the crash tests require.
 */
export function sandboxCreateBatcher(pool: pg.Pool): Batcher<SandboxCreate, void> {
  return new Batcher(
    async (creates) => {
      await recordSandboxCreates(pool, creates);
      return creates.map(() => undefined);
    },
    { windowMs: 0, maxBatch: 64, maxInFlight: 4, retryAlone: (err) => !isTransientDbError(err) },
  );
}

/**
 * The targets of posts that waiting requests read once they have settled (post-responses.ts),
 * batched the same way: one read for the posts asked in one turn, each answered its own.
 */
export function targetReadBatcher(pool: pg.Pool): Batcher<string, TargetRecord[]> {
  return new Batcher(
    async (postIds) => {
      const byPost = new Map<string, TargetRecord[]>();
      for (const t of await listTargets(pool, [...new Set(postIds)])) {
        const own = byPost.get(t.postId);
        if (own) own.push(t);
        else byPost.set(t.postId, [t]);
      }
      // Each caller gets its own array: one may change it without touching another's.
      return postIds.map((id) => [...(byPost.get(id) ?? [])]);
    },
    { windowMs: 0, maxBatch: 64, maxInFlight: 4 },
  );
}
