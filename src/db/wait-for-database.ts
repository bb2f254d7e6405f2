import pg from 'pg';
import { DatabaseUnreachable, describeDatabase } from './database-unreachable.ts';
import { isTransientDbError } from './transient.ts';

const RETRY_MS = [250, 500, 1000, 2000];

/** One connection to `url`, opened and closed: resolves when it took it, rejects with why not. */
export async function connectOnce(url: string, timeoutMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Waits until `url` takes a connection, for at most `waitMs`: a Herald started beside its
 * PostgreSQL (a compose file, a machine booting) must not exit because PostgreSQL is a few
 * seconds slower to accept connections. Only an outage is waited for (connection refused,
 * no such host yet, the server starting up: transient.ts); a wrong password or a missing
 * database fails at once, as waiting would not change it. `onWait` hears of the first
 * refusal, once.
 */
export async function waitForDatabase(
  url: string,
  waitMs: number,
  onWait: (message: string) => void = () => {},
): Promise<void> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      await connectOnce(url, 5000);
      return;
    } catch (err) {
      const waited = Date.now() - started;
      const delay = Math.min(RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)] as number, waitMs - waited);
      if (!isTransientDbError(err) || delay <= 0)
        throw new DatabaseUnreachable(url, err, attempt > 0 ? waited : 0);
      if (attempt === 0)
        onWait(
          `waiting up to ${Math.round(waitMs / 1000)} s for the database at ${describeDatabase(url)} (${(err as Error).message})`,
        );
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
