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
  /** With pg_stat_statements on: row writes per table over the stretch (tables written to only), most updated first. */
  tables: TableWrites[];
}

/** A table's row writes; an update is HOT when no index had to change (no new index entries). */
export interface TableWrites {
  table: string;
  inserts: number;
  updates: number;
  hotUpdates: number;
  deletes: number;
}

const TABLE_WRITES = `SELECT schemaname || '.' || relname AS table, n_tup_ins::bigint AS inserts,
    n_tup_upd::bigint AS updates, n_tup_hot_upd::bigint AS hot, n_tup_del::bigint AS deletes
  FROM pg_stat_user_tables`;

async function tableWrites(db: pg.Client): Promise<Map<string, TableWrites>> {
  const { rows } = await db.query<{
    table: string;
    inserts: string;
    updates: string;
    hot: string;
    deletes: string;
  }>(TABLE_WRITES);
  return new Map(
    rows.map((r) => [
      r.table,
      {
        table: r.table,
        inserts: Number(r.inserts),
        updates: Number(r.updates),
        hotUpdates: Number(r.hot),
        deletes: Number(r.deletes),
      },
    ]),
  );
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
  const writesBefore = await tableWrites(db);
  return async () => {
    await db.query('SELECT pg_stat_clear_snapshot()');
    const after = (await db.query<{ commits: string; fsyncs: string }>(COUNTERS)).rows[0];
    // A backend reports its table counters at most once a second while busy and 10 s after it
    // goes idle (PGSTAT_IDLE_INTERVAL): the row writes are read once every pooled connection has.
    if (statements) await new Promise((resolve) => setTimeout(resolve, 11_000));
    await db.query('SELECT pg_stat_clear_snapshot()');
    const tables = [...(statements ? await tableWrites(db) : new Map<string, TableWrites>()).values()]
      .map((now) => {
        const was = writesBefore.get(now.table);
        return {
          table: now.table,
          inserts: now.inserts - (was?.inserts ?? 0),
          updates: now.updates - (was?.updates ?? 0),
          hotUpdates: now.hotUpdates - (was?.hotUpdates ?? 0),
          deletes: now.deletes - (was?.deletes ?? 0),
        };
      })
      .filter((t) => t.inserts + t.updates + t.deletes > 0)
      .sort((x, y) => y.updates - x.updates);
    return {
      commits: Number(after?.commits) - Number(before?.commits),
      walFsyncs: Number(after?.fsyncs) - Number(before?.fsyncs),
      tables,
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
