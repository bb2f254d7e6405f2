import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/database.ts';
import { seedQueuedBurst } from '../../test/helpers/queued-burst.ts';
import type { Queryable } from './pool.ts';
import { claimTargets, expiredLeases, findTargetByRef } from './targets.ts';

/**
 * The statements on `targets` read the rows they name, not a whole state (migration 037).
 * The statistics are those of a quiet install, taken while few targets were queued; then a
 * burst of scheduled posts falls due and thousands are queued at once, with no ANALYZE in
 * between (autovacuum is off on the table here, so the test does not depend on its timing).
 * With the old `targets_state` index the planner, trusting the stale count, read every
 * queued target to claim the few it was asked for.
 */

let db: pg.Client;
const QUEUED = 4000;

/** What a call sent: its statement and parameters, run as the call ran them. */
async function statementOf(
  call: (q: Queryable) => Promise<unknown>,
): Promise<{ text: string; values: unknown[] }> {
  let sent: { text: string; values: unknown[] } | undefined;
  const spy = {
    query: (text: string, values: unknown[]) => {
      sent = { text, values };
      return db.query(text, values);
    },
  } as unknown as Queryable;
  await db.query('BEGIN');
  try {
    await call(spy);
  } finally {
    await db.query('ROLLBACK');
  }
  if (!sent) throw new Error('the call sent no statement');
  return sent;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: PlanNode[];
}

function* nodes(plan: PlanNode): Generator<PlanNode> {
  yield plan;
  for (const child of plan.Plans ?? []) yield* nodes(child);
}

/** The plan PostgreSQL ran for the statement (EXPLAIN ANALYZE, in a transaction rolled back). */
async function planOf(sent: { text: string; values: unknown[] }): Promise<PlanNode> {
  await db.query('BEGIN');
  try {
    const { rows } = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${sent.text}`,
      sent.values,
    );
    const explained = rows[0]?.['QUERY PLAN'][0];
    if (!explained) throw new Error('EXPLAIN answered no plan');
    return explained.Plan;
  } finally {
    await db.query('ROLLBACK');
  }
}

/** Every index a plan reads `targets` through, and the most rows one such read returned. */
function targetReads(plan: PlanNode): { indexes: string[]; mostRows: number } {
  const reads = [...nodes(plan)].filter((n) => n['Index Name']?.startsWith('targets_'));
  return {
    indexes: [...new Set(reads.map((n) => n['Index Name'] as string))].sort(),
    mostRows: Math.max(0, ...reads.map((n) => n['Actual Rows'])),
  };
}

beforeAll(async () => {
  db = new pg.Client({ connectionString: await createTestDatabase() });
  await db.connect();
  await seedQueuedBurst(db, QUEUED);
}, 60_000);
afterAll(() => db.end());

describe('statements on targets read what they name', () => {
  it('a claim of 20 targets in a burst of thousands queued reads about 20 targets', async () => {
    const { rows } = await db.query<{ id: string }>(
      "SELECT id FROM targets WHERE state = 'queued' ORDER BY random() LIMIT 20",
    );
    const ids = rows.map((r) => r.id);
    const sent = await statementOf((q) => claimTargets(q, ids, 60_000));
    const plan = await planOf(sent);
    const reads = targetReads(plan);
    expect(reads.indexes).not.toContain('targets_state');
    // A bitmap read of 20 ids may count an id per search of the index: well under the burst.
    expect(reads.mostRows, JSON.stringify(reads)).toBeLessThanOrEqual(2 * ids.length);
    // And the claim still claims them all.
    const claims = await db.query('BEGIN').then(() => claimTargets(db, ids, 60_000));
    await db.query('ROLLBACK');
    expect(claims.filter(Boolean)).toHaveLength(20);
  });

  it('a pending target is found by its reference through the index of references', async () => {
    const { rows } = await db.query<{ id: string }>(
      `UPDATE targets SET state = 'pending', extra = jsonb_build_object('ref', 'publish-' || post_id)
       WHERE post_id IN ('burst-1', 'burst-2') AND platform = 'facebook' RETURNING id`,
    );
    expect(rows).toHaveLength(2);
    const found = await findTargetByRef(db, 'facebook', 'publish-burst-2');
    expect(found?.postId).toBe('burst-2');
    const sent = await statementOf((q) => findTargetByRef(q, 'facebook', 'publish-burst-2'));
    await db.query('SET enable_seqscan = off');
    try {
      expect(targetReads(await planOf(sent)).indexes).toEqual(['targets_platform_ref']);
    } finally {
      await db.query('RESET enable_seqscan');
    }
    // Only targets with a reference are in it.
    const { rows: index } = await db.query<{ indexdef: string }>(
      "SELECT indexdef FROM pg_indexes WHERE indexname = 'targets_platform_ref'",
    );
    expect(index[0]?.indexdef).toMatch(/WHERE \(\(extra ->> 'ref'::text\) IS NOT NULL\)$/);
    const { rows: size } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM targets WHERE (extra->>'ref') IS NOT NULL`,
    );
    expect(Number(size[0]?.n)).toBe(2);
  });

  it('expired leases are found through the index of targets being sent, not the queued burst', async () => {
    await db.query(
      `UPDATE targets SET state = 'sending', lease_until = now() - interval '1 min'
       WHERE post_id = 'burst-3'`,
    );
    expect(await expiredLeases(db)).toHaveLength(2);
    const sent = await statementOf((q) => expiredLeases(q));
    await db.query('SET enable_seqscan = off');
    try {
      expect(targetReads(await planOf(sent))).toEqual({ indexes: ['targets_account_sending'], mostRows: 2 });
    } finally {
      await db.query('RESET enable_seqscan');
    }
  });
});
