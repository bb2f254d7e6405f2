import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * The database connection goes away under load (pg_terminate_backend of every Herald
 * connection, again and again): the process lives, reconnects, and every accepted post
 * is published. DESIGN.md decision 12.
 */

let t: TestHerald;
let admin: pg.Client;

async function terminateHeraldConnections(): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(
    `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  return rows[0]?.n ?? 0;
}

async function listeners(): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND query = 'LISTEN herald_targets'`,
  );
  return rows[0]?.n ?? 0;
}

beforeAll(async () => {
  t = await startTestHerald({ env: { HERALD_POST_WAIT_MS: '0' } });
  admin = new pg.Client({ connectionString: t.databaseUrl });
  await admin.connect();
  await linkSandbox(t, ['facebook', 'bluesky']);
});
afterAll(async () => {
  await admin.end();
  await t.stop();
});

describe('the database connection dropped again and again under load', () => {
  it('no process ends, LISTEN stays one connection, every accepted post publishes once', async () => {
    const accepted: string[] = [];
    for (let round = 0; round < 12; round++) {
      for (let i = 0; i < 8; i++) {
        const res = await t
          .request('POST', '/api/post', {
            post: `drop ${round}-${i} #sandbox-delay-${(i * 37) % 200}`,
            platforms: ['facebook', 'bluesky'],
          })
          .catch(() => undefined);
        // Refused while the database is away (5xx): the client re-sends; only accepted posts count.
        if (res?.status === 200) accepted.push(res.body.id as string);
      }
      await new Promise((resolve) => setTimeout(resolve, 40 + ((round * 53) % 120)));
      await terminateHeraldConnections();
    }
    expect(accepted.length).toBeGreaterThan(40);
    // Within the bound the crash test states (test/faults/crash.test.ts): a job whose lock
    // outlived its runner (the drop cut the answer of its fetch or its completion, and the
    // runner restarted under a new pool id) is unlocked once that pool's heartbeat is 30 s old,
    // by the sweep that runs every minute; one locked by a fetch whose answer was cut while
    // its pool lived on is given back by that pool a minute later (unlockLostJobs). A job that
    // met a drop itself goes again a second later (src/jobs/again-soon.ts), not e^attempts s.
    await vi.waitFor(
      async () => {
        const { rows } = await admin.query<{ state: string; n: number }>(
          `SELECT state, count(*)::int AS n FROM targets WHERE post_id = ANY($1) GROUP BY state`,
          [accepted],
        );
        const states = Object.fromEntries(rows.map((r) => [r.state, r.n]));
        if (states.unconfirmed) {
          const { rows: why } = await admin.query(
            `SELECT t.platform, t.error, a.outcome, a.detail FROM targets t JOIN attempts a ON a.target_id = t.id
             WHERE t.state = 'unconfirmed' AND t.post_id = ANY($1) ORDER BY a.number`,
            [accepted],
          );
          console.log(JSON.stringify(why, null, 1));
        }
        expect(states).toEqual({ published: accepted.length * 2 });
      },
      { timeout: 120_000, interval: 500 },
    );
    // Published exactly once each: the sandbox network created every post once.
    const { rows: twice } = await admin.query('SELECT target_id FROM sandbox_ledger WHERE creates > 1');
    expect(twice).toEqual([]);
    await vi.waitFor(async () => expect(await listeners()).toBe(1), { timeout: 15_000 });
    // Ready again: a runner that gave up at the last drop is abandoned 5 s later and started
    // anew (src/jobs/supervised-runner.ts), so it may still be restarting when the posts are done.
    await vi.waitFor(
      async () => {
        const ready = await t.herald.server!.inject({ method: 'GET', url: '/readyz' });
        expect(ready.json()).toMatchObject({
          status: 'ready',
          checks: { notifications: 'listening', worker: 'running' },
        });
      },
      { timeout: 30_000, interval: 250 },
    );
  }, 240_000);

  it('after 20 drops in a row the API still holds one LISTEN connection and answers', async () => {
    for (let i = 0; i < 20; i++) {
      await terminateHeraldConnections();
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await vi.waitFor(async () => expect(await listeners()).toBe(1), { timeout: 15_000 });
    await vi.waitFor(async () => expect((await t.request('GET', '/api/user')).status).toBe(200));
  }, 60_000);
});
