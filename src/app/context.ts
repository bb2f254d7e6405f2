import type pg from 'pg';
import type { Config } from '../config/config.ts';
import type { AuthCache } from '../http/auth-cache.ts';
import type { AccountSlots } from '../jobs/account-slots.ts';
import type { Scheduler } from '../jobs/scheduler.ts';
import type { WorkerBatches } from '../jobs/worker-batches.ts';
import type { Resolver } from '../media/url-decision.ts';
import type { Logger } from '../ops/logger.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { AcceptBatcher } from './accept-batch.ts';
import type { AccountsCache } from './accounts-cache.ts';
import type { RateLimiter } from './rate-limiter.ts';
import type { TargetWaiter } from './target-waiter.ts';

/** What every service receives: built once per process by `startHerald`. */
export interface AppContext {
  config: Config;
  pool: pg.Pool;
  /**
   * The publish engine's own connections (graphile-worker's job fetches and completions),
   * whose commits do not wait for the WAL flush (src/db/pool.ts, createEnginePool). Worker
   * processes only; without it the engine uses `pool`.
   */
  enginePool?: pg.Pool;
  secretKey: Buffer;
  log: Logger;
  metrics: Metrics;
  waiter: TargetWaiter;
  /** API keys and profiles authentication has read, trusted while `waiter` hears `herald_auth`. */
  auth: AuthCache;
  /** Each profile's accounts as POST /api/post last read them, trusted while `waiter` hears `herald_accounts`. */
  accountsCache: AccountsCache;
  /** Group commit of POST /api/post's writes (accept-batch.ts). */
  accepts: AcceptBatcher;
  /** The worker's claims, settles, progress saves, budget checks, sandbox creates and waiters' reads, batched. */
  batches: WorkerBatches;
  /** Sends in flight per linked account in this process (HERALD_ACCOUNT_CONCURRENCY). */
  accountSlots: AccountSlots;
  /** Set on SIGTERM: the API refuses new work, the worker finishes what it holds. */
  draining: { value: boolean };
  /** Requests per profile and per key (API processes only). */
  rateLimiter?: RateLimiter;
  /** Whether this process serves the API (its LISTEN connection matters to /readyz). */
  api?: boolean;
  /** Hands scheduled targets to the engine when due (worker processes only: scheduler.ts). */
  scheduler?: Scheduler;
  /** The job runners of a worker process (none in an API-only process), for /readyz. */
  workers?: readonly { readonly running: boolean }[];
  /**
   * How the host names of user-given URLs (media, instances, PDS, webhooks) are resolved
   * before the SSRF decision; the system resolver unless a test injects one (names only
   * it knows, resolving to private ranges, without touching real DNS).
   */
  resolve?: Resolver;
}
