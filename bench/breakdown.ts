import type pg from 'pg';

/** Where an immediate post's time went on the database side, from the timestamps Herald stores. */
export interface WorkerBreakdown {
  posts: number;
  /** Transaction start (posts.created_at) → the worker claims the target (attempts.started_at), ms. */
  claimP50: number;
  claimP90: number;
  /** Claim → the target is marked published (targets.updated_at), ms. */
  sendP50: number;
  /** Transaction start → the post's last target published, ms. */
  settledP50: number;
  settledP90: number;
}

/**
 * Percentiles over the immediate posts created inside [fromMs, toMs). The stored
 * `now()` is each statement's transaction start, so these are lower bounds of the
 * wall time between the steps.
 */
export async function workerBreakdown(db: pg.Client, fromMs: number, toMs: number): Promise<WorkerBreakdown> {
  const { rows } = await db.query<Record<string, number | null>>(
    `WITH per_target AS (
       SELECT p.id AS post_id,
              extract(epoch FROM a.started_at - p.created_at) * 1000 AS claim_ms,
              extract(epoch FROM t.updated_at - a.started_at) * 1000 AS send_ms,
              extract(epoch FROM t.updated_at - p.created_at) * 1000 AS settled_ms
       FROM posts p
       JOIN targets t ON t.post_id = p.id AND t.state = 'published'
       JOIN attempts a ON a.target_id = t.id AND a.number = 1
       WHERE p.schedule_date IS NULL
         AND p.created_at >= to_timestamp($1::double precision / 1000)
         AND p.created_at < to_timestamp($2::double precision / 1000)
     ), per_post AS (
       SELECT post_id, max(settled_ms) AS settled_ms FROM per_target GROUP BY post_id
     )
     SELECT (SELECT count(*) FROM per_post)::int AS posts,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY claim_ms) AS claim_p50,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY claim_ms) AS claim_p90,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY send_ms) AS send_p50,
            (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY settled_ms) FROM per_post) AS settled_p50,
            (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY settled_ms) FROM per_post) AS settled_p90
     FROM per_target`,
    [fromMs, toMs],
  );
  const row = rows[0] ?? {};
  const num = (name: string) => Number(row[name] ?? 0);
  return {
    posts: num('posts'),
    claimP50: num('claim_p50'),
    claimP90: num('claim_p90'),
    sendP50: num('send_p50'),
    settledP50: num('settled_p50'),
    settledP90: num('settled_p90'),
  };
}
