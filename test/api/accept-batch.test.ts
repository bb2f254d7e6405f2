import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Accept, AcceptBatcher } from '../../src/app/accept-batch.ts';
import { newPostId } from '../../src/app/post-ids.ts';
import { newTargetId } from '../../src/app/target-ids.ts';
import { createPipelinePool } from '../../src/db/pool.ts';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * Group commit: accepts submitted together are written in one transaction (one
 * PostgreSQL transaction start time, `posts.created_at`, for all of them), each promise
 * resolves only once its rows are committed, and one accept that cannot be written fails
 * alone while the others of its batch are stored. The same on a pipelined pool (what Herald
 * runs: the batch's statements leave together) and on a plain one (one after the other).
 */
let t: TestHerald;
let other: pg.Client;
let pipelined: pg.Pool;
let profileId: string;
let accountId: string;
let instagramId: string;
beforeAll(async () => {
  t = await startTestHerald({ env: { HERALD_WORKER_CONCURRENCY: '1' } });
  await linkSandbox(t, ['facebook', 'instagram']);
  other = new pg.Client({ connectionString: t.databaseUrl });
  await other.connect();
  pipelined = createPipelinePool(t.databaseUrl, 4, () => undefined);
  const { rows } = await other.query<{ profile_id: string; id: string }>(
    "SELECT profile_id, id FROM accounts WHERE platform = 'facebook'",
  );
  profileId = rows[0]?.profile_id as string;
  accountId = rows[0]?.id as string;
  const instagram = await other.query<{ id: string }>("SELECT id FROM accounts WHERE platform = 'instagram'");
  instagramId = instagram.rows[0]?.id as string;
});
afterAll(async () => {
  await pipelined.end();
  await other.end();
  await t.stop();
});

const TOMORROW = new Date(Date.now() + 86_400_000);

function accept(text: string, account = accountId): Accept {
  const postId = newPostId();
  const targetId = newTargetId();
  return {
    post: {
      id: postId,
      profileId,
      text,
      platforms: ['facebook'],
      mediaUrls: [],
      isVideo: false,
      options: { facebook: {} },
      scheduleDate: TOMORROW,
      idempotencyKey: null,
      requestHash: null,
    },
    keepMedia: { fileNames: [], until: TOMORROW },
    links: [],
    targets: [{ id: targetId, postId, platform: 'facebook', accountId: account, text: null }],
    failedTargets: [],
    jobs: [{ targetId, runAt: TOMORROW }],
  };
}

const POOLS: [string, () => pg.Pool][] = [
  ['pipelined', () => pipelined],
  ['one statement at a time', () => t.herald.app.pool],
];

describe.each(POOLS)('AcceptBatcher (group commit), %s', (_name, pool) => {
  it('writes accepts submitted together in one transaction, each durable when it resolves', async () => {
    const batcher = new AcceptBatcher(pool());
    const accepts = Array.from({ length: 12 }, (_, i) => accept(`batched ${i}`));
    const accepted = await Promise.all(accepts.map((a) => batcher.submit(a)));
    const posts = accepted.map((a) => a.post);
    expect(posts.map((p) => p.id)).toEqual(accepts.map((a) => a.post.id));
    // Each resolves with its own target, as written (what its answer is built from).
    expect(accepted.map((a) => a.targets.map((x) => [x.id, x.postId, x.state]))).toEqual(
      accepts.map((a) => [[a.targets[0]?.id, a.post.id, 'queued']]),
    );
    // Seen from another connection: committed, with their targets, each target's job
    // waiting on its row for tomorrow (the scheduler makes it then), none in the engine yet.
    const { rows } = await other.query<{ created_at: Date; targets: string; waiting: string; jobs: string }>(
      `SELECT p.created_at,
              (SELECT count(*) FROM targets WHERE post_id = p.id) AS targets,
              (SELECT count(*) FROM targets WHERE post_id = p.id AND job_due_at = $2) AS waiting,
              (SELECT count(*) FROM graphile_worker.jobs j JOIN targets tg ON j.key = 'target:' || tg.id
                WHERE tg.post_id = p.id) AS jobs
       FROM posts p WHERE p.id = ANY($1)`,
      [posts.map((p) => p.id), TOMORROW],
    );
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.targets === '1' && r.waiting === '1' && r.jobs === '0')).toBe(true);
    expect(new Set(rows.map((r) => r.created_at.getTime())).size).toBe(1);
  });

  it('one accept that cannot be written fails alone; the others of its batch are stored', async () => {
    const batcher = new AcceptBatcher(pool());
    // A target naming an account that does not exist: the foreign key refuses it.
    const bad = accept('bad one', '00000000-0000-4000-8000-000000000000');
    const good = [accept('good 1'), accept('good 2'), accept('good 3')];
    const results = await Promise.allSettled(
      [good[0], bad, good[1], good[2]].map((a) => batcher.submit(a as Accept)),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const { rows } = await other.query<{ id: string }>('SELECT id FROM posts WHERE id = ANY($1)', [
      [...good, bad].map((a) => a.post.id),
    ]);
    expect(rows.map((r) => r.id).sort()).toEqual(good.map((a) => a.post.id).sort());
  });

  it('an accept with every kind of row writes them all: link, target born failed, job due now', async () => {
    const batcher = new AcceptBatcher(pool());
    const one = accept('every kind');
    const linkId = `L${one.post.id.slice(-8)}`;
    const failedId = newTargetId();
    const whole: Accept = {
      ...one,
      post: { ...one.post, platforms: ['facebook', 'instagram'], scheduleDate: null },
      links: [{ id: linkId, profileId, originalUrl: 'https://example.com/page', utm: {} }],
      failedTargets: [
        {
          id: failedId,
          postId: one.post.id,
          platform: 'instagram',
          accountId: instagramId,
          error: { code: 441, platform: 'instagram' },
        },
      ],
      // Due now: the engine's job goes in with the rows.
      jobs: [{ targetId: one.targets[0]?.id as string }],
    };
    const accepted = await batcher.submit(whole);
    expect(accepted.targets.map((x) => x.state).sort()).toEqual(['failed', 'queued']);
    const { rows: links } = await other.query('SELECT original_url FROM links WHERE id = $1', [linkId]);
    expect(links).toEqual([{ original_url: 'https://example.com/page' }]);
    // The job was committed with the rows: the worker publishes the target.
    await expect
      .poll(
        async () =>
          (await other.query('SELECT state FROM targets WHERE id = $1', [one.targets[0]?.id])).rows[0]?.state,
        { timeout: 15_000, interval: 100 },
      )
      .toBe('published');
  });
});

describe('POST /api/post (group commit)', () => {
  it('POST /api/post answers every concurrent scheduled post, each stored once with its target', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.request('POST', '/api/post', {
          post: `concurrent ${i}`,
          platforms: ['facebook'],
          scheduleDate: TOMORROW.toISOString(),
        }),
      ),
    );
    expect(responses.map((r) => r.body.status)).toEqual(Array(20).fill('scheduled'));
    const ids = responses.map((r) => r.body.id as string);
    const { rows } = await other.query<{ n: string }>(
      'SELECT count(*) AS n FROM targets WHERE post_id = ANY($1)',
      [ids],
    );
    expect(rows[0]?.n).toBe('20');
  });
});
