import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config/config.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from './embedded.ts';

export interface Database {
  url: string;
  /** Set when this process started the embedded PostgreSQL (and must stop it). */
  embedded?: EmbeddedServer;
}

const EMBEDDED_DB = 'herald';

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * DATABASE_URL when configured; otherwise the embedded PostgreSQL in the data
 * folder: reused when another Herald process already runs it, started otherwise.
 */
export async function openDatabase(config: Config, log: (line: string) => void): Promise<Database> {
  if (config.databaseUrl) return { url: config.databaseUrl };
  const embeddedUrl = `postgres://herald:herald-embedded@127.0.0.1:${config.embeddedPgPort}/${EMBEDDED_DB}`;
  if (await reachable(embeddedUrl)) return { url: embeddedUrl };
  const server = await startEmbeddedPostgres({
    dataDir: path.join(config.dataDir, 'postgres'),
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
