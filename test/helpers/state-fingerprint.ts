import type pg from 'pg';

/**
 * What "a refused request changed nothing" is checked with: per table, the row count and
 * the newest row version (xmin), so an insert, an update or a delete all show. Every
 * table of Herald's schema and graphile-worker's jobs, except bookkeeping that moves on
 * its own (worker heartbeats, applied migrations, rate-limit counters). Meant for a Herald whose API runs
 * without a worker (role `api`): nothing else writes while a request is checked.
 */
// Rate-limit counters count every request, refused ones too: that is their job.
const MOVES_ON_ITS_OWN = new Set(['herald_worker_pools', 'herald_migrations', 'rate_limit_counts']);

let tables: string[] | undefined;

async function tablesOf(pool: pg.Pool): Promise<string[]> {
  if (tables) return tables;
  const { rows } = await pool.query<{ name: string }>(
    `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE'
        AND (table_schema = 'public' OR (table_schema = 'graphile_worker' AND table_name = '_private_jobs'))
      ORDER BY 1`,
  );
  tables = rows.map((r) => r.name).filter((name) => !MOVES_ON_ITS_OWN.has(name.replace(/^public\./, '')));
  return tables;
}

export type Fingerprint = Record<string, string>;

export async function stateFingerprint(pool: pg.Pool): Promise<Fingerprint> {
  const names = await tablesOf(pool);
  const sql = names
    .map(
      (name) =>
        `SELECT '${name}' AS name, count(*) || ':' || coalesce(max(xmin::text::bigint), 0) AS state FROM ${name}`,
    )
    .join(' UNION ALL ');
  const { rows } = await pool.query<{ name: string; state: string }>(sql);
  return Object.fromEntries(rows.map((r) => [r.name, r.state]));
}
