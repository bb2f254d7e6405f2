import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/database.ts';
import { budgetUsages, markPublishedMany } from './targets.ts';

/**
 * A rolling 24 h budget is counted from per-hour counters (migration 036) plus the targets of
 * the hour the window's start cuts. Whatever writes published_at, the answer must be the one
 * a plain count of the targets gives: that count is the reference every case compares with.
 */

let url: string;
let db: pg.Client;

beforeAll(async () => {
  url = await createTestDatabase();
  db = new pg.Client({ connectionString: url });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
});

/** An account of its own profile (a profile links one account per network). */
async function account(): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `WITH p AS (
       INSERT INTO profiles (id, title, ref_id, is_primary)
       VALUES (gen_random_uuid(), gen_random_uuid()::text, gen_random_uuid()::text, false) RETURNING id
     )
     INSERT INTO accounts (id, profile_id, platform, sandbox, external_id, username, display_name, profile_url, credentials)
     SELECT gen_random_uuid(), p.id, 'instagram', true, gen_random_uuid()::text, 'u', 'u', 'https://x/u', 'sealed'
     FROM p RETURNING id`,
  );
  return rows[0]?.id as string;
}

/** One post per target (a target is unique per post and network); the targets' ids. */
async function targets(
  accountId: string,
  rows: readonly { state: string; publishedMinutesAgo?: number }[],
): Promise<string[]> {
  const ids = rows.map(() => randomUUID());
  await db.query(
    `WITH p AS (
       INSERT INTO posts (id, profile_id, text, platforms, type)
       SELECT 'b-' || id, (SELECT profile_id FROM accounts WHERE id = $1), 'x', '{instagram}', 'now'
       FROM unnest($2::uuid[]) AS id
     )
     INSERT INTO targets (id, post_id, platform, account_id, state, network_post_id, published_at)
     SELECT id, 'b-' || id, 'instagram', $1, state, CASE WHEN ago IS NOT NULL THEN 'n' END,
            now() - ago * interval '1 minute'
     FROM unnest($2::uuid[], $3::text[], $4::double precision[]) AS t (id, state, ago)`,
    [accountId, ids, rows.map((r) => r.state), rows.map((r) => r.publishedMinutesAgo ?? null)],
  );
  return ids;
}

/** The definition: published in the last 24 h, or being sent, but for the asking target. */
async function reference(accountId: string, exceptId: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM targets WHERE account_id = $1 AND id <> $2
       AND ((published_at IS NOT NULL AND published_at > now() - interval '24 hours') OR state = 'sending')`,
    [accountId, exceptId],
  );
  return Number(rows[0]?.n);
}

async function used(accountId: string, exceptId: string = randomUUID()): Promise<number> {
  const [usage] = await budgetUsages(db, [{ accountId, exceptTargetId: exceptId }]);
  return usage?.used as number;
}

describe('budget counts', () => {
  it('counts exactly at the window’s start, inside the hour it cuts', async () => {
    const a = await account();
    // 24 h ago ± 1 to 3 minutes: the same UTC hour or its neighbours, each side of the start.
    await targets(
      a,
      [-3, -2, -1, 1, 2, 3].map((m) => ({ state: 'published', publishedMinutesAgo: 24 * 60 + m })),
    );
    expect(await used(a)).toBe(3);
    expect(await used(a)).toBe(await reference(a, randomUUID()));
  });

  it('agrees with a plain count for targets published over 26 h, sent, deleted and never sent', async () => {
    const a = await account();
    const b = await account();
    // A fixed spread, not a random one: every 7 minutes over 26 h, in rotating states.
    const states = ['published', 'deleted', 'sending', 'queued', 'failed'];
    const rows = Array.from({ length: (26 * 60) / 7 }, (_, i) => {
      const state = states[i % states.length] as string;
      const dated = state === 'published' || state === 'deleted';
      return { state, ...(dated ? { publishedMinutesAgo: i * 7 + 0.5 } : {}) };
    });
    const ids = await targets(a, rows);
    await targets(b, rows.slice(0, 40));
    const sending = ids.find((_, i) => rows[i]?.state === 'sending') as string;
    for (const [accountId, except] of [
      [a, sending],
      [a, randomUUID()],
      [b, randomUUID()],
    ] as const) {
      const [usage] = await budgetUsages(db, [{ accountId, exceptTargetId: except }]);
      expect(usage?.used).toBe(await reference(accountId, except));
      const { rows: oldest } = await db.query<{ at: Date }>(
        `SELECT min(published_at) AS at FROM targets WHERE account_id = $1 AND published_at > now() - interval '24 hours'`,
        [accountId],
      );
      expect(usage?.oldest).toEqual(oldest[0]?.at);
    }
  });

  it('counts a settle to published, forgets a deleted post’s target, and leaves nothing when the account goes', async () => {
    const a = await account();
    const [t1, t2, t3] = await targets(a, [{ state: 'sending' }, { state: 'sending' }, { state: 'sending' }]);
    const published = { networkPostId: 'n', postUrl: 'https://n', extra: null };
    expect(
      await markPublishedMany(
        db,
        [t1, t2].map((id) => ({ id: id as string, result: published })),
      ),
    ).toEqual([true, true]);
    // t1, t2 published; t3 sending (counted, but not when it asks).
    expect(await used(a, t3)).toBe(2);
    expect(await used(a)).toBe(3);
    await db.query('DELETE FROM posts WHERE id = $1', [`b-${t1}`]);
    expect(await used(a, t3)).toBe(1);
    expect(await used(a, t3)).toBe(await reference(a, t3 as string));
    await db.query('DELETE FROM accounts WHERE id = $1', [a]);
    const { rows } = await db.query('SELECT 1 FROM budget_counts WHERE account_id = $1', [a]);
    expect(rows).toEqual([]);
  });

  it('forgets an account’s hours no window reads once it publishes again', async () => {
    const a = await account();
    await targets(a, [{ state: 'published', publishedMinutesAgo: 30 * 60 }]);
    const hours = async () =>
      (await db.query('SELECT hour FROM budget_counts WHERE account_id = $1', [a])).rows.length;
    expect(await hours()).toBe(1);
    await targets(a, [{ state: 'published', publishedMinutesAgo: 1 }]);
    expect(await hours()).toBe(1);
    expect(await used(a)).toBe(1);
  });

  it('counts nothing once the targets are emptied with TRUNCATE', async () => {
    const a = await account();
    await targets(a, [{ state: 'published', publishedMinutesAgo: 5 }]);
    expect(await used(a)).toBe(1);
    await db.query('TRUNCATE posts CASCADE');
    expect(await used(a)).toBe(0);
  });

  it('keeps counting exactly while four connections settle targets of the same accounts at once', async () => {
    const accounts = [await account(), await account(), await account()];
    const all: string[] = [];
    for (const a of accounts)
      all.push(
        ...(await targets(
          a,
          Array.from({ length: 60 }, () => ({ state: 'sending' })),
        )),
      );
    // Each connection settles batches mixing the three accounts, in its own order.
    const clients = await Promise.all(
      [0, 1, 2, 3].map(async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        return c;
      }),
    );
    try {
      await Promise.all(
        clients.map(async (c, k) => {
          const mine = all.filter((_, i) => i % 4 === k);
          if (k % 2) mine.reverse();
          for (let i = 0; i < mine.length; i += 9) {
            const batch = mine.slice(i, i + 9).map((id) => ({
              id,
              result: { networkPostId: 'n', postUrl: 'https://n', extra: null },
            }));
            expect((await markPublishedMany(c, batch)).every(Boolean)).toBe(true);
          }
        }),
      );
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    for (const a of accounts) expect(await used(a)).toBe(60);
  });
});
