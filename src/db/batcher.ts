/** How a Batcher groups its callers. */
export interface BatchOptions {
  /**
   * How long a batch waits after its first item for others: a few ms bound the wait; 0
   * takes only what arrives in the same turn of the event loop (setImmediate).
   */
  windowMs: number;
  /** A batch starts at once when this many wait, and never holds more. */
  maxBatch: number;
  /** Batches running at a time; items arriving meanwhile form the next batch. */
  maxInFlight: number;
  /**
   * Whether the items of a failed batch may each be run again alone (which one made it
   * fail is unknown): then only that one fails. Never when running an item twice could
   * write it twice (a commit whose outcome is unknown). By default none is.
   */
  retryAlone?: (err: unknown) => boolean;
}

interface Waiting<In, Out> {
  item: In;
  resolve(out: Out): void;
  reject(err: unknown): void;
}

/** One item's failure in a batch that ran: its caller gets `error`, the others their results. */
export class ItemFailed {
  constructor(readonly error: unknown) {}
}

/**
 * Group commit for concurrent callers: each `submit`s one item, and the items of callers
 * that arrive together are run by one call of `run` (one multi-row statement, one round
 * trip, one commit) instead of one each. Each caller gets its own item's result, and only
 * once `run` has finished: what `run` writes is durable before anyone hears of it.
 * `run` answers with one result per item, in the items' order (ItemFailed for one whose
 * write failed alone).
 */
export class Batcher<In, Out> {
  private waiting: Waiting<In, Out>[] = [];
  private inFlight = 0;
  private cancelWait: (() => void) | undefined;

  constructor(
    private readonly run: (items: readonly In[]) => Promise<readonly (Out | ItemFailed)[]>,
    private readonly options: BatchOptions,
  ) {}

  submit(item: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.inFlight >= this.options.maxInFlight || this.waiting.length === 0) return;
    if (this.waiting.length >= this.options.maxBatch) {
      this.flush();
      return;
    }
    if (this.cancelWait) return;
    if (this.options.windowMs > 0) {
      const timer = setTimeout(() => this.flush(), this.options.windowMs);
      this.cancelWait = () => clearTimeout(timer);
    } else {
      const immediate = setImmediate(() => this.flush());
      this.cancelWait = () => clearImmediate(immediate);
    }
  }

  private flush(): void {
    this.cancelWait?.();
    this.cancelWait = undefined;
    if (this.inFlight >= this.options.maxInFlight) return;
    const batch = this.waiting.splice(0, this.options.maxBatch);
    if (batch.length === 0) return;
    this.inFlight += 1;
    void this.write(batch).finally(() => {
      this.inFlight -= 1;
      // Those that arrived meanwhile have waited long enough: their batch starts now.
      if (this.waiting.length > 0) this.flush();
    });
  }

  private async write(batch: Waiting<In, Out>[]): Promise<void> {
    let out: readonly (Out | ItemFailed)[];
    try {
      out = await this.run(batch.map((w) => w.item));
    } catch (err) {
      if (batch.length === 1 || !this.options.retryAlone?.(err)) {
        for (const w of batch) w.reject(err);
        return;
      }
      await Promise.all(batch.map((w) => this.write([w])));
      return;
    }
    // `run` has finished: whatever it answers, its items are never run again.
    batch.forEach((w, i) => {
      const result = out[i];
      if (i >= out.length) w.reject(new Error(`batch of ${batch.length} answered ${out.length} results`));
      else if (result instanceof ItemFailed) w.reject(result.error);
      else w.resolve(result as Out);
    });
  }
}
