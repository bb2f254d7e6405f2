/**
 * Database errors that say nothing about the statement, only that the database could
 * not be reached or dropped the connection: the same statement may succeed a moment
 * later. Classified by SQLSTATE class and Node's error codes; pg's own two "connection
 * is gone" errors carry no code, so they are recognised by their fixed text.
 * Through a Unix socket (the embedded cluster's, src/db/embedded.ts) a stopped PostgreSQL
 * is `connect ENOENT`: it removes its socket file on the way out. Only a `connect` call's
 * ENOENT counts: a missing file anywhere else is no database outage.
 */
// 57014: a statement cancelled (its statement_timeout, src/db/pool.ts, or an operator's
// pg_cancel_backend); its transaction is rolled back, so trying again changes nothing twice.
const TRANSIENT_SQLSTATE = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01', '57014']);
const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const PG_CONNECTION_MESSAGES = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'timeout exceeded when trying to connect',
  'Client was closed and is not queryable',
]);

export function isTransientDbError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('08') || TRANSIENT_SQLSTATE.has(code) || TRANSIENT_NODE_CODES.has(code)) return true;
    if (code === 'ENOENT' && (err as { syscall?: unknown }).syscall === 'connect') return true;
  }
  if (PG_CONNECTION_MESSAGES.has(err.message)) return true;
  const cause = (err as { cause?: unknown }).cause;
  return cause !== undefined && cause !== err && isTransientDbError(cause);
}

const DELAYS_MS = [50, 100, 250, 500, 1000, 2000];

/**
 * Runs `work` again while it fails for a transient database reason, with backoff, until
 * `deadline` (epoch ms). For writes whose outcome Herald already knows and must not lose
 * (the network said yes): the database coming back a few seconds later must still see it.
 */
export async function retryTransient<T>(work: () => Promise<T>, deadline: number): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      const delay = DELAYS_MS[Math.min(attempt, DELAYS_MS.length - 1)] as number;
      if (!isTransientDbError(err) || Date.now() + delay > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
