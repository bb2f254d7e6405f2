import { type MediaStore, PART_NAME, STORED_NAME } from './media-store.ts';

/** A write that has not reached its rename in an hour never will: its process died. */
export const LEFTOVER_AGE_MS = 3_600_000;

export interface CleanupReport {
  /** Stored files older than the retention, deleted. */
  deleted: number;
  /** Half-written leftovers (`.part`, local store only), deleted. */
  leftovers: number;
}

/**
 * Deletes converted media the networks have long fetched (they keep their own copy,
 * so a published post does not need Herald's). Age is the store's last write: a file
 * stored again (the same source posted again) starts a new retention. A file of the
 * media library is kept while its row says so (`kept`: its upload or its last post,
 * a scheduled one counted from its date, plus the retention), whatever its age. Only
 * names Herald writes are ever deleted; anything else in the folder or bucket is left alone.
 *
 * `retentionMs` 0 keeps stored files forever; leftovers are garbage either way and go.
 */
export async function cleanupMedia(
  store: MediaStore,
  options: {
    retentionMs: number;
    now?: number;
    kept?: ReadonlySet<string>;
    /** Told each stored file deleted (its library row goes with it). */
    onDeleted?: (name: string) => void;
  },
): Promise<CleanupReport> {
  const now = options.now ?? Date.now();
  const storedCutoff = new Date(now - options.retentionMs);
  const leftoverCutoff = new Date(now - LEFTOVER_AGE_MS);
  const report: CleanupReport = { deleted: 0, leftovers: 0 };
  for await (const entry of store.list()) {
    if (STORED_NAME.test(entry.name)) {
      if (options.kept?.has(entry.name)) continue;
      if (options.retentionMs > 0 && entry.lastModified <= storedCutoff)
        if (await store.delete(entry.name, storedCutoff)) {
          report.deleted += 1;
          options.onDeleted?.(entry.name);
        }
    } else if (PART_NAME.test(entry.name) && entry.lastModified <= leftoverCutoff) {
      if (await store.delete(entry.name, leftoverCutoff)) report.leftovers += 1;
    }
  }
  return report;
}
