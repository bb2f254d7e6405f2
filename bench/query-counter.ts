import pg from 'pg';

type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;

export interface QueryCounter {
  /** Statements sent by every pg.Client of this process since install. */
  read(): number;
  /**
   * Statements since install by kind (the SQL's first words), most frequent first. graphile-worker's
   * job fetches are also counted apart, once answered, by runner and outcome (`↳ get_job …` lines,
   * not statements of their own): what each fetch was for and whether it found a job.
   */
  kinds(): [kind: string, count: number][];
  uninstall(): void;
}

/** A statement's kind: its text with whitespace folded, cut at 70 characters. */
function kindOf(arg: unknown): string {
  const text = typeof arg === 'string' ? arg : ((arg as { text?: unknown } | null)?.text ?? '');
  return String(text).replace(/\s+/g, ' ').trim().slice(0, 70);
}

/** graphile-worker's fetch of due jobs (`get_job`, one job or a local queue's batch). */
const GET_JOB = /^with j as \( select jobs\.job_queue_id/;

/**
 * Which runner sent a fetch: the publish runner runs on the engine pool (its connections set
 * synchronous_commit=off, src/db/pool.ts), the webhook runner on Herald's own pool.
 */
function runnerOf(client: pg.Client): string {
  const options = (client as unknown as { connectionParameters?: { options?: string } }).connectionParameters
    ?.options;
  return options?.includes('synchronous_commit=off') ? 'publish runner' : 'webhook runner';
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
  const add = (kind: string, n = 1) => byKind.set(kind, (byKind.get(kind) ?? 0) + n);
  prototype.query = function (this: pg.Client, ...args: unknown[]) {
    count++;
    const kind = kindOf(args[0]);
    add(kind);
    const result = original.apply(this, args);
    if (GET_JOB.test(kind) && result instanceof Promise) {
      const runner = runnerOf(this);
      result.then(
        (answer: pg.QueryResult) => {
          const jobs = answer.rows.length;
          add(`↳ get_job, ${runner}: ${jobs === 0 ? 'empty' : 'found jobs'}`);
          if (jobs > 0) add(`↳ get_job, ${runner}: jobs found`, jobs);
        },
        () => add(`↳ get_job, ${runner}: failed`),
      );
    }
    return result;
  };
  return {
    read: () => count,
    kinds: () => [...byKind.entries()].sort((a, b) => b[1] - a[1]),
    uninstall() {
      prototype.query = original;
    },
  };
}
