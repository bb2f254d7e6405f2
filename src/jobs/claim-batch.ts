import type pg from 'pg';
import { Batcher } from '../db/batcher.ts';
import { type Claim, claimTargets } from '../db/targets.ts';
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
