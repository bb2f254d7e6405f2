import { quickAddJob, run } from 'graphile-worker';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { createPool } from '../../src/db/pool.ts';
import { withLocalQueue } from '../../src/jobs/engine-fetch.ts';
import { type SupervisedRunner, superviseRunner } from '../../src/jobs/supervised-runner.ts';
import { ENGINE_PRESET, workerLogger } from '../../src/jobs/worker.ts';
import { createLogger } from '../../src/ops/logger.ts';
import { createTestDatabase } from '../helpers/database.ts';

/**
 * graphile-worker 0.17.3 looks its task ids up on a runner's first fetch and keeps that lookup
 * for the runner's life, rejected too. Here the lookup really meets a dropped connection (its
 * backend terminated, as a database restart does): that runner never fetches a job again, and
 * the supervisor must replace it (supervised-runner.ts, FETCH_FAILURES_BEFORE_RESTART).
 */

let databaseUrl: string;
let pool: pg.Pool;
let admin: pg.Client;
let supervisor: SupervisedRunner | undefined;
const lines: string[] = [];

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  pool = createPool(databaseUrl, 4, () => undefined);
});
afterAll(async () => {
  await supervisor?.stop();
  await pool?.end();
  await admin?.end();
});

describe('a runner whose first task lookup met a dropped connection', () => {
  it('is replaced, and the next runner runs the job', async () => {
    // Each client's first query of graphile-worker's task table finds its backend terminated.
    let lookupsCut = 0;
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text;
        if (lookupsCut === 0 && text?.includes('_private_tasks')) {
          lookupsCut++;
          return admin
            .query('SELECT pg_terminate_backend($1)', [
              (client as unknown as { processID: number }).processID,
            ])
            .then(() => new Promise((resolve) => setTimeout(resolve, 100)))
            .then(() => query(...args));
        }
        return query(...args);
      };
    });
    const app = {
      log: createLogger('info', { write: (line: string) => lines.push(line) }),
      pool,
    } as unknown as AppContext;
    let ran = 0;
    let starts = 0;
    supervisor = superviseRunner(app, 'worker', (events, health) => {
      starts++;
      return run({
        pgPool: pool,
        events,
        preset: withLocalQueue(ENGINE_PRESET, 2),
        concurrency: 2,
        noHandleSignals: true,
        pollInterval: 300,
        logger: workerLogger(app, 'worker', health),
        taskList: {
          probe: async () => {
            ran++;
          },
        },
      });
    });
    await quickAddJob({ pgPool: pool }, 'probe', {});

    await vi.waitFor(() => expect(ran).toBe(1), { timeout: 30_000, interval: 100 });
    const messages = lines.map((line) => JSON.parse(line) as { msg: string });
    expect({
      lookupsCut,
      starts,
      fetchFailures: messages.filter((m) => m.msg.startsWith('Error occurred fetching jobs')).length,
      replaced: messages.filter((m) => m.msg === 'worker cannot fetch jobs; restarting it').length,
    }).toEqual({ lookupsCut: 1, starts: 2, fetchFailures: 5, replaced: 1 });
  }, 60_000);
});
