/**
 * A small in-process cache of recent media results (per URL, per crawler). It keeps
 * the promise, so concurrent targets of one post share one download; a failed load is
 * forgotten at once. TTL 0 turns it off.
 */
export class TtlCache<V> {
  readonly #entries = new Map<string, { value: Promise<V>; expires: number }>();

  constructor(
    readonly ttlMs: number,
    readonly maxEntries = 500,
  ) {}

  load(key: string, loader: () => Promise<V>): Promise<V> {
    if (this.ttlMs <= 0) return loader();
    const now = Date.now();
    const hit = this.#entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    if (this.#entries.size >= this.maxEntries) this.#evict(now);
    const value = loader();
    this.#entries.set(key, { value, expires: now + this.ttlMs });
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    return value;
  }

  #evict(now: number): void {
    for (const [key, entry] of this.#entries) if (entry.expires <= now) this.#entries.delete(key);
    // Still full: drop the oldest (Map keeps insertion order).
    while (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }
}
