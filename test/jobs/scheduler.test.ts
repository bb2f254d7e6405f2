import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSecrets } from '../../src/app/request-secrets.ts';
import { handOverDueJobs } from '../../src/jobs/queue.ts';
import { Scheduler } from '../../src/jobs/scheduler.ts';
import { createLogger } from '../../src/ops/logger.ts';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * A scheduled post's targets get their graphile-worker job only when due: until then the
 * due time and the request's sealed secrets wait on the target row (targets.job_due_at),
 * and the scheduler of a worker process makes the jobs of the due ones in one statement.
 */

const X_HEADERS = {
  'x-twitter-oauth1-api-key': 'CONSUMER-KEY-abc',
  'x-twitter-oauth1-api-secret': 'CONSUMER-SECRET-xyz',
};

let api: TestHerald; // no worker, so no scheduler: these tests hand over by hand
let worker: TestHerald | undefined;
let other: pg.Client;

beforeAll(async () => {
  api = await startTestHerald({ role: 'api', env: { HERALD_POST_WAIT_MS: '0' } });
  await linkSandbox(api, ['twitter', 'facebook', 'bluesky']);
  other = new pg.Client({ connectionString: api.databaseUrl });
  await other.connect();
});
afterAll(async () => {
  await other?.end();
  await worker?.stop();
  await api?.stop();
});

async function schedule(at: Date, platforms = ['facebook', 'bluesky'], headers = {}): Promise<string> {
  const res = await api.request(
    'POST',
    '/api/post',
    { post: `at ${at.toISOString()}`, platforms, scheduleDate: at.toISOString() },
    headers,
  );
  expect(res.status).toBe(200);
  expect(res.body.status).toBe('scheduled');
  return res.body.id as string;
}

async function jobsOf(postId: string): Promise<{ platform: string; secrets: string | null }[]> {
  const { rows } = await other.query<{ platform: string; payload: { secrets: string | null } }>(
    `SELECT t.platform, j.payload FROM graphile_worker._private_jobs j JOIN targets t ON j.key = 'target:' || t.id
     WHERE t.post_id = $1 ORDER BY t.platform`,
    [postId],
  );
  return rows.map((r) => ({ platform: r.platform, secrets: r.payload.secrets }));
}

async function waitingOf(postId: string): Promise<(string | null)[]> {
  const { rows } = await other.query<{ due: string | null }>(
    'SELECT job_due_at::text AS due FROM targets WHERE post_id = $1 ORDER BY platform',
    [postId],
  );
  return rows.map((r) => r.due);
}

/** Moves a scheduled post's time (and its targets' job time) into the past, as time passing would. */
async function fallDue(postId: string): Promise<void> {
  await other.query(
    `WITH p AS (UPDATE posts SET schedule_date = now() - interval '1 second', due_at = now() - interval '1 second'
                WHERE id = $1 RETURNING id)
     UPDATE targets SET job_due_at = now() - interval '1 second' FROM p WHERE targets.post_id = p.id`,
    [postId],
  );
}

describe('scheduled targets wait on their rows until due', () => {
  it('a scheduled accept adds no engine job; the hand-over makes one per target, secrets moved into it', async () => {
    const postId = await schedule(new Date(Date.now() + 3_600_000), ['facebook', 'twitter'], X_HEADERS);
    expect(await jobsOf(postId)).toEqual([]);
    expect((await waitingOf(postId)).every((d) => d !== null)).toBe(true);

    // Not due: the hand-over takes nothing, and says when the next one falls due.
    const early = await handOverDueJobs(other, 100);
    expect(early.handedOver).toBe(0);
    expect(early.nextDueInMs).toBeGreaterThan(3_500_000);

    await fallDue(postId);
    expect((await handOverDueJobs(other, 100)).handedOver).toBe(2);
    const jobs = await jobsOf(postId);
    expect(jobs.map((j) => j.platform)).toEqual(['facebook', 'twitter']);
    expect(jobs[0]?.secrets).toBeNull();
    expect(openSecrets(api.herald.app.secretKey, jobs[1]?.secrets ?? undefined)).toEqual(X_HEADERS);
    // Nothing is left on the targets: neither the time nor the sealed secrets.
    const { rows } = await other.query(
      'SELECT 1 FROM targets WHERE post_id = $1 AND job_secrets IS NOT NULL',
      [postId],
    );
    expect(rows).toHaveLength(0);
    expect(await waitingOf(postId)).toEqual([null, null]);
    expect((await handOverDueJobs(other, 100)).handedOver).toBe(0);
  });

  it('schedulers racing over the same due targets make each job exactly once', async () => {
    const posts = await Promise.all(
      Array.from({ length: 30 }, (_, i) => schedule(new Date(Date.now() + 3_600_000 + i * 1000))),
    );
    for (const id of posts) await fallDue(id);
    const clients = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const c = new pg.Client({ connectionString: api.databaseUrl });
        await c.connect();
        return c;
      }),
    );
    try {
      let total = 0;
      // A shallow queue (7) filled from four connections at once; between rounds the
      // "workers" take what is queued (locked jobs no longer count against the depth, and a
      // second job for a target would now be a second row: a locked job keeps its key apart).
      for (let round = 0; round < 40; round++) {
        const steps = await Promise.all(clients.map((c) => handOverDueJobs(c, 7)));
        total += steps.reduce((a, r) => a + r.handedOver, 0);
        await other.query(
          "UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'test' WHERE locked_at IS NULL",
        );
        if (steps.every((r) => r.handedOver === 0 && !r.moreDue)) break;
      }
      expect(total).toBe(60);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    const { rows } = await other.query<{ target: string; n: string }>(
      `SELECT t.id AS target, count(j.id) AS n FROM targets t
       LEFT JOIN graphile_worker._private_jobs j ON j.payload ->> 'targetId' = t.id::text
       WHERE t.post_id = ANY($1) GROUP BY t.id`,
      [posts],
    );
    expect(rows).toHaveLength(60);
    expect(rows.filter((r) => r.n !== '1')).toEqual([]);
  });

  it('keeps the engine’s queue at most `depth` deep; the rest waits on the targets', async () => {
    const posts: string[] = [];
    for (let i = 0; i < 5; i++) posts.push(await schedule(new Date(Date.now() + 3_600_000 + i * 1000)));
    for (const id of posts) await fallDue(id);
    // 10 targets due; a queue 4 deep already holding nothing untaken.
    const first = await handOverDueJobs(other, 4);
    expect(first).toMatchObject({ handedOver: 4, moreDue: true });
    // Nothing was taken: no room.
    expect(await handOverDueJobs(other, 4)).toMatchObject({ handedOver: 0, moreDue: true });
    await other.query(
      "UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'test' WHERE locked_at IS NULL",
    );
    expect(await handOverDueJobs(other, 4)).toMatchObject({ handedOver: 4, moreDue: true });
    await other.query(
      "UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'test' WHERE locked_at IS NULL",
    );
    expect(await handOverDueJobs(other, 4)).toMatchObject({ handedOver: 2, moreDue: false });
    expect((await Promise.all(posts.map(jobsOf))).map((j) => j.length)).toEqual([2, 2, 2, 2, 2]);
  });

  it('jobs the engine gave up on take none of the queue’s room', async () => {
    // What graphile-worker keeps of a job out of attempts: after its last failure, or
    // retired when it was added again while still running (again-soon.ts). Unlocked, run_at past.
    await other.query(
      `SELECT graphile_worker.add_job('gave_up', '{}'::json, run_at => now() - interval '1 minute', max_attempts => 1)
       FROM generate_series(1, 4)`,
    );
    await other.query(
      `UPDATE graphile_worker._private_jobs SET attempts = max_attempts
       WHERE task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'gave_up')`,
    );
    const id = await schedule(new Date(Date.now() + 3_600_000));
    await fallDue(id);
    try {
      expect(await handOverDueJobs(other, 4)).toMatchObject({ handedOver: 2, moreDue: false });
      expect(await jobsOf(id)).toHaveLength(2);
    } finally {
      await other.query(
        `DELETE FROM graphile_worker._private_jobs
         WHERE task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'gave_up')
            OR key LIKE 'target:%'`,
      );
    }
  });

  it('a post moved after the engine gave up on its jobs gets jobs that run again', async () => {
    const id = await schedule(new Date(Date.now() + 3_600_000));
    await fallDue(id);
    expect(await handOverDueJobs(other, 100)).toMatchObject({ handedOver: 2 });
    // Both jobs out of attempts (their task kept failing), their targets still queued.
    await other.query(
      `UPDATE graphile_worker._private_jobs SET attempts = max_attempts
       WHERE key IN (SELECT 'target:' || id FROM targets WHERE post_id = $1)`,
      [id],
    );
    const moved = new Date(Date.now() + 7_200_000);
    const res = await api.request('PUT', '/api/post', { id, scheduleDate: moved.toISOString() });
    expect(res.status).toBe(200);
    const jobs = async () =>
      (
        await other.query<{ due: Date | null; runnable: boolean | null }>(
          `SELECT t.job_due_at AS due, j.attempts < j.max_attempts AS runnable
           FROM targets t LEFT JOIN graphile_worker._private_jobs j ON j.key = 'target:' || t.id
           WHERE t.post_id = $1 ORDER BY t.platform`,
          [id],
        )
      ).rows;
    // Each target waits on its row for the new time (a moved dead job would run never).
    expect((await jobs()).map((r) => r.due?.getTime())).toEqual([moved.getTime(), moved.getTime()]);
    // Once due, the hand-over gives each its job back, with its attempts.
    await other.query(
      `UPDATE targets SET job_due_at = now() - interval '1 second' WHERE post_id = $1 AND job_due_at IS NOT NULL`,
      [id],
    );
    await handOverDueJobs(other, 100);
    expect(await jobs()).toEqual([
      { due: null, runnable: true },
      { due: null, runnable: true },
    ]);
    await other.query(
      `DELETE FROM graphile_worker._private_jobs WHERE key IN (SELECT 'target:' || id FROM targets WHERE post_id = $1)`,
      [id],
    );
  });

  it('a paused post is never handed over; resumed, it waits for its time again', async () => {
    const at = new Date(Date.now() + 3_600_000);
    const postId = await schedule(at);
    expect((await api.request('PATCH', '/api/post', { id: postId, scheduledPause: true })).status).toBe(200);
    expect(await waitingOf(postId)).toEqual(['infinity', 'infinity']);
    await other.query("UPDATE posts SET schedule_date = now() - interval '1 second' WHERE id = $1", [postId]);
    expect((await handOverDueJobs(other, 100)).handedOver).toBe(0);
    expect(await jobsOf(postId)).toEqual([]);

    await other.query('UPDATE posts SET schedule_date = $2 WHERE id = $1', [postId, at]);
    expect((await api.request('PATCH', '/api/post', { id: postId, scheduledPause: false })).status).toBe(200);
    const waiting = await waitingOf(postId);
    expect(waiting.map((d) => new Date(d as string).toISOString())).toEqual([
      at.toISOString(),
      at.toISOString(),
    ]);
    expect(await jobsOf(postId)).toEqual([]);
  });

  it('a post approved past its date gets its jobs in the approving edit itself', async () => {
    const res = await api.request('POST', '/api/post', {
      post: 'needs a yes',
      platforms: ['facebook'],
      requiresApproval: true,
    });
    expect(res.body.status).toBe('awaiting approval');
    const postId = res.body.id as string;
    expect(await waitingOf(postId)).toEqual(['infinity']);
    expect((await api.request('PATCH', '/api/post', { id: postId, approved: true })).status).toBe(200);
    // No scheduler runs in this process: the job exists because the edit made it.
    expect(await waitingOf(postId)).toEqual([null]);
    expect((await jobsOf(postId)).map((j) => j.platform)).toEqual(['facebook']);
  });

  it('a deleted post leaves nothing waiting', async () => {
    const postId = await schedule(new Date(Date.now() + 3_600_000));
    expect((await api.request('DELETE', '/api/post', { id: postId })).status).toBe(200);
    expect(await waitingOf(postId)).toEqual([null, null]);
    await other.query("UPDATE posts SET due_at = now() - interval '1 second' WHERE id = $1", [postId]);
    expect((await handOverDueJobs(other, 100)).handedOver).toBe(0);
  });
});

describe('the scheduler of a worker process', () => {
  it('publishes a scheduled post once due, never before its time', async () => {
    worker = await startTestHerald({ role: 'worker', databaseUrl: api.databaseUrl });
    const at = new Date(Date.now() + 2500);
    const postId = await schedule(at);
    await vi.waitFor(
      async () => {
        const view = await api.request('GET', `/api/post/${postId}`);
        expect(view.body.status).toBe('success');
      },
      { timeout: 20_000, interval: 100 },
    );
    // The claim's own record: no attempt started before the post's time.
    const { rows } = await other.query<{ started_at: Date }>(
      'SELECT a.started_at FROM attempts a JOIN targets t ON t.id = a.target_id WHERE t.post_id = $1',
      [postId],
    );
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r.started_at.getTime()).toBeGreaterThanOrEqual(at.getTime());
  });

  it('keeps going while its database is away, and stops cleanly', async () => {
    const lines: string[] = [];
    // Nothing listens on port 1 of loopback: every step fails to connect.
    const away = new pg.Pool({ connectionString: 'postgres://herald@127.0.0.1:1/none', max: 1 });
    away.on('error', () => undefined);
    const scheduler = new Scheduler(away, createLogger('debug', { write: (l: string) => lines.push(l) }), {
      minGapMs: 10,
      idleMs: 20,
      depth: 10,
    });
    scheduler.start();
    await vi.waitFor(
      () => expect(lines.some((l) => l.includes('scheduler cannot reach the database'))).toBe(true),
      {
        timeout: 5000,
      },
    );
    await new Promise((r) => setTimeout(r, 200));
    // Said once, not once per step.
    expect(lines.filter((l) => l.includes('scheduler cannot reach the database'))).toHaveLength(1);
    await scheduler.stop();
    await away.end();
  });
});
