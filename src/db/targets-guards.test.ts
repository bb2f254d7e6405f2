import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/database.ts';
import { EDGES, TARGET_STATES, type TargetOperation, type TargetState } from '../posts/target-state.ts';
import {
  addTargetWarning,
  cancelQueued,
  claimTarget,
  countTargetsByState,
  expiredLeases,
  findTarget,
  findTargetByRef,
  holdLease,
  markAwaited,
  markDeleted,
  markFailed,
  markGivenUp,
  markPending,
  markPollingStopped,
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
  // The target has no job: nothing else will take it up.
  giveUp: (id) => markGivenUp(db, id, { code: 679 }, { key: `target:${id}`, id: '0' }),
  pend: (id) => markPending(db, id, 'ref-1'),
  unconfirm: (id) => markUnconfirmed(db, id, { code: 626 }),
  // The target has no other poll job: nothing else will ask about it.
  stopPolling: (id) => markPollingStopped(db, id, { code: 626 }, { key: `poll:${id}`, id: '0' }),
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

/** A guard's answer: true, the rows it moved, or the claim; false, none, or undefined. */
function moved(said: unknown): boolean {
  if (Array.isArray(said)) return said.length > 0;
  if (typeof said === 'boolean') return said;
  return said !== undefined;
}

const OPERATIONS = Object.keys(RUN) as TargetOperation[];
const CASES = OPERATIONS.flatMap((op) => TARGET_STATES.map((from) => [op, from] as const));

describe('every SQL guard follows the transition table', () => {
  it.each(CASES)('%s from %s', async (op, from) => {
    const id = await targetIn(from);
    const said = await RUN[op](id);
    const { rows } = await db.query<{ state: TargetState }>('SELECT state FROM targets WHERE id = $1', [id]);
    const edge = EDGES.find((e) => (PERFORMS[op] ?? [op]).includes(e.op) && e.from === from);
    expect(rows[0]?.state).toBe(edge ? edge.to : from);
    // What the call tells its caller agrees with what it did (the caller acts on it).
    if (op !== 'delete') expect(moved(said), 'the call says it moved the target').toBe(edge !== undefined);
  });

  it('every edge of the table is some operation’s', () => {
    for (const edge of EDGES) expect(OPERATIONS).toContain(edge.op);
  });
});

describe('the other target queries', () => {
  it('a claim returns the post and the account as stored, read by the same statement', async () => {
    const id = await targetIn('queued');
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO accounts (id, profile_id, platform, sandbox, external_id, username, display_name, profile_url,
         credentials, token_expires_at)
       SELECT gen_random_uuid(), id, 'facebook', true, 'ext-1', 'u', 'U', 'https://f/u', 'sealed',
         '2030-01-02T03:04:05.678Z' FROM profiles RETURNING id`,
    );
    const accountId = rows[0]?.id as string;
    await db.query('UPDATE targets SET account_id = $2 WHERE id = $1', [id, accountId]);
    await db.query(
      `UPDATE posts SET options = '{"facebook":{"a":1}}', schedule_date = '2026-01-01T00:00:00.5Z' WHERE id = $1`,
      [POST],
    );
    try {
      const claim = await claimTarget(db, id, 60_000);
      expect(claim?.post).toMatchObject({
        id: POST,
        text: 'x',
        platforms: ['facebook'],
        options: { facebook: { a: 1 } },
        scheduleDate: new Date('2026-01-01T00:00:00.5Z'),
        approvedAt: null,
        paused: false,
      });
      expect(claim?.post.dueAt).toBeInstanceOf(Date);
      expect(claim?.account).toMatchObject({
        id: accountId,
        sandbox: true,
        username: 'u',
        sealedCredentials: 'sealed',
        token: { expiresAt: new Date('2030-01-02T03:04:05.678Z') },
      });
      // An unlinked account (account_id set null) claims with no account: the job fails the target.
      await db.query("UPDATE targets SET state = 'queued', account_id = NULL WHERE id = $1", [id]);
      expect((await claimTarget(db, id, 60_000))?.account).toBeUndefined();
    } finally {
      await db.query('UPDATE posts SET options = $2, schedule_date = NULL WHERE id = $1', [POST, {}]);
      await db.query('DELETE FROM targets');
      await db.query('DELETE FROM accounts');
    }
  });

  it('marks as awaited only the targets of that post still in flight', async () => {
    const id = await targetIn('sending');
    await db.query(
      `INSERT INTO targets (id, post_id, platform, state, network_post_id, post_url)
       VALUES (gen_random_uuid(), $1, 'x', 'published', 'n-1', 'https://n/1')`,
      [POST],
    );
    expect(await markAwaited(db, POST, 60_000)).toEqual([id]);
    expect(await markAwaited(db, 'another-post', 60_000)).toEqual([]);
    const { rows } = await db.query<{ state: string; awaited: boolean }>(
      `SELECT state, awaited_until BETWEEN now() + interval '50 seconds' AND now() + interval '70 seconds' AS awaited
       FROM targets WHERE post_id = $1 ORDER BY state`,
      [POST],
    );
    expect(rows).toEqual([
      { state: 'published', awaited: null },
      { state: 'sending', awaited: true },
    ]);
    expect(await markFailed(db, id, { code: 621 })).toBe(true);
    expect(await markAwaited(db, POST, 60_000)).toEqual([]);
  });

  it('a claim takes the lease and opens attempt 1; a publish with the attempt’s end closes it in the same statement', async () => {
    const id = await targetIn('queued');
    const claim = await claimTarget(db, id, 60_000);
    expect(claim).toMatchObject({ attempt: 1, target: { id, state: 'sending' } });
    expect(await holdLease(db, id, new Date(Date.now() + 120_000))).toBe(true);
    const published = await markPublished(
      db,
      id,
      { networkPostId: 'n-9', postUrl: 'https://n/9', extra: { a: 1 }, warnings: [{ code: 680 }] },
      { number: 1, outcome: 'published', errorCode: null, detail: 'fine' },
    );
    expect(published).toBe(true);
    const { rows } = await db.query(
      'SELECT outcome, error_code, detail, finished_at IS NOT NULL AS finished FROM attempts WHERE target_id = $1',
      [id],
    );
    expect(rows).toEqual([{ outcome: 'published', error_code: null, detail: 'fine', finished: true }]);
    expect(await findTarget(db, id)).toMatchObject({
      state: 'published',
      networkPostId: 'n-9',
      postUrl: 'https://n/9',
    });
    // Not sending any more: neither the lease nor a second publish moves it.
    expect(await holdLease(db, id, new Date())).toBe(false);
    expect(
      await markPublished(
        db,
        id,
        { networkPostId: 'n-10', postUrl: 'x', extra: null },
        {
          number: 1,
          outcome: 'published',
          errorCode: null,
          detail: null,
        },
      ),
    ).toBe(false);
    expect(await findTarget(db, '00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });

  it('a failure with the attempt’s end records the code', async () => {
    const id = await targetIn('sending');
    await db.query('INSERT INTO attempts (target_id, number) VALUES ($1, 1)', [id]);
    expect(
      await markFailed(db, id, { code: 622 }, { number: 1, outcome: 'failed', errorCode: 622, detail: 'no' }),
    ).toBe(true);
    const { rows } = await db.query('SELECT outcome, error_code, detail FROM attempts WHERE target_id = $1', [
      id,
    ]);
    expect(rows).toEqual([{ outcome: 'failed', error_code: 622, detail: 'no' }]);
  });

  it('finds a pending target by its network reference, and only on its network', async () => {
    const id = await targetIn('sending');
    expect(await markPending(db, id, 'publish-123')).toBe(true);
    expect((await findTargetByRef(db, 'facebook', 'publish-123'))?.id).toBe(id);
    expect(await findTargetByRef(db, 'tiktok', 'publish-123')).toBeUndefined();
    expect(await findTargetByRef(db, 'facebook', 'publish-999')).toBeUndefined();
  });

  it('warnings accumulate', async () => {
    const id = await targetIn('published');
    await addTargetWarning(db, id, { code: 680 });
    await addTargetWarning(db, id, { code: 681 });
    const { rows } = await db.query('SELECT warnings FROM targets WHERE id = $1', [id]);
    expect(rows[0]?.warnings).toEqual([{ code: 680 }, { code: 681 }]);
  });

  it('expired leases are the sending targets past their lease, and only those', async () => {
    const id = await targetIn('sending');
    await db.query(`UPDATE targets SET lease_until = now() + interval '1 minute' WHERE id = $1`, [id]);
    expect(await expiredLeases(db)).toEqual([]);
    await db.query(`UPDATE targets SET lease_until = now() - interval '1 second' WHERE id = $1`, [id]);
    expect(await expiredLeases(db)).toEqual([id]);
    await db.query(`UPDATE targets SET state = 'queued' WHERE id = $1`, [id]);
    expect(await expiredLeases(db)).toEqual([]);
  });

  it('counts targets by network and state', async () => {
    await targetIn('queued');
    expect(await countTargetsByState(db)).toEqual([{ platform: 'facebook', state: 'queued', n: 1 }]);
  });
});
