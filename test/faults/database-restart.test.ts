import { rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type EmbeddedServer, startEmbeddedPostgres } from '../../src/db/embedded.ts';
import { migrate } from '../../src/db/migrate.ts';
import { callApi, type HeraldProcess, sharedEnv, startHeraldProcess } from '../helpers/herald-process.ts';

/**
 * PostgreSQL itself stopped and started again under load, then every connection of both
 * processes cut (pg_terminate_backend), with the API and the worker as separate `herald serve`
 * processes: neither process ends, both reconnect (the API gets its LISTEN back and says so in
 * /readyz), and every post Herald accepted is published, once.
 * The cluster is this file's own (stopping the shared one would pull the floor from under
 * every other test file).
 */

const PLATFORMS = ['facebook', 'bluesky', 'telegram'] as const;
const DATABASE = 'herald_restart';

let dataDir: string;
let port: number;
let server: EmbeddedServer | undefined;
let api: HeraldProcess;
let worker: HeraldProcess;
let databaseUrl: string;

const startCluster = async () => {
  server = await startEmbeddedPostgres({ dataDir, port, log: () => {} });
  port = server.port;
  return server;
};

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  dataDir = path.resolve('.tmp', `pg-restart-${process.pid}`);
  await rm(dataDir, { recursive: true, force: true });
  port = 0;
  const cluster = await startCluster();
  const client = new pg.Client({ connectionString: cluster.url('postgres') });
  await client.connect();
  await client.query(`CREATE DATABASE ${DATABASE}`);
  await client.end();
  databaseUrl = cluster.url(DATABASE);
  await migrate(databaseUrl);
  const env = sharedEnv(databaseUrl, { HERALD_POST_WAIT_MS: '0', HERALD_WEBHOOK_CONCURRENCY: '0' });
  api = await startHeraldProcess('api', env);
  worker = await startHeraldProcess('worker', { ...env, HERALD_WORKER_CONCURRENCY: '8' });
  for (const platform of PLATFORMS) {
    const res = await callApi(api, 'POST', '/api/accounts', { platform, credentials: { sandbox: true } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
}, 120_000);
afterAll(async () => {
  await worker?.stop();
  await api?.stop();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Posts `count` posts; returns the ids Herald accepted (200). While the database is away it refuses. */
async function post(
  label: string,
  count: number,
): Promise<{ accepted: string[]; refused: number[]; codes: unknown[] }> {
  const accepted: string[] = [];
  const refused: number[] = [];
  const codes: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const res = await callApi(api, 'POST', '/api/post', {
      post: `${label} ${i} #sandbox-delay-${100 + ((i * 131) % 600)}`,
      platforms: PLATFORMS,
    }).catch(() => undefined);
    if (res?.status === 200) accepted.push(res.body.id as string);
    else {
      refused.push(res?.status ?? 0);
      codes.push(res?.body?.code);
    }
  }
  return { accepted, refused, codes };
}

describe('PostgreSQL stopped and started again under load', () => {
  it('no process ends, both reconnect, and every accepted post is published once', async () => {
    const before = await post('before', 20);
    expect(before.refused).toEqual([]);

    // Stopped with sends in flight (each takes 0.1-0.7 s), started again on the same port.
    await server!.stop();
    server = undefined;
    const during = await post('during', 5);
    // Refused in catalog form while PostgreSQL is away (649, 503: its socket file is gone, its
    // TCP port refuses), never accepted without it.
    expect(during.accepted).toEqual([]);
    expect({ refused: during.refused, codes: during.codes }).toEqual({
      refused: [503, 503, 503, 503, 503],
      codes: [649, 649, 649, 649, 649],
    });
    const ready = await callApi(api, 'GET', '/readyz');
    expect(ready.status).toBe(503);
    await startCluster();

    // The API finds the database again (a pooled connection, the LISTEN one).
    await vi.waitFor(
      async () => {
        const res = await callApi(api, 'GET', '/readyz');
        expect(res.body).toMatchObject({ status: 'ready', checks: { notifications: 'listening' } });
      },
      { timeout: 60_000, interval: 250 },
    );
    const after = await post('after', 10);
    expect(after.refused).toEqual([]);

    // Then every connection of both processes cut (pg_terminate_backend) with sends in flight.
    const cut = await withAdmin(async (db) => {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      return rows[0]?.n ?? 0;
    });
    expect(cut).toBeGreaterThan(1);
    // A request may meet a dropped connection (5xx, re-sent by the client); only accepted posts count.
    const afterCut = await post('after cut', 10);
    const accepted = [...before.accepted, ...after.accepted, ...afterCut.accepted];
    expect(afterCut.accepted.length).toBeGreaterThan(0);

    await vi.waitFor(
      async () => {
        // Every post in the database, the accepted ones and any whose answer was lost, is published.
        const rows = await withAdmin(async (db) => {
          const { rows } = await db.query<{ state: string; n: number }>(
            'SELECT state, count(*)::int AS n FROM targets GROUP BY state',
          );
          return rows;
        });
        expect(rows.filter((r) => r.state !== 'published')).toEqual([]);
      },
      { timeout: 120_000, interval: 500 },
    );
    const { published, twice, listeners } = await withAdmin(async (db) => ({
      published: (
        await db.query<{ post_id: string }>(
          `SELECT DISTINCT post_id FROM targets WHERE state = 'published' AND post_id = ANY($1)`,
          [accepted],
        )
      ).rows.length,
      twice: (await db.query('SELECT target_id FROM sandbox_ledger WHERE creates > 1')).rows,
      listeners: (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = 'LISTEN herald_targets'`,
        )
      ).rows[0]?.n,
    }));
    expect(published).toBe(accepted.length);
    expect(twice).toEqual([]);
    expect(listeners).toBe(1);
    expect(api.alive).toBe(true);
    expect(worker.alive).toBe(true);
  }, 300_000);
});
