import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/database.ts';
import { workerBatches } from '../jobs/worker-batches.ts';
import { createLogger } from '../ops/logger.ts';
import type { AppContext } from './context.ts';
import { waitForTargets } from './post-responses.ts';
import { TargetWaiter } from './target-waiter.ts';

let pool: pg.Pool;
let waiter: TargetWaiter;
let reads = 0;

beforeAll(async () => {
  const url = await createTestDatabase();
  pool = new pg.Pool({ connectionString: url, max: 4 });
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  // Counts the reads of the post's targets that waitForTargets makes (the statement it shares with the answer).
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    if (/^SELECT [^;]* FROM targets WHERE post_id = ANY/.test(String(args[0]))) reads += 1;
    return query(...args);
  };
  // No fallback poll within the test: only notifications wake the wait.
  waiter = new TargetWaiter(url, createLogger('silent'), 600_000);
  await waiter.start();
  await pool.query(
    "INSERT INTO profiles (id, title, ref_id, is_primary) VALUES (gen_random_uuid(), 'p', 'r', true)",
  );
});
afterAll(async () => {
  await waiter?.stop();
  await pool?.end();
});

/** A post with two targets in flight; returns their ids. */
async function postWithTwoTargets(postId: string): Promise<[string, string]> {
  await pool.query(
    "INSERT INTO posts (id, profile_id, text, platforms, type) SELECT $1, id, 'x', '{facebook,x}', 'now' FROM profiles",
    [postId],
  );
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO targets (id, post_id, platform, state)
     VALUES (gen_random_uuid(), $1, 'facebook', 'sending'), (gen_random_uuid(), $1, 'x', 'queued')
     RETURNING id`,
    [postId],
  );
  return [rows[0]?.id as string, rows[1]?.id as string];
}

const publish = (id: string) =>
  pool.query("UPDATE targets SET state = 'published', network_post_id = 'n-' || id WHERE id = $1", [id]);

/** Resolves once the waiter has delivered a notice naming `targetId` (to every waiter of the post). */
function heardOf(postId: string, targetId: string): Promise<boolean> {
  return waiter.waitFor(postId, 10_000, async (heard) => heard?.includes(targetId) ?? false);
}

/**
 * Publishes one target and returns once its notice reached the post's waiters and they ran:
 * a read a woken wait made would have been sent by then.
 */
async function publishHeard(postId: string, targetId: string): Promise<void> {
  const heard = heardOf(postId, targetId);
  await publish(targetId);
  await heard;
  await new Promise((resolve) => setImmediate(resolve));
}

describe('waitForTargets', () => {
  it('reads the targets once, after the last awaited one settled, and answers that read', async () => {
    const [first, second] = await postWithTwoTargets('post-wait-1');
    reads = 0;
    const app = { pool, waiter, batches: workerBatches(pool, 60_000) } as unknown as AppContext; // only what waitForTargets uses
    const answer = waitForTargets(app, 'post-wait-1', 10_000);
    await expect
      .poll(
        async () =>
          (await pool.query('SELECT count(*)::int AS n FROM targets WHERE awaited_until IS NOT NULL')).rows[0]
            .n,
      )
      .toBe(2);
    await publishHeard('post-wait-1', first);
    expect(reads).toBe(0);
    await publish(second);
    const targets = await answer;
    expect(targets?.map((t) => t.state)).toEqual(['published', 'published']);
    expect(reads).toBe(1);
  });

  it('reads at once when nothing was in flight, and after a notice it cannot attribute', async () => {
    const [first, second] = await postWithTwoTargets('post-wait-2');
    await publish(first);
    await publish(second);
    reads = 0;
    const app = { pool, waiter, batches: workerBatches(pool, 60_000) } as unknown as AppContext;
    expect((await waitForTargets(app, 'post-wait-2', 10_000))?.length).toBe(2);
    expect(reads).toBe(1);

    const [third, fourth] = await postWithTwoTargets('post-wait-3');
    reads = 0;
    const answer = waitForTargets(app, 'post-wait-3', 10_000);
    await expect
      .poll(
        async () =>
          (
            await pool.query(
              "SELECT count(*)::int AS n FROM targets WHERE post_id = 'post-wait-3' AND awaited_until IS NOT NULL",
            )
          ).rows[0].n,
      )
      .toBe(2);
    // A notice in the format before migration 033 (the post alone): the wait must read.
    await pool.query("SELECT pg_notify('herald_targets', 'post-wait-3')");
    await expect.poll(() => reads).toBe(1);
    await publish(third);
    await publish(fourth);
    expect((await answer)?.every((t) => t.state === 'published')).toBe(true);
    expect(reads).toBe(2);
  });

  it('targets marked as the accept wrote them: no mark of its own, one read after the last settle', async () => {
    const [first, second] = await postWithTwoTargets('post-wait-4');
    // What the accept does for an immediate post: awaited_until written with the target.
    await pool.query(
      "UPDATE targets SET awaited_until = now() + interval '1 minute' WHERE post_id = 'post-wait-4'",
    );
    reads = 0;
    let marks = 0;
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    const app = {
      pool: {
        query: (...args: unknown[]) => {
          if (String(args[0]).includes('UPDATE targets SET awaited_until')) marks += 1;
          return query(...args);
        },
      },
      waiter,
      batches: workerBatches(pool, 60_000),
    } as unknown as AppContext;
    const answer = waitForTargets(app, 'post-wait-4', 10_000, [first, second]);
    await publishHeard('post-wait-4', first);
    expect(reads).toBe(0);
    await publish(second);
    expect((await answer)?.map((t) => t.state)).toEqual(['published', 'published']);
    expect(reads).toBe(1);
    expect(marks).toBe(0);
  });
});
