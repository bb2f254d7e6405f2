import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/db/embedded.ts';
import { migrate } from '../../src/db/migrate.ts';
import { TEMPLATE_DB } from '../helpers/database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

/**
 * One real PostgreSQL (embedded binaries) for the whole run, on loopback. A
 * migrated template database is made once; each test file clones it.
 */
export default async function setup(project: TestProject) {
  const dir = path.resolve('.tmp', `pg-${process.pid}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.dirname(dir), { recursive: true });
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: 0, log: () => {} });
  const admin = pg.url('postgres');
  const { default: pgLib } = await import('pg');
  const client = new pgLib.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await client.end();
  await migrate(pg.url(TEMPLATE_DB));
  project.provide('pgAdminUrl', admin);
  return async () => {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
