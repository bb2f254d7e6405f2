import pg from 'pg';
import { CONNECTION_OPTIONS } from './connection-options.ts';
import { isTransientDbError } from './transient.ts';

export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

/**
 * How long an idle connection is kept before it is closed: minutes, not node-pg's 10 s. A
 * connection opened again costs a login (with scram-sha-256, thousands of hash rounds on
 * each side) and a fresh PostgreSQL backend, whose caches and mapping of shared memory are
 * warmed again. With 10 s, every burst after a quiet spell (posts falling due together)
 * began on new connections: fan-out's PostgreSQL CPU per delivery fell by a fifth with this
 * (docs/benchmarks.md, issue 16).
 */
export const IDLE_CONNECTION_MS = 300_000;

/**
 * What each kind of Herald connection tells PostgreSQL it is (`application_name`, shown in
 * `pg_stat_activity` and in the server's logs with `%a`): an operator sees which pool a busy or
 * waiting connection belongs to. One set in the connection string (`?application_name=`) wins.
 */
export const APPLICATION_NAMES = {
  /** createPool: the API's and the worker's own statements. */
  main: 'herald',
  /** createEnginePool: graphile-worker's fetches, completions, cron and LISTEN. */
  engine: 'herald-engine',
  /** createPipelinePool: POST /api/post's group commit. */
  accept: 'herald-accept',
  /** The TargetWaiter's LISTEN connection (settled targets, key and account changes). */
  listen: 'herald-listen',
} as const;

/**
 * Herald's pool. `statementTimeoutMs` (HERALD_DB_STATEMENT_TIMEOUT_MS; 0 or absent: none) is
 * PostgreSQL's `statement_timeout` on each of its connections: a statement that runs longer,
 * or waits longer for a lock (a row an operator holds in psql, a wedged transaction), is
 * cancelled with 57014 and its transaction rolled back, which isTransientDbError counts as
 * transient: the API answers 649 and a job tries again, instead of both waiting for good.
 * Not on the engine's pool (graphile-worker's own statements and its schema migrations) nor on
 * the LISTEN connection, which only waits.
 */
export function createPool(
  connectionString: string,
  max: number,
  onError: (err: Error) => void,
  statementTimeoutMs = 0,
  own: pg.PoolConfig = {},
): pg.Pool {
  return newPool(connectionString, max, onError, {
    application_name: APPLICATION_NAMES.main,
    ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
    ...own,
  });
}

/**
 * The connections graphile-worker itself uses for the publish tasks: fetching a job
 * (get_job), completing and failing jobs, cron. Their commits do not wait for the WAL to
 * be flushed (synchronous_commit=off), so a delivery's bookkeeping costs no flush and
 * does not queue behind Herald's own statements in `pool`. Safe because the engine's rows
 * are never what guards a send: the target's state is (claimTarget, durable). A
 * PostgreSQL crash can lose only the last moments of these commits, and then a job runs
 * once more: its claim refuses a target already sent or settled. Any durable commit made
 * after them (the claim, the settle) flushes them too, the WAL being written in order.
 */
export function createEnginePool(
  connectionString: string,
  max: number,
  onError: (err: Error) => void,
): pg.Pool {
  return newPool(connectionString, max, onError, {
    application_name: APPLICATION_NAMES.engine,
    options: '-c synchronous_commit=off',
  });
}

/**
 * The connections POST /api/post's group commit writes through (src/app/accept-batch.ts):
 * pipelined (node-postgres' `pipeline` option, https://node-postgres.com/features/pipelining),
 * so the statements of one transaction leave together instead of each waiting for the answer
 * to the one before. A busy API process reads each answer only when its event loop comes
 * round (a few ms under load, measured in docs/benchmarks.md), so a batch paid that wait once
 * per statement; now once for its statements and once for its COMMIT (inTransaction).
 * `max` is the batches in flight at a time; `statementTimeoutMs` as in createPool.
 */
export function createPipelinePool(
  connectionString: string,
  max: number,
  onError: (err: Error) => void,
  statementTimeoutMs = 0,
): pg.Pool {
  return createPool(connectionString, max, onError, statementTimeoutMs, {
    pipeline: true,
    application_name: APPLICATION_NAMES.accept,
  });
}

/** Whether `db` sends its statements without waiting for the answers before (createPipelinePool). */
export function isPipelined(db: Queryable): boolean {
  return (db as { pipeline?: unknown }).pipeline === true;
}

/**
 * Starts each step's statement(s) in order and answers with their results in that order: on a
 * pipelined connection all leave at once (each step must send its statement before its first
 * await, as a `db.query` at its top does), elsewhere one after the other. The steps of one
 * transaction: if one fails, the transaction is aborted and the later ones fail with it.
 */
export async function inOrder<T extends readonly unknown[]>(
  db: Queryable,
  steps: { [K in keyof T]: () => Promise<T[K]> },
): Promise<T> {
  if (isPipelined(db)) return (await Promise.all(steps.map((step) => step()))) as unknown as T;
  const results: unknown[] = [];
  for (const step of steps) results.push(await step());
  return results as unknown as T;
}

/** A pool with the options every kept connection has, and `own` on top. */
function newPool(
  connectionString: string,
  max: number,
  onError: (err: Error) => void,
  own: pg.PoolConfig,
): pg.Pool {
  const pool = new pg.Pool({
    ...CONNECTION_OPTIONS,
    connectionString,
    max,
    idleTimeoutMillis: IDLE_CONNECTION_MS,
    ...own,
  });
  // An idle client losing its connection must not crash the process.
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  return pool;
}

/**
 * Runs `work` in a transaction on one of `pool`'s connections. A statement that fails rolls it
 * back (the error is rethrown); a connection lost while COMMIT was on its way throws
 * CommitOutcomeUnknown, the only case whose outcome is not known. On a pipelined connection
 * (createPipelinePool) BEGIN and `work`'s statements leave together, COMMIT after their answers.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let committing = false;
  let broken: Error | undefined;
  try {
    const result = isPipelined(client)
      ? // BEGIN and the statements `work` starts (through inOrder) leave together; COMMIT only
        // once all have answered, so a failed statement is still known before anything commits.
        (await Promise.all([client.query('BEGIN'), work(client)]))[1]
      : await client.query('BEGIN').then(() => work(client));
    committing = true;
    await client.query('COMMIT');
    return result;
  } catch (err) {
    if (isTransientDbError(err)) broken = err as Error;
    await client.query('ROLLBACK').catch(() => undefined);
    // The connection died while COMMIT was on its way: the transaction may or may not
    // have committed, and only the database knows. Everything else rolled back for sure.
    if (committing && isTransientDbError(err)) throw new CommitOutcomeUnknown(err);
    throw err;
  } finally {
    // A client whose connection failed is thrown away, not given back to the pool.
    client.release(broken);
  }
}

/** A COMMIT whose outcome is unknown: the caller must say so, never "failed" nor "done". */
export class CommitOutcomeUnknown extends Error {
  constructor(cause: unknown) {
    super(`commit outcome unknown: ${(cause as Error)?.message ?? cause}`, { cause });
    this.name = 'CommitOutcomeUnknown';
  }
}
