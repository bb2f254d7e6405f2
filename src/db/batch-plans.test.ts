import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, insertProfileWithAccount } from '../../test/helpers/database.ts';
import { listTargets } from './posts.ts';
import { budgetUsages, markPublishedMany, saveProgress } from './targets.ts';

/**
 * The worker's batched statements name their rows in a JSON document, which PostgreSQL
 * estimates at 100 rows whatever it holds. Against a table of a few thousand targets it then
 * chose to read every target (and every attempt) for a batch of eight. Each statement also
 * names its targets as an array (`= ANY`), so they are read through their index: the table's
 * size no longer sets the cost of a settle or a progress save.
 */

let db: pg.Client;
const TARGETS = 4000;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

beforeAll(async () => {
  db = new pg.Client({ connectionString: await createTestDatabase() });
  await db.connect();
  await db.query(
    `INSERT INTO profiles (id, title, ref_id, is_primary) VALUES ('00000000-0000-4000-8000-000000000099', 'p', 'r99', false)`,
  );
  await db.query(
    `INSERT INTO posts (id, profile_id, text, platforms, type)
     SELECT 'b-' || n, '00000000-0000-4000-8000-000000000099', 'x', '{linkedin}', 'now' FROM generate_series(1, $1::int) n`,
    [TARGETS],
  );
  await db.query(
    `INSERT INTO targets (id, post_id, platform, state, attempts, lease_until)
     SELECT ('00000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, 'b-' || n, 'linkedin', 'sending', 1,
            now() + interval '1 minute'
     FROM generate_series(1, $1::int) n`,
    [TARGETS],
  );
  await db.query('INSERT INTO attempts (target_id, number) SELECT id, 1 FROM targets');
  await db.query('ANALYZE targets');
  await db.query('ANALYZE attempts');
});
afterAll(async () => {
  await db?.end();
});

/** Sequential scans of targets and attempts made by `work` on that connection (`db` by default). */
async function seqScansOf(
  work: () => Promise<unknown>,
  client: pg.Client = db,
): Promise<{ targets: number; attempts: number }> {
  const read = async () => {
    await client.query('SELECT pg_stat_force_next_flush()');
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query<{ relname: string; seq: string }>(
      `SELECT relname, seq_scan AS seq FROM pg_stat_user_tables WHERE relname IN ('targets', 'attempts')`,
    );
    const of = (name: string) => Number(rows.find((r) => r.relname === name)?.seq);
    return { targets: of('targets'), attempts: of('attempts') };
  };
  const before = await read();
  await work();
  const after = await read();
  return { targets: after.targets - before.targets, attempts: after.attempts - before.attempts };
}

/** These targets settled as published, each with its first attempt's end (on `db` by default). */
function settle(ids: readonly string[], client: pg.Client = db): Promise<boolean[]> {
  return markPublishedMany(
    client,
    ids.map((id) => ({
      id,
      result: { networkPostId: `n-${id}`, postUrl: `https://x/${id}`, extra: null },
      end: { number: 1, outcome: 'published', errorCode: null, detail: null },
    })),
  );
}

describe('the batched worker statements read their rows through the index', () => {
  it('a progress save of eight targets', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => uuid(i + 1));
    const scans = await seqScansOf(() =>
      saveProgress(
        db,
        ids.map((id) => ({ id, progress: { step: 1 } })),
      ),
    );
    expect(scans.targets).toBe(0);
    const { rows } = await db.query(
      'SELECT count(*)::int AS n FROM targets WHERE progress @> \'{"step": 1}\'',
    );
    expect(rows[0]?.n).toBe(8);
  });

  it('a settle of eight targets, with their attempts', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => uuid(100 + i));
    let moved: boolean[] = [];
    const scans = await seqScansOf(async () => {
      moved = await settle(ids);
    });
    expect(moved).toEqual(ids.map(() => true));
    expect(scans).toEqual({ targets: 0, attempts: 0 });
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM attempts WHERE target_id = ANY($1::uuid[]) AND outcome = 'published'`,
      [ids],
    );
    expect(rows[0]?.n).toBe(8);
  });

  it("ten reads of eight posts' targets (a waiting request's): each through the index, rows whole", async () => {
    const scans = await seqScansOf(async () => {
      for (let round = 0; round < 10; round++) {
        const posts = Array.from({ length: 8 }, (_, i) => `b-${300 + round * 8 + i}`);
        const targets = await listTargets(db, posts);
        expect(targets.map((t) => t.postId)).toEqual([...posts].sort());
        expect(
          targets.every((t) => t.state === 'sending' && t.attempts === 1 && t.updatedAt instanceof Date),
        ).toBe(true);
      }
    });
    expect(scans.targets).toBe(0);
  });

  it('ten settles and ten progress saves in a row: the later plans of the prepared settle read through the index too', async () => {
    // A named statement is planned for its values five times, then PostgreSQL may keep a plan
    // made without them (a generic plan, which does not know the array's length).
    const scans = await seqScansOf(async () => {
      for (let round = 0; round < 10; round++) {
        const ids = Array.from({ length: 8 }, (_, i) => uuid(200 + round * 8 + i));
        await saveProgress(
          db,
          ids.map((id) => ({ id, progress: { round } })),
        );
        const moved = await settle(ids);
        expect(moved).toEqual(ids.map(() => true));
      }
    });
    expect(scans).toEqual({ targets: 0, attempts: 0 });
    const { rows } = await db.query<{ name: string; generic: string }>(
      `SELECT name, generic_plans AS generic FROM pg_prepared_statements WHERE name = 'herald_mark_published'`,
    );
    // The settle was run on its generic plan too, so what was counted above covers it (the
    // progress save is planned on every call: see the last test).
    expect(rows.map((r) => [r.name, Number(r.generic) > 0])).toEqual([['herald_mark_published', true]]);
  });
});

describe('a plan PostgreSQL keeps from when the tables were small', () => {
  // A fresh install: the first executions of a named statement meet nearly empty tables, and
  // after five PostgreSQL may keep the plan it makes then, without the values, until the next
  // ANALYZE (autovacuum's, a minute or more later). Made on a table of a few rows, that plan
  // may read the whole table, and a table that grows makes each call dearer: a progress save
  // of 32 targets went from 3 to 15 ms as its table grew from empty to 47,000 targets.
  let fresh: pg.Client;
  const PROFILE = '00000000-0000-4000-8000-000000000098';
  const ACCOUNT = '00000000-0000-4000-9000-000000000001';
  let next = 1;

  /** Adds `n` targets being sent (with their posts and first attempts); their ids. */
  async function sending(n: number): Promise<string[]> {
    const first = next;
    next += n;
    const { rows } = await fresh.query<{ id: string }>(
      `WITH p AS (
         INSERT INTO posts (id, profile_id, text, platforms, type)
         SELECT 'g-' || k, $3, 'x', '{linkedin}', 'now' FROM generate_series($1::int, $2::int) k RETURNING id
       ), t AS (
         INSERT INTO targets (id, post_id, platform, account_id, state, attempts, lease_until)
         SELECT gen_random_uuid(), p.id, 'linkedin', $4, 'sending', 1, now() + interval '1 minute' FROM p
         RETURNING id
       ), a AS (INSERT INTO attempts (target_id, number) SELECT id, 1 FROM t)
       SELECT id FROM t`,
      [first, next - 1, PROFILE, ACCOUNT],
    );
    return rows.map((r) => r.id);
  }

  beforeAll(async () => {
    fresh = new pg.Client({ connectionString: await createTestDatabase() });
    await fresh.connect();
    await insertProfileWithAccount(fresh, { profile: PROFILE, account: ACCOUNT, refId: 'r98' });
  });
  afterAll(async () => {
    await fresh?.end();
  });

  /** One round of the worker's batched statements for these targets, on `fresh`. */
  async function round(ids: readonly string[], n: number): Promise<void> {
    await budgetUsages(
      fresh,
      ids.map((id) => ({ accountId: ACCOUNT, exceptTargetId: id })),
    );
    await saveProgress(
      fresh,
      ids.map((id) => ({ id, progress: { n } })),
    );
    expect(await settle(ids, fresh)).toEqual(ids.map(() => true));
  }

  it("the worker's named statements still read through the index once the table has grown, before any ANALYZE", async () => {
    // Ten rounds on a table of a few rows: the plans PostgreSQL keeps are made now.
    for (let n = 0; n < 10; n++) await round(await sending(8), n);
    await sending(4000);
    const { rows: analyzed } = await fresh.query<{ n: string }>(
      `SELECT coalesce(sum(analyze_count + autoanalyze_count), 0) AS n FROM pg_stat_user_tables
       WHERE relname IN ('targets', 'attempts', 'posts')`,
    );
    expect(Number(analyzed[0]?.n)).toBe(0);
    const scans = await seqScansOf(async () => {
      for (let n = 0; n < 3; n++) await round(await sending(8), n);
    }, fresh);
    expect(scans).toEqual({ targets: 0, attempts: 0 });
  });
});
