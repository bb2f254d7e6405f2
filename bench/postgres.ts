import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { embeddedUrl, startEmbeddedPostgres } from '../src/db/embedded.ts';

export interface BenchPostgres {
  /** Connection URL of the benchmark database (through the cluster's Unix socket where it has one). */
  url: string;
  /** The same database over loopback TCP. */
  tcpUrl: string;
  /** `SHOW server_version`. */
  version: string;
  /** The postmaster's process id (its children are the server processes). */
  pid: number;
  /** Stops the cluster and deletes its data folder. */
  stop(): Promise<void>;
}

const DATABASE = 'herald_bench';

/**
 * A throw-away embedded PostgreSQL in `dataDir` (127.0.0.1, a free port) with
 * one empty database; Herald migrates it on start.
 */
export async function startBenchPostgres(
  dataDir: string,
  /** More `-c name=value` settings, e.g. `shared_preload_libraries=pg_stat_statements`. */
  settings: readonly string[] = [],
): Promise<BenchPostgres> {
  await rm(dataDir, { recursive: true, force: true });
  const server = await startEmbeddedPostgres({ dataDir, port: 0, log: () => {}, settings });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const admin = new pg.Client({ connectionString: server.url('postgres') });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${DATABASE}`);
      const { rows } = await admin.query<{ server_version: string }>('SHOW server_version');
      const pid = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
      return {
        url: server.url(DATABASE),
        tcpUrl: embeddedUrl(DATABASE, server.port),
        version: rows[0]?.server_version ?? 'unknown',
        pid,
        stop,
      };
    } finally {
      await admin.end();
    }
  } catch (err) {
    await stop();
    throw err;
  }
}
