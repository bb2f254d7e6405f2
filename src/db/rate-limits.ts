import type { Queryable } from './pool.ts';

/**
 * Adds one process's counts of one window to the shared ones and returns the new totals
 * (every process's) of those buckets, in one statement.
 */
export async function addRateCounts(
  db: Queryable,
  windowStart: Date,
  added: ReadonlyMap<string, number>,
): Promise<Map<string, number>> {
  const buckets = [...added.keys()];
  const { rows } = await db.query<{ bucket: string; count: number }>(
    `INSERT INTO rate_limit_counts (bucket, window_start, count)
     SELECT bucket, $1, n FROM unnest($2::text[], $3::int[]) AS i (bucket, n)
     ON CONFLICT (bucket, window_start) DO UPDATE SET count = rate_limit_counts.count + EXCLUDED.count
     RETURNING bucket, count`,
    [windowStart, buckets, buckets.map((b) => added.get(b) ?? 0)],
  );
  return new Map(rows.map((r) => [r.bucket, r.count]));
}

/** Rows of windows that ended are never read again. */
export async function forgetRateCountsBefore(db: Queryable, windowStart: Date): Promise<void> {
  await db.query('DELETE FROM rate_limit_counts WHERE window_start < $1', [windowStart]);
}
