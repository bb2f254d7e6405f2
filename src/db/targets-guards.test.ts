import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/database.ts';
import { EDGES, TARGET_STATES, type TargetOperation, type TargetState } from '../posts/target-state.ts';
import {
  cancelQueued,
  claimTarget,
  markDeleted,
  markFailed,
  markPending,
  markPublished,
  markUnconfirmed,
  requeueAfter,
  requeueForRetry,
} from './targets.ts';

/**
 * The SQL guards of src/db/targets.ts against the transition table, edge by edge: a
 * target is put in every state, every operation is tried on it, and it must move exactly
 * when the table has that edge. A wrong guard fails here, not only end to end.
 */

let db: pg.Client;
const POST = 'post-guards';

/** The operations a call performs: most one; the explicit retry with unconfirmed two. */
const PERFORMS: Partial<Record<TargetOperation, TargetOperation[]>> = {
  retryUnconfirmed: ['retry', 'retryUnconfirmed'],
};

/** Each operation as the code runs it, on one target (or on its post). */
const RUN: Record<TargetOperation, (id: string) => Promise<unknown>> = {
  claim: (id) => claimTarget(db, id, 60_000),
  cancel: () => cancelQueued(db, POST),
  publish: (id) => markPublished(db, id, { networkPostId: 'n-1', postUrl: 'https://n/1', extra: null }),
  fail: (id) => markFailed(db, id, { code: 621 }),
  pend: (id) => markPending(db, id, 'ref-1'),
  unconfirm: (id) => markUnconfirmed(db, id, { code: 626 }),
  requeue: (id) => requeueAfter(db, id, new Date()),
  retry: () => requeueForRetry(db, POST, false),
  // An explicit retry that includes unconfirmed targets retries the failed ones too.
  retryUnconfirmed: () => requeueForRetry(db, POST, true),
  delete: (id) => markDeleted(db, id),
};

beforeAll(async () => {
  db = new pg.Client({ connectionString: await createTestDatabase() });
  await db.connect();
  await db.query(
    "INSERT INTO profiles (id, title, ref_id, is_primary) VALUES (gen_random_uuid(), 'p', 'r', true)",
  );
  await db.query(
    `INSERT INTO posts (id, profile_id, text, platforms, type) SELECT $1, id, 'x', '{facebook}', 'now' FROM profiles`,
    [POST],
  );
});
afterAll(() => db.end());

async function targetIn(state: TargetState): Promise<string> {
  await db.query('DELETE FROM attempts');
  await db.query('DELETE FROM targets');
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO targets (id, post_id, platform, state, network_post_id, post_url)
     VALUES (gen_random_uuid(), $1, 'facebook', $2, 'n-0', 'https://n/0') RETURNING id`,
    [POST, state],
  );
  return rows[0]?.id as string;
}

const OPERATIONS = Object.keys(RUN) as TargetOperation[];
const CASES = OPERATIONS.flatMap((op) => TARGET_STATES.map((from) => [op, from] as const));

describe('every SQL guard follows the transition table', () => {
  it.each(CASES)('%s from %s', async (op, from) => {
    const id = await targetIn(from);
    await RUN[op](id);
    const { rows } = await db.query<{ state: TargetState }>('SELECT state FROM targets WHERE id = $1', [id]);
    const edge = EDGES.find((e) => (PERFORMS[op] ?? [op]).includes(e.op) && e.from === from);
    expect(rows[0]?.state).toBe(edge ? edge.to : from);
  });

  it('every edge of the table is some operation’s', () => {
    for (const edge of EDGES) expect(OPERATIONS).toContain(edge.op);
  });
});
