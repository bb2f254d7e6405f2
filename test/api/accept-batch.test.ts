import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Accept, AcceptBatcher } from '../../src/app/accept-batch.ts';
import { newPostId } from '../../src/app/post-ids.ts';
import { newTargetId } from '../../src/app/target-ids.ts';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * Group commit: accepts submitted together are written in one transaction (one
 * PostgreSQL transaction start time, `posts.created_at`, for all of them), each promise
 * resolves only once its rows are committed, and one accept that cannot be written fails
 * alone while the others of its batch are stored.
 */
let t: TestHerald;
let other: pg.Client;
let profileId: string;
let accountId: string;
beforeAll(async () => {
  t = await startTestHerald({ env: { HERALD_WORKER_CONCURRENCY: '1' } });
  await linkSandbox(t, ['facebook']);
  other = new pg.Client({ connectionString: t.databaseUrl });
  await other.connect();
  const { rows } = await other.query<{ profile_id: string; id: string }>(
    "SELECT profile_id, id FROM accounts WHERE platform = 'facebook'",
  );
  profileId = rows[0]?.profile_id as string;
  accountId = rows[0]?.id as string;
});
afterAll(async () => {
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

describe('AcceptBatcher (group commit)', () => {
  it('writes accepts submitted together in one transaction, each durable when it resolves', async () => {
    const batcher = new AcceptBatcher(t.herald.app.pool);
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
    const batcher = new AcceptBatcher(t.herald.app.pool);
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
