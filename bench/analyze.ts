import type pg from 'pg';

/**
 * What autovacuum leaves in an install that has run for a while: fresh statistics, for the
 * tables that have rows. An empty table is left alone. Analysing it records zero rows, and
 * PostgreSQL then plans the foreign-key checks against it (a target's post, an attempt's
 * target) as sequential scans, kept on each connection until the table is analysed again
 * (autovacuum looks once a minute): the first line of a bench on a new database measured
 * that plan, about three times the PostgreSQL time per request, not Herald. Without
 * statistics PostgreSQL assumes a table of some pages and uses the indexes.
 */
export async function analyzeTablesWithRows(db: pg.Client): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
     ORDER BY 1`,
  );
  const withRows: string[] = [];
  for (const { name } of rows) {
    const { rowCount } = await db.query(`SELECT 1 FROM ${name} LIMIT 1`);
    if (rowCount) withRows.push(name);
  }
  if (withRows.length > 0) await db.query(`VACUUM ANALYZE ${withRows.join(', ')}`);
  return withRows;
}
