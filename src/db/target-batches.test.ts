import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/database.ts';
import { budgetUsages, claimTarget, claimTargets, markPublishedMany, saveProgress } from './targets.ts';

/**
 * Many claims, and many settles to published, in one statement each (the worker's batches,
 * src/jobs/worker-batches.ts): each target moves, or not, exactly as it would alone, and a
 * target is never claimed twice.
 */

let url: string;
let db: pg.Client;

beforeAll(async () => {
  url = await createTestDatabase();
  db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query(
    "INSERT INTO profiles (id, title, ref_id, is_primary) VALUES (gen_random_uuid(), 'p', 'r', true)",
  );
});
afterAll(async () => {
  await db?.end();
});

/** A post with one target per given kind of target, its id returned per kind. */
async function post(
  postId: string,
  post: { paused?: boolean; dueInS?: number; requiresApproval?: boolean },
  targets: Record<string, { state?: string; attempts?: number; nextAttemptInS?: number }>,
): Promise<Record<string, string>> {
  await db.query(
    `INSERT INTO posts (id, profile_id, text, platforms, type, paused, requires_approval, schedule_date, due_at)
     SELECT $1, id, 'x', '{facebook}', 'now', $2, $3, now() + make_interval(secs => $4),
            now() + make_interval(secs => $4) FROM profiles`,
    [postId, post.paused ?? false, post.requiresApproval ?? false, post.dueInS ?? -1],
  );
  const ids: Record<string, string> = {};
  for (const [name, t] of Object.entries(targets)) {
    const { rows } = await db.query<{ id: string }>('SELECT gen_random_uuid()::text AS id');
    const id = rows[0]?.id as string;
    await db.query(
      `INSERT INTO targets (id, post_id, platform, state, attempts, next_attempt_at, network_post_id)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6), CASE WHEN $4 = 'published' THEN 'n-1' END)`,
      [id, postId, name, t.state ?? 'queued', t.attempts ?? 0, t.nextAttemptInS ?? -1],
    );
    ids[name] = id;
  }
  return ids;
}

describe('claimTargets', () => {
  it('claims, in one statement, each target claimTarget would claim, and answers in the order asked', async () => {
    const ready = await post('ready', {}, { a: {}, b: {} });
    const paused = await post('paused', { paused: true }, { a: {} });
    const unapproved = await post('unapproved', { requiresApproval: true }, { a: {} });
    const notDue = await post('not-due', { dueInS: 3600 }, { first: {}, retry: { attempts: 1 } });
    const others = await post(
      'others',
      {},
      { sending: { state: 'sending' }, published: { state: 'published' }, later: { nextAttemptInS: 60 } },
    );
    const asked = [
      others.later,
      ready.b,
      paused.a,
      '00000000-0000-4000-8000-000000000000',
      unapproved.a,
      notDue.first,
      notDue.retry,
      others.sending,
      ready.a,
      others.published,
    ] as string[];
    const claims = await claimTargets(db, asked, 60_000);
    expect(claims.map((c) => c?.target.id)).toEqual([
      undefined,
      ready.b,
      undefined,
      undefined,
      undefined,
      undefined,
      notDue.retry,
      undefined,
      ready.a,
      undefined,
    ]);
    expect(claims[1]).toMatchObject({ attempt: 1, post: { id: 'ready' }, target: { state: 'sending' } });
    expect(claims[6]).toMatchObject({ attempt: 2, post: { id: 'not-due' } });
    const { rows } = await db.query<{ target_id: string; number: number }>(
      'SELECT target_id, number FROM attempts ORDER BY target_id',
    );
    expect(rows).toEqual(
      [
        { target_id: notDue.retry, number: 2 },
        { target_id: ready.a, number: 1 },
        { target_id: ready.b, number: 1 },
      ].sort((x, y) => String(x.target_id).localeCompare(String(y.target_id))),
    );
    // Alone, each answers the same: none of the rest is claimable, and the claimed are taken.
    for (const id of asked) expect(await claimTarget(db, id, 60_000)).toBeUndefined();
  });

  it('a target named twice in one batch is claimed once: only its first caller has it', async () => {
    const { a } = await post('twice', {}, { a: {} });
    const claims = await claimTargets(db, [a as string, a as string], 60_000);
    expect(claims.map((c) => c?.target.id)).toEqual([a, undefined]);
    // Named in another case, it is still the same target.
    const { b } = await post('cased', {}, { b: {} });
    const upper = await claimTargets(db, [(b as string).toUpperCase(), b as string], 60_000);
    expect(upper.map((c) => c?.target.id)).toEqual([b, undefined]);
  });

  it('batches racing over the same targets on four connections claim each exactly once', async () => {
    const names = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`n${i}`, {}]));
    const ids = Object.values(await post('race', {}, names));
    const clients = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        return client;
      }),
    );
    try {
      // Each connection asks for every target, in its own order.
      const answers = await Promise.all(
        clients.map((client, i) =>
          claimTargets(
            client,
            ids.map((_, j) => ids[(j * (i + 1) + i) % ids.length] as string),
            60_000,
          ),
        ),
      );
      const claimed = answers.flat().flatMap((c) => (c ? [c.target.id] : []));
      expect(claimed.sort()).toEqual([...ids].sort());
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });
});

describe('markPublishedMany', () => {
  it('publishes each target that may be, with its own network id and attempt end, and answers which moved', async () => {
    const ids = await post('settles', {}, { a: {}, b: {}, c: {} });
    const a = ids.a as string;
    const b = ids.b as string;
    const c = ids.c as string;
    const [claimA, claimB] = await claimTargets(db, [a, b], 60_000);
    expect(claimA && claimB).toBeTruthy();
    const moved = await markPublishedMany(db, [
      {
        id: a,
        result: { networkPostId: 'n-a', postUrl: 'https://n/a', extra: { k: 1 }, warnings: [{ code: 680 }] },
        end: { number: 1, outcome: 'published', errorCode: null, detail: 'fine' },
      },
      // Still queued (never claimed): a publish may not move it.
      { id: c, result: { networkPostId: 'n-c', postUrl: 'https://n/c', extra: null } },
      { id: b.toUpperCase(), result: { networkPostId: 'n-b', postUrl: 'https://n/b', extra: null } },
    ]);
    expect(moved).toEqual([true, false, true]);
    const { rows } = await db.query(
      `SELECT t.id, t.state, t.network_post_id, t.extra, t.warnings, t.lease_until IS NULL AS unleased,
              t.published_at IS NOT NULL AS dated, a.outcome, a.detail, a.finished_at IS NOT NULL AS finished
       FROM targets t LEFT JOIN attempts a ON a.target_id = t.id WHERE t.post_id = 'settles'`,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(a)).toEqual({
      id: a,
      state: 'published',
      network_post_id: 'n-a',
      extra: { k: 1 },
      warnings: [{ code: 680 }],
      unleased: true,
      dated: true,
      outcome: 'published',
      detail: 'fine',
      finished: true,
    });
    // No attempt end given: the attempt stays open, as markPublished alone leaves it.
    expect(byId.get(b)).toMatchObject({
      state: 'published',
      network_post_id: 'n-b',
      extra: null,
      finished: false,
    });
    expect(byId.get(c)).toMatchObject({ state: 'queued', network_post_id: null, outcome: null });
    // Published is final: again, nothing moves.
    expect(
      await markPublishedMany(db, [
        { id: a, result: { networkPostId: 'n-x', postUrl: 'https://n/x', extra: null } },
      ]),
    ).toEqual([false]);
  });

  it('writes the progress a settle carries in the same statement; a settle without one keeps the saved one', async () => {
    const ids = await post('settle-progress', {}, { a: {}, b: {} });
    const a = ids.a as string;
    const b = ids.b as string;
    await saveProgress(db, [
      { id: a, progress: { sentAt: 't-a', lastSentAt: 't-a' } },
      { id: b, progress: { sentAt: 't-b' } },
    ]);
    await claimTargets(db, [a, b], 60_000);
    const moved = await markPublishedMany(db, [
      {
        id: a,
        result: { networkPostId: 'n-a', postUrl: 'https://n/a', extra: null, progress: { sentAt: 't-a' } },
      },
      { id: b, result: { networkPostId: 'n-b', postUrl: 'https://n/b', extra: null } },
    ]);
    expect(moved).toEqual([true, true]);
    const { rows } = await db.query<{ id: string; progress: unknown }>(
      `SELECT id, progress FROM targets WHERE post_id = 'settle-progress'`,
    );
    expect(new Map(rows.map((r) => [r.id, r.progress]))).toEqual(
      new Map<string, unknown>([
        [a, { sentAt: 't-a' }],
        [b, { sentAt: 't-b' }],
      ]),
    );
  });
});

describe('saveProgress', () => {
  it('saves each target’s progress in one statement; a target named twice keeps the last', async () => {
    const ids = await post('progress', {}, { a: {}, b: {} });
    const a = ids.a as string;
    const b = ids.b as string;
    await saveProgress(db, [
      { id: a, progress: { step: 1 } },
      { id: b, progress: { media: ['m-1'] } },
      { id: a.toUpperCase(), progress: { step: 2 } },
    ]);
    const { rows } = await db.query<{ id: string; progress: unknown }>(
      `SELECT id, progress FROM targets WHERE post_id = 'progress'`,
    );
    expect(new Map(rows.map((r) => [r.id, r.progress]))).toEqual(
      new Map<string, unknown>([
        [a, { step: 2 }],
        [b, { media: ['m-1'] }],
      ]),
    );
  });
});

describe('budgetUsages', () => {
  it('counts, per account and in one statement, the last 24 h’s published and the sending, but for the asking target', async () => {
    const { rows } = await db.query<{ a1: string; a2: string }>(
      `WITH made AS (
         INSERT INTO accounts (id, profile_id, platform, sandbox, external_id, username, display_name, profile_url, credentials)
         SELECT gen_random_uuid(), id, p, true, p, p, p, 'https://x/' || p, 'sealed'
         FROM profiles, unnest(ARRAY['instagram', 'threads']) AS p RETURNING id, platform
       ) SELECT (SELECT id FROM made WHERE platform = 'instagram') AS a1, (SELECT id FROM made WHERE platform = 'threads') AS a2`,
    );
    const { a1, a2 } = rows[0] as { a1: string; a2: string };
    const ids = await post(
      'budget',
      {},
      {
        old: { state: 'published' },
        recent: { state: 'published' },
        out: { state: 'sending' },
        me: { state: 'sending' },
      },
    );
    await db.query(
      `UPDATE targets SET account_id = $1, published_at = CASE id WHEN $2::uuid THEN now() - interval '25 hours'
         WHEN $3::uuid THEN now() - interval '1 hour' END WHERE post_id = 'budget'`,
      [a1, ids.old, ids.recent],
    );
    const [mine, other] = await budgetUsages(db, [
      { accountId: a1, exceptTargetId: ids.me as string },
      { accountId: a2, exceptTargetId: ids.me as string },
    ]);
    // `recent` and `out` (being sent): not `old` (out of the window), nor the asking target.
    expect(mine?.used).toBe(2);
    expect(Math.round(((mine?.oldest?.getTime() ?? 0) - Date.now()) / 60_000)).toBe(-60);
    expect(other).toEqual({ used: 0, oldest: null });
  });
});
