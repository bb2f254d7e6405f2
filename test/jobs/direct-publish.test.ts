import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { claimTargets, REQUEUE_NET_MS, requeueAfter } from '../../src/db/targets.ts';
import { DIRECT_FALLBACK_MS, DIRECT_TASK, type DirectJob } from '../../src/jobs/direct-publish.ts';
import { jobKey, PUBLISH_TASK } from '../../src/jobs/queue.ts';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * An immediate post is sent by the process that accepted it, with no job in
 * graphile-worker's queue (src/jobs/direct-publish.ts). Its job waits on the target's row,
 * due DIRECT_FALLBACK_MS later, only for a process that never claims it; the claim clears it.
 */

let t: TestHerald;
beforeAll(async () => {
  // Posts answer at once (pending): each test waits for the outcome it looks for.
  t = await startTestHerald({ env: { HERALD_POST_WAIT_MS: '0' } });
  await linkSandbox(t, ['bluesky', 'telegram']);
  // The claim of a post whose text is listed in claim_refused fails (not a transient error).
  await t.herald.app.pool.query(`
    CREATE TABLE claim_refused (text text PRIMARY KEY);
    CREATE FUNCTION refuse_claim() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM claim_refused r JOIN posts p ON p.text = r.text WHERE p.id = NEW.post_id) THEN
        RAISE EXCEPTION 'claim refused by the test' USING ERRCODE = 'P0001';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER refuse_claim BEFORE UPDATE ON targets FOR EACH ROW
      WHEN (OLD.state = 'queued' AND NEW.state = 'sending') EXECUTE FUNCTION refuse_claim();`);
});
afterAll(() => t.stop());

const WAIT = { timeout: 20_000, interval: 100 };

interface TargetRow {
  id: string;
  state: string;
  job_due_in_ms: number | null;
  job_secrets: string | null;
}

async function targetsOf(postId: string): Promise<TargetRow[]> {
  const { rows } = await t.herald.app.pool.query<TargetRow>(
    `SELECT id, state, (extract(epoch FROM job_due_at - now()) * 1000)::float8 AS job_due_in_ms, job_secrets
     FROM targets WHERE post_id = $1 ORDER BY platform`,
    [postId],
  );
  return rows;
}

/** Jobs of these targets in the engine's queue, done or not (a completed job's row is deleted). */
async function engineJobs(targetIds: readonly string[]): Promise<number> {
  const { rows } = await t.herald.app.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key = ANY($1::text[])',
    [targetIds.map(jobKey)],
  );
  return rows[0]?.n ?? 0;
}

async function creates(targetId: string): Promise<number | undefined> {
  const { rows } = await t.herald.app.pool.query<{ creates: number }>(
    'SELECT creates FROM sandbox_ledger WHERE target_id = $1',
    [targetId],
  );
  return rows[0]?.creates;
}

/** `herald_jobs_total` of this process for one task and outcome. */
async function jobsCounted(task: string, outcome: string): Promise<number> {
  const { values } = await t.herald.app.metrics.jobs.get();
  return values.find((v) => v.labels.task === task && v.labels.outcome === outcome)?.value ?? 0;
}

describe('an immediate post', () => {
  it('is sent by the accepting process: published once, no job ever in the engine, nothing left on its rows', async () => {
    // Every job the engine adds for a publish, whatever its key, is recorded here.
    await t.herald.app.pool.query(`
      CREATE TABLE added_publish_jobs (key text);
      CREATE FUNCTION record_publish_job() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO added_publish_jobs VALUES (NEW.key); RETURN NEW; END $$;
      CREATE TRIGGER record_publish_job AFTER INSERT ON graphile_worker._private_jobs
        FOR EACH ROW EXECUTE FUNCTION record_publish_job();`);
    const directBefore = await jobsCounted(DIRECT_TASK, 'ok');
    const jobsBefore = await jobsCounted(PUBLISH_TASK, 'ok');

    const res = await t.request('POST', '/api/post', {
      post: 'sent directly',
      platforms: ['bluesky', 'telegram'],
    });
    expect(res.status).toBe(200);
    const postId = res.body.id as string;
    await vi.waitFor(
      async () => expect((await targetsOf(postId)).map((r) => r.state)).toEqual(['published', 'published']),
      WAIT,
    );
    const targets = await targetsOf(postId);
    for (const target of targets) {
      expect(await creates(target.id)).toBe(1);
      // The claim cleared the fallback: the scheduler will never make a job for it.
      expect(target.job_due_in_ms).toBeNull();
      expect(target.job_secrets).toBeNull();
    }
    const { rows: added } = await t.herald.app.pool.query<{ key: string }>(
      'SELECT key FROM added_publish_jobs WHERE key = ANY($1::text[])',
      [targets.map((r) => jobKey(r.id))],
    );
    expect(added).toEqual([]);
    expect(await jobsCounted(DIRECT_TASK, 'ok')).toBe(directBefore + 2);
    expect(await jobsCounted(PUBLISH_TASK, 'ok')).toBe(jobsBefore);
    await t.herald.app.pool.query(
      'DROP TRIGGER record_publish_job ON graphile_worker._private_jobs; DROP FUNCTION record_publish_job(); DROP TABLE added_publish_jobs;',
    );
  }, 30_000);

  it('whose process never sends it (it stopped after the commit) waits on its row and is published once by the scheduler', async () => {
    const direct = t.herald.app.direct;
    if (!direct) throw new Error('the test Herald runs the worker: it sends directly');
    // The process "stops" between the accept's commit and the send: nothing runs what it accepted.
    const run = direct.run.bind(direct);
    const dropped: DirectJob[] = [];
    direct.run = (jobs) => {
      dropped.push(...jobs);
      direct.release(jobs.length);
    };
    let postId: string;
    try {
      const res = await t.request('POST', '/api/post', {
        post: 'accepted, then its process stopped',
        platforms: ['bluesky'],
      });
      expect(res.status).toBe(200);
      postId = res.body.id as string;
    } finally {
      direct.run = run;
    }
    const [target] = await targetsOf(postId);
    if (!target) throw new Error('no target');
    expect(dropped.map((j) => j.targetId)).toEqual([target.id]);
    // Queued, its job on its row, due about DIRECT_FALLBACK_MS after the accept; none in the engine.
    expect(target.state).toBe('queued');
    expect(target.job_due_in_ms).toBeGreaterThan(DIRECT_FALLBACK_MS / 2);
    expect(target.job_due_in_ms).toBeLessThanOrEqual(DIRECT_FALLBACK_MS);
    // The request's sealed secrets wait with it (none here: Bluesky takes no per-request keys).
    expect(target.job_secrets).toBe(dropped[0]?.sealedSecrets ?? null);
    expect(await engineJobs([target.id])).toBe(0);

    // Its time comes (moved to now rather than waited for): the scheduler makes the job.
    await t.herald.app.pool.query('UPDATE targets SET job_due_at = now() WHERE id = $1', [target.id]);
    await vi.waitFor(async () => expect((await targetsOf(postId))[0]?.state).toBe('published'), WAIT);
    expect(await creates(target.id)).toBe(1);
  }, 30_000);

  it('whose direct send fails goes on as a publish job, and is published once when the failure ends', async () => {
    const text = 'direct send refused';
    await t.herald.app.pool.query('INSERT INTO claim_refused VALUES ($1)', [text]);
    const errorsBefore = await jobsCounted(DIRECT_TASK, 'error');
    const res = await t.request('POST', '/api/post', { post: text, platforms: ['bluesky'] });
    expect(res.status).toBe(200);
    const postId = res.body.id as string;
    await vi.waitFor(
      async () => expect(await jobsCounted(DIRECT_TASK, 'error')).toBe(errorsBefore + 1),
      WAIT,
    );
    const [target] = await targetsOf(postId);
    if (!target) throw new Error('no target');
    // Handed to the engine as a failed first attempt would be: its job, a few seconds on.
    await vi.waitFor(async () => expect(await engineJobs([target.id])).toBe(1), WAIT);
    expect((await targetsOf(postId))[0]?.state).toBe('queued');

    await t.herald.app.pool.query('DELETE FROM claim_refused WHERE text = $1', [text]);
    await t.herald.app.pool.query('UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = $1', [
      jobKey(target.id),
    ]);
    await vi.waitFor(async () => expect((await targetsOf(postId))[0]?.state).toBe('published'), WAIT);
    expect(await creates(target.id)).toBe(1);
  }, 40_000);
});

describe('a requeued target', () => {
  it('keeps its job on its row, due REQUEUE_NET_MS after its retry time, with its sealed secrets; a claim clears it', async () => {
    const text = 'claimed, then requeued';
    await t.herald.app.pool.query('INSERT INTO claim_refused VALUES ($1)', [text]);
    const res = await t.request('POST', '/api/post', { post: text, platforms: ['telegram'] });
    const postId = res.body.id as string;
    const [queued] = await targetsOf(postId);
    if (!queued) throw new Error('no target');
    await vi.waitFor(async () => expect(await engineJobs([queued.id])).toBe(1), WAIT);
    // Taken out of the engine's hands: this test claims and requeues the target itself.
    await t.herald.app.pool.query('DELETE FROM graphile_worker._private_jobs WHERE key = $1', [
      jobKey(queued.id),
    ]);
    await t.herald.app.pool.query('DELETE FROM claim_refused WHERE text = $1', [text]);
    const [claim] = await claimTargets(t.herald.app.pool, [queued.id], 60_000);
    expect(claim?.target.state).toBe('sending');

    const retryAt = new Date(Date.now() + 5_000);
    expect(await requeueAfter(t.herald.app.pool, queued.id, retryAt, 'sealed-secrets')).toBe(true);
    const [requeued] = await targetsOf(postId);
    expect(requeued?.state).toBe('queued');
    expect(requeued?.job_secrets).toBe('sealed-secrets');
    expect(requeued?.job_due_in_ms).toBeGreaterThan(REQUEUE_NET_MS);
    expect(requeued?.job_due_in_ms).toBeLessThanOrEqual(REQUEUE_NET_MS + 5_000);

    await t.herald.app.pool.query('UPDATE targets SET next_attempt_at = now() WHERE id = $1', [queued.id]);
    const [again] = await claimTargets(t.herald.app.pool, [queued.id], 60_000);
    expect(again?.target.state).toBe('sending');
    const [claimed] = await targetsOf(postId);
    expect(claimed?.job_due_in_ms).toBeNull();
    expect(claimed?.job_secrets).toBeNull();
  }, 30_000);
});
