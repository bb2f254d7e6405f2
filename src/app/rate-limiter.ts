import type { RateLimitConfig } from '../config/rate-limit-config.ts';
import type { Queryable } from '../db/pool.ts';
import { addRateCounts, forgetRateCountsBefore } from '../db/rate-limits.ts';
import type { Logger } from '../ops/logger.ts';

export type RateScope = 'profile' | 'key';

/** One limit a request counts against: a bucket (`profile:<id>`, `key:<id>`) and its size. */
export interface RateLimit {
  scope: RateScope;
  bucket: string;
  max: number;
}

export interface RateUsage {
  scope: RateScope;
  max: number;
  /** Requests counted in this window, this one included when it was let through. */
  count: number;
  remaining: number;
}

export interface RateDecision {
  allowed: boolean;
  /** The limit that refused the request, when one did. */
  refusedBy?: RateUsage;
  usage: RateUsage[];
  windowSeconds: number;
  /** Seconds until the window ends and every count starts again. */
  resetSeconds: number;
}

/**
 * Counts requests per profile and per API key in fixed windows, across every API process,
 * without a database round trip on the request's path. Each process counts in memory and,
 * every `flushMs`, adds what it counted to the shared rows in PostgreSQL with one statement
 * that also returns the totals (every process's); a decision is `total at the last flush +
 * counted here since`. With one API process the count is exact. With several, a process
 * sees the others' requests at most one flush late, so a profile can pass its limit by the
 * requests it sends to the other processes in about one flush interval (and, after a
 * process restarts, until its first flush). If PostgreSQL is away, each process keeps
 * limiting on what it counted itself and adds it when the database is back.
 */
export class RateLimiter {
  private windowStart = 0;
  /** Totals of every process as of the last flush, per bucket, for the current window. */
  private known = new Map<string, number>();
  /** Counted here and not yet added to the shared rows. */
  private pending = new Map<string, number>();
  /** Being added right now (counted until the flush's answer replaces `known`). */
  private flushing = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private forgottenBefore = 0;

  constructor(
    private readonly config: RateLimitConfig,
    private readonly db: Queryable,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether any limit is configured at all (both 0: nothing is counted, no header is sent). */
  get enabled(): boolean {
    return this.config.perProfile > 0 || this.config.perKey > 0;
  }

  /** The limits a request by this key, acting as this profile, counts against. */
  limitsFor(profileId: string, apiKeyId: string | undefined): RateLimit[] {
    const limits: RateLimit[] = [];
    if (this.config.perProfile > 0)
      limits.push({ scope: 'profile', bucket: `profile:${profileId}`, max: this.config.perProfile });
    if (this.config.perKey > 0 && apiKeyId)
      limits.push({ scope: 'key', bucket: `key:${apiKeyId}`, max: this.config.perKey });
    return limits;
  }

  /**
   * Counts one request against every limit, unless one of them is spent: then nothing is
   * counted and the decision names the limit that refused it. `mayRefuse: false` counts
   * regardless (an answer already decided, e.g. a refused body, still costs its request).
   */
  take(limits: readonly RateLimit[], mayRefuse = true): RateDecision {
    const now = this.now();
    this.roll(now);
    const counts = limits.map((limit) => this.count(limit.bucket));
    const spent = limits.findIndex((limit, i) => (counts[i] as number) >= limit.max);
    const allowed = !mayRefuse || spent < 0;
    if (allowed) {
      for (const limit of limits) this.pending.set(limit.bucket, (this.pending.get(limit.bucket) ?? 0) + 1);
    }
    const usage = limits.map((limit, i) => {
      const count = (counts[i] as number) + (allowed ? 1 : 0);
      return { scope: limit.scope, max: limit.max, count, remaining: Math.max(0, limit.max - count) };
    });
    const windowMs = this.config.windowSeconds * 1000;
    const decision: RateDecision = {
      allowed,
      usage,
      windowSeconds: this.config.windowSeconds,
      resetSeconds: Math.max(1, Math.ceil((this.windowStart + windowMs - now) / 1000)),
    };
    if (!allowed) decision.refusedBy = usage[spent] as RateUsage;
    return decision;
  }

  start(): void {
    if (!this.enabled || this.timer) return;
    this.timer = setInterval(() => void this.flush(), this.config.flushMs);
    this.timer.unref();
  }

  /** Stops the timer and adds what is still pending (best effort: the database may be away). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    await this.flush();
  }

  /** Adds this process's counts to the shared ones and learns the others'. One at a time. */
  flush(): Promise<void> {
    if (this.running || this.pending.size === 0) return this.running ?? Promise.resolve();
    this.running = this.flushOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async flushOnce(): Promise<void> {
    const window = this.windowStart;
    this.flushing = this.pending;
    this.pending = new Map();
    try {
      const totals = await addRateCounts(this.db, new Date(window), this.flushing);
      if (window !== this.windowStart) return; // a new window began meanwhile: these counts are over
      for (const [bucket, total] of totals) this.known.set(bucket, total);
      this.flushing = new Map();
      const windowMs = this.config.windowSeconds * 1000;
      if (this.forgottenBefore < window - windowMs) {
        this.forgottenBefore = window - windowMs;
        await forgetRateCountsBefore(this.db, new Date(this.forgottenBefore));
      }
    } catch (err) {
      if (window !== this.windowStart) return;
      // Counted again at the next flush; meanwhile this process keeps counting them itself.
      for (const [bucket, n] of this.flushing) this.pending.set(bucket, (this.pending.get(bucket) ?? 0) + n);
      this.flushing = new Map();
      this.log.debug(
        { error: (err as Error).message },
        'rate-limit counts not flushed; kept for the next flush',
      );
    }
  }

  private count(bucket: string): number {
    return (this.known.get(bucket) ?? 0) + (this.flushing.get(bucket) ?? 0) + (this.pending.get(bucket) ?? 0);
  }

  /** A new window: every count starts again. */
  private roll(now: number): void {
    const windowMs = this.config.windowSeconds * 1000;
    const start = Math.floor(now / windowMs) * windowMs;
    if (start === this.windowStart) return;
    this.windowStart = start;
    this.known = new Map();
    this.pending = new Map();
    this.flushing = new Map();
  }
}
