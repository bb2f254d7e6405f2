import pg from 'pg';

type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;

export interface QueryCounter {
  /** Statements sent by every pg.Client of this process since install. */
  read(): number;
  /** Statements since install by kind (the SQL's first words), most frequent first. */
  kinds(): [kind: string, count: number][];
  uninstall(): void;
}

/** A statement's kind: its text with whitespace folded, cut at 70 characters. */
function kindOf(arg: unknown): string {
  const text = typeof arg === 'string' ? arg : ((arg as { text?: unknown } | null)?.text ?? '');
  return String(text).replace(/\s+/g, ' ').trim().slice(0, 70);
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
  const byKind = new Map<string, number>();
  prototype.query = function (this: pg.Client, ...args: unknown[]) {
    count++;
    const kind = kindOf(args[0]);
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
    return original.apply(this, args);
  };
  return {
    read: () => count,
    kinds: () => [...byKind.entries()].sort((a, b) => b[1] - a[1]),
    uninstall() {
      prototype.query = original;
    },
  };
}
