/**
 * Bounds the sends in flight to one account in this worker process. A worker runs
 * hundreds of publish jobs at once (HERALD_WORKER_CONCURRENCY), and a burst for one
 * account must not become hundreds of simultaneous calls to it: at most `limit` of its
 * sends are in flight, the others wait their turn in arrival order. A wait has a bound:
 * the caller hands its target back to the queue rather than wait past its lease.
 */
export class AccountSlots {
  private readonly accounts = new Map<string, { busy: number; queue: (() => void)[] }>();

  /**
   * A slot for `key` within `waitMs`: resolves to its release function, or to undefined
   * when none came free in time (the caller must not send).
   */
  acquire(key: string, limit: number, waitMs: number): Promise<(() => void) | undefined> {
    const entry = this.accounts.get(key) ?? { busy: 0, queue: [] };
    this.accounts.set(key, entry);
    if (entry.busy < limit) {
      entry.busy += 1;
      return Promise.resolve(this.releaser(key, entry));
    }
    return new Promise((resolve) => {
      const grant = () => {
        clearTimeout(timer);
        entry.busy += 1;
        resolve(this.releaser(key, entry));
      };
      const timer = setTimeout(() => {
        entry.queue.splice(entry.queue.indexOf(grant), 1);
        resolve(undefined);
      }, waitMs);
      entry.queue.push(grant);
    });
  }

  /** Sends in flight to `key` now. */
  inFlight(key: string): number {
    return this.accounts.get(key)?.busy ?? 0;
  }

  private releaser(key: string, entry: { busy: number; queue: (() => void)[] }): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      entry.busy -= 1;
      const next = entry.queue.shift();
      if (next) next();
      else if (entry.busy === 0) this.accounts.delete(key);
    };
  }
}
