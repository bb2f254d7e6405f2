import pg from 'pg';

type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;

export interface QueryCounter {
  /** Statements sent by every pg.Client of this process since install. */
  read(): number;
  uninstall(): void;
}

/**
 * Counts SQL statements by wrapping pg.Client#query for this process: Herald's
 * pool, graphile-worker (which runs on that pool) and the LISTEN client all go
 * through it. Observation only: the call is passed on unchanged.
 */
export function installQueryCounter(): QueryCounter {
  const prototype = pg.Client.prototype as unknown as { query: QueryFn };
  const original = prototype.query;
  let count = 0;
  prototype.query = function (this: pg.Client, ...args: unknown[]) {
    count++;
    return original.apply(this, args);
  };
  return {
    read: () => count,
    uninstall() {
      prototype.query = original;
    },
  };
}
