import pg from 'pg';
import type { Logger } from '../ops/logger.ts';

/**
 * Wakes callers waiting on a post when any of its targets changes, through the
 * `herald_targets` notifications the targets trigger sends: the API and the
 * worker may be different processes on different machines. A slow poll covers
 * a dropped notification connection.
 */
export class TargetWaiter {
  private client: pg.Client | undefined;
  private readonly waiting = new Map<string, Set<() => void>>();
  private closed = false;

  constructor(
    private readonly connectionString: string,
    private readonly log: Logger,
    /** Fallback re-check when no notification comes (a dropped LISTEN connection). */
    private readonly pollMs = 1000,
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (msg) => {
      if (msg.payload) this.wake(msg.payload);
    });
    client.on('error', (err) => {
      if (this.closed) return;
      this.log.warn({ error: err.message }, 'notification connection lost; reconnecting');
      this.client = undefined;
      if (!this.closed) setTimeout(() => void this.start().catch(() => undefined), 1000).unref();
    });
    await client.connect();
    await client.query('LISTEN herald_targets');
    this.client = client;
  }

  private wake(postId: string): void {
    for (const resolve of this.waiting.get(postId) ?? []) resolve();
  }

  /**
   * Resolves when `isDone()` is true or the deadline passes; returns whether it is done.
   * The listener is registered before the first check, so a notification that arrives
   * while `isDone()` reads the targets is never lost (it makes the loop check again).
   */
  async waitFor(postId: string, timeoutMs: number, isDone: () => Promise<boolean>): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    let woken = false;
    let wake: (() => void) | undefined;
    const listener = () => {
      woken = true;
      wake?.();
    };
    const set = this.waiting.get(postId) ?? new Set();
    set.add(listener);
    this.waiting.set(postId, set);
    try {
      for (;;) {
        woken = false;
        if (await isDone()) return true;
        const left = deadline - Date.now();
        if (left <= 0 || this.closed) return false;
        if (woken) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, this.pollMs));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    } finally {
      set.delete(listener);
      if (set.size === 0) this.waiting.delete(postId);
    }
  }

  async stop(): Promise<void> {
    this.closed = true;
    for (const set of this.waiting.values()) for (const resolve of set) resolve();
    await this.client?.end().catch(() => undefined);
  }
}
