import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_NAMES } from '../../src/db/pool.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * Herald as started (startHerald) writes a post's accept through the accept batches' own
 * pipelined connections (createPipelinePool, src/db/pool.test.ts shows what pipelined means),
 * and each kind of connection names itself to PostgreSQL, so an operator reading
 * `pg_stat_activity` tells them apart. Seen from PostgreSQL: which connection ran what.
 */

let h: TestHerald;
let observer: pg.Client;

interface Connection {
  name: string;
  query: string;
}

async function connections(): Promise<Connection[]> {
  const { rows } = await observer.query<Connection>(
    `SELECT application_name AS name, query FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
  );
  return rows;
}

beforeAll(async () => {
  h = await startTestHerald();
  observer = new pg.Client({ connectionString: h.databaseUrl });
  await observer.connect();
  const linked = await h.request('POST', '/api/accounts', {
    platform: 'linkedin',
    credentials: { sandbox: true },
  });
  expect(linked.status).toBe(200);
});
afterAll(async () => {
  await observer?.end();
  await h?.stop();
});

describe('the connections of a running Herald', () => {
  it("a scheduled post's accept runs on the accept batches' connection, its last statement the COMMIT", async () => {
    const res = await h.request('POST', '/api/post', {
      post: 'through the accept pool',
      platforms: ['linkedin'],
      scheduleDate: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('scheduled');
    const accept = (await connections()).filter((c) => c.name === APPLICATION_NAMES.accept);
    expect(accept.length).toBeGreaterThan(0);
    expect(accept.some((c) => c.query === 'COMMIT')).toBe(true);
  });

  it('each connection names its pool: the main pool, the engine, the listener and the accept batches', async () => {
    const names = new Set((await connections()).map((c) => c.name));
    expect([...names].sort()).toEqual(Object.values(APPLICATION_NAMES).sort());
  });
});
