import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config/config.ts';
import { type EmbeddedServer, embeddedUrl, socketDirectory, startEmbeddedPostgres } from './embedded.ts';
import { connectOnce, waitForDatabase } from './wait-for-database.ts';

export interface Database {
  url: string;
  /** Set when this process started the embedded PostgreSQL (and must stop it). */
  embedded?: EmbeddedServer;
}

const EMBEDDED_DB = 'herald';

const reachable = (url: string): Promise<boolean> =>
  connectOnce(url, 1000).then(
    () => true,
    () => false,
  );

/**
 * DATABASE_URL when configured (once it takes a connection: waitForDatabase); otherwise the embedded PostgreSQL in the data
 * folder: reused when another Herald process already runs it, started otherwise.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'embeddedPgPort'> & Partial<Pick<Config, 'dbStartWaitMs'>>,
  log: (line: string) => void,
  onWait?: (message: string) => void,
): Promise<Database> {
  if (config.databaseUrl) {
    await waitForDatabase(config.databaseUrl, config.dbStartWaitMs ?? 0, onWait);
    return { url: config.databaseUrl };
  }
  const dataDir = path.join(config.dataDir, 'postgres');
  const socketDir = socketDirectory(dataDir, config.embeddedPgPort);
  // Another Herald process may run the cluster already: through its socket, or over TCP only
  // when it was started by a Herald from before the socket.
  for (const url of new Set([
    embeddedUrl(EMBEDDED_DB, config.embeddedPgPort, socketDir),
    embeddedUrl(EMBEDDED_DB, config.embeddedPgPort),
  ])) {
    if (await reachable(url)) return { url };
  }
  const server = await startEmbeddedPostgres({
    dataDir,
    port: config.embeddedPgPort,
    log,
  });
  const admin = new pg.Client({ connectionString: server.url('postgres') });
  await admin.connect();
  const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DB]);
  if (!rowCount) await admin.query(`CREATE DATABASE ${EMBEDDED_DB}`);
  await admin.end();
  return { url: server.url(EMBEDDED_DB), embedded: server };
}
