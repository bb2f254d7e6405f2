import type pg from 'pg';

/**
 * What PostgreSQL did for a stretch of a bench, read from its own statistics: commits and
 * WAL flushes (each commit of a write waits for one; concurrent commits share one), and,
 * when the server was started with pg_stat_statements, the statements that took the most
 * execution time. Observation only.
 */
export interface PgActivity {
  commits: number;
  walFsyncs: number;
}

const COUNTERS = `SELECT xact_commit::bigint AS commits,
    (SELECT coalesce(sum(fsyncs), 0) FROM pg_stat_io WHERE object = 'wal')::bigint AS fsyncs
  FROM pg_stat_database WHERE datname = current_database()`;

/** The settings that make `topStatements` answer (a server start option). */
export const STATEMENT_STATS = ['shared_preload_libraries=pg_stat_statements'];

export async function startActivity(db: pg.Client, statements: boolean): Promise<() => Promise<PgActivity>> {
  if (statements) {
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await db.query('SELECT pg_stat_statements_reset()');
  }
  // The counters are a snapshot per transaction: a fresh one is read each time.
  await db.query('SELECT pg_stat_clear_snapshot()');
  const before = (await db.query<{ commits: string; fsyncs: string }>(COUNTERS)).rows[0];
  return async () => {
    await db.query('SELECT pg_stat_clear_snapshot()');
    const after = (await db.query<{ commits: string; fsyncs: string }>(COUNTERS)).rows[0];
    return {
      commits: Number(after?.commits) - Number(before?.commits),
      walFsyncs: Number(after?.fsyncs) - Number(before?.fsyncs),
    };
  };
}

/** The statements with the most execution time since startActivity, one line each. */
export async function topStatements(db: pg.Client, limit = 15): Promise<string[]> {
  const { rows } = await db.query<{ calls: string; total_ms: number; mean_ms: number; q: string }>(
    `SELECT calls, round(total_exec_time)::int AS total_ms, round(mean_exec_time::numeric, 3)::float AS mean_ms,
            left(regexp_replace(query, '\\s+', ' ', 'g'), 100) AS q
     FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
     ORDER BY total_exec_time DESC LIMIT $1`,
    [limit],
  );
  return rows.map(
    (r) =>
      `${r.calls.padStart(7)} calls ${String(r.total_ms).padStart(6)} ms ${r.mean_ms.toFixed(3).padStart(8)} ms/call  ${r.q}`,
  );
}
