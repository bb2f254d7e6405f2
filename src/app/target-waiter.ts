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

  /** Resolves when `isDone()` is true or the deadline passes; returns whether it is done. */
  async waitFor(postId: string, timeoutMs: number, isDone: () => Promise<boolean>): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await isDone()) return true;
      const left = deadline - Date.now();
      if (left <= 0 || this.closed) return false;
      await new Promise<void>((resolve) => {
        const set = this.waiting.get(postId) ?? new Set();
        const done = () => {
          clearTimeout(timer);
          set.delete(done);
          if (set.size === 0) this.waiting.delete(postId);
          resolve();
        };
        const timer = setTimeout(done, Math.min(left, 1000));
        set.add(done);
        this.waiting.set(postId, set);
      });
    }
  }

  async stop(): Promise<void> {
    this.closed = true;
    for (const set of this.waiting.values()) for (const resolve of set) resolve();
    await this.client?.end().catch(() => undefined);
  }
}
