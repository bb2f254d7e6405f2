import type pg from 'pg';
import type { Config } from '../config/config.ts';
import type { Resolver } from '../media/url-decision.ts';
import type { Logger } from '../ops/logger.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { TargetWaiter } from './target-waiter.ts';

/** What every service receives: built once per process by `startHerald`. */
export interface AppContext {
  config: Config;
  pool: pg.Pool;
  secretKey: Buffer;
  log: Logger;
  metrics: Metrics;
  waiter: TargetWaiter;
  /** Set on SIGTERM: the API refuses new work, the worker finishes what it holds. */
  draining: { value: boolean };
  /** Whether this process serves the API (its LISTEN connection matters to /readyz). */
  api?: boolean;
  /** The job runners of a worker process (none in an API-only process), for /readyz. */
  workers?: readonly { readonly running: boolean }[];
  /**
   * How the host names of user-given URLs (media, instances, PDS, webhooks) are resolved
   * before the SSRF decision; the system resolver unless a test injects one (names only
   * it knows, resolving to private ranges, without touching real DNS).
   */
  resolve?: Resolver;
}
