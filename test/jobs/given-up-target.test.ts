import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { markGivenUp } from '../../src/db/targets.ts';
import { jobKey } from '../../src/jobs/queue.ts';
import { sweepTargets } from '../../src/jobs/sweep.ts';
import { allowClaims, CLAIM_REFUSED, installClaimRefusal, refuseClaims } from '../helpers/claim-refusal.ts';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * A publish job that fails on an error of Herald's own (not a dropped database: those are
 * re-added, db-error-retry.test.ts) is retried by graphile-worker with its back-off, 10
 * attempts in all. When its last attempt fails too, the target it never claimed fails with
 * 679 (retryable: nothing was sent) instead of staying queued for good with no job.
 */

let t: TestHerald;
beforeAll(async () => {
  t = await startTestHerald({ env: { HERALD_POST_WAIT_MS: '0' } });
  await linkSandbox(t, ['bluesky']);
  await installClaimRefusal(t.herald.app.pool);
  // A first comment's claim before its call (it holds a lease) is refused the same way, by
  // its text in claim_refused.
  await t.herald.app.pool.query(`
    CREATE FUNCTION refuse_comment() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM claim_refused WHERE text = NEW.text) THEN
        RAISE EXCEPTION 'comment refused by the test' USING ERRCODE = 'P0001';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER refuse_comment BEFORE INSERT ON comments FOR EACH ROW
      WHEN (NEW.kind = 'first' AND NEW.lease_until > now()) EXECUTE FUNCTION refuse_comment();`);
});
afterAll(() => t.stop());

interface JobRow {
  id: string;
  attempts: number;
  max_attempts: number;
  locked: boolean;
  last_error: string | null;
}

/** The engine's row of the job with this key. */
async function jobRow(key: string): Promise<JobRow | undefined> {
  const { rows } = await t.herald.app.pool.query<JobRow>(
    `SELECT id, attempts, max_attempts, locked_at IS NOT NULL AS locked, last_error
     FROM graphile_worker._private_jobs WHERE key = $1`,
    [key],
  );
  return rows[0];
}

async function target(
  postId: string,
): Promise<{ id: string; state: string; error: { code: number } | null }> {
  const { rows } = await t.herald.app.pool.query<{
    id: string;
    state: string;
    error: { code: number } | null;
  }>('SELECT id, state, error FROM targets WHERE post_id = $1', [postId]);
  if (!rows[0]) throw new Error(`no target for ${postId}`);
  return rows[0];
}

const WAIT = { timeout: 20_000, interval: 100 };

/** Until the job of `key` has failed (its last error says `because`) and waits for its next attempt. */
async function failedOnce(key: string, because: string): Promise<void> {
  await vi.waitFor(async () => {
    const job = await jobRow(key);
    expect(job?.last_error).toContain(because);
    expect(job?.locked).toBe(false);
  }, WAIT);
}

/** Nine attempts spent (the engine's back-off would take hours): the job's next attempt, now, is its last. */
async function lastAttemptNow(key: string): Promise<void> {
  await t.herald.app.pool.query(
    'UPDATE graphile_worker._private_jobs SET attempts = max_attempts - 1, run_at = now() WHERE key = $1',
    [key],
  );
}

/** Until the post's target is in `state`. */
async function targetReaches(postId: string, state: string): Promise<void> {
  await vi.waitFor(async () => expect((await target(postId)).state).toBe(state), WAIT);
}

/** Until the engine keeps the job of `key` given up: out of attempts, not running. */
async function givenUp(key: string): Promise<void> {
  await vi.waitFor(async () => {
    const job = await jobRow(key);
    expect(job?.attempts).toBe(job?.max_attempts);
    expect(job?.locked).toBe(false);
  }, WAIT);
}

/** A post to Bluesky whose claims of `refused` (its text, or its first comment) fail until lifted. */
async function refusedPost(refused: string, body: Record<string, unknown> = { post: refused }) {
  await refuseClaims(t.herald.app.pool, refused);
  const res = await t.request('POST', '/api/post', { ...body, platforms: ['bluesky'] });
  expect(res.status).toBe(200);
  const postId = res.body.id as string;
  return { postId, targetId: (await target(postId)).id };
}

describe('a publish job out of attempts', () => {
  it('fails its queued target with 679 on the last attempt, not before; a retry then publishes it once', async () => {
    const text = 'refused until retried';
    const { postId, targetId } = await refusedPost(text);

    // The first attempt fails, and the engine will try again.
    await failedOnce(jobKey(targetId), CLAIM_REFUSED);
    const first = await jobRow(jobKey(targetId));
    expect(first?.attempts).toBeLessThan(first?.max_attempts ?? 0);
    expect((await target(postId)).state).toBe('queued');

    await lastAttemptNow(jobKey(targetId));
    await targetReaches(postId, 'failed');
    const given = await target(postId);
    expect(given.error?.code).toBe(679);
    // The engine keeps the given-up job with its last error, for whoever looks into it.
    await givenUp(jobKey(targetId));

    const read = await t.request('GET', `/api/post/${postId}`);
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body)).toContain('"code":679');
    expect(JSON.stringify(read.body)).toContain('Herald gave up sending the post to Bluesky');

    // Nothing was sent: a retry is safe, and publishes the post once.
    await allowClaims(t.herald.app.pool, text);
    const retry = await t.request('PUT', '/api/post/retry', { id: postId });
    expect(retry.status).toBe(200);
    await targetReaches(postId, 'published');
    const { rows: ledger } = await t.herald.app.pool.query<{ creates: number }>(
      'SELECT creates FROM sandbox_ledger WHERE target_id = $1',
      [targetId],
    );
    expect(ledger).toEqual([{ creates: 1 }]);
  }, 60_000);
});

describe('the minute sweep', () => {
  it('gives a queued target whose job the engine gave up on (its last attempt met the database away) a new job, and it publishes once', async () => {
    const text = 'given up while the database was away';
    const { postId, targetId } = await refusedPost(text);
    await failedOnce(jobKey(targetId), CLAIM_REFUSED);
    // What the engine leaves after a last attempt that nothing could record: the job out of
    // attempts, its target queued.
    await t.herald.app.pool.query(
      `UPDATE graphile_worker._private_jobs SET attempts = max_attempts, run_at = now() - interval '1 minute'
       WHERE key = $1`,
      [jobKey(targetId)],
    );
    await allowClaims(t.herald.app.pool, text);
    expect((await target(postId)).state).toBe('queued');

    expect(await sweepTargets(t.herald.app)).toBe(1);
    const rearmed = await jobRow(jobKey(targetId));
    expect(rearmed?.attempts).toBeLessThan(rearmed?.max_attempts ?? 0);
    await targetReaches(postId, 'published');
    const { rows: ledger } = await t.herald.app.pool.query<{ creates: number }>(
      'SELECT creates FROM sandbox_ledger WHERE target_id = $1',
      [targetId],
    );
    expect(ledger).toEqual([{ creates: 1 }]);
    // Nothing left to re-arm: the target is published, its job done.
    expect(await sweepTargets(t.herald.app)).toBe(0);
  }, 60_000);

  it('leaves a given-up job whose target is no longer queued (failed with 679, or published)', async () => {
    const text = 'refused for good';
    const { postId, targetId } = await refusedPost(text);
    await failedOnce(jobKey(targetId), CLAIM_REFUSED);
    await lastAttemptNow(jobKey(targetId));
    await targetReaches(postId, 'failed');
    await givenUp(jobKey(targetId));
    expect(await sweepTargets(t.herald.app)).toBe(0);
    expect((await jobRow(jobKey(targetId)))?.attempts).toBe(10);
  }, 60_000);
});

describe("a first comment's job out of attempts", () => {
  it('records the comment failed with 679 (firstComment) and warns on the published post, once', async () => {
    const comment = 'a first comment refused';
    const { postId, targetId } = await refusedPost(comment, {
      post: 'published, its first comment given up',
      firstComment: { comment },
    });
    const key = `first-comment:${targetId}`;
    await failedOnce(key, 'comment refused by the test');
    expect((await target(postId)).state).toBe('published');
    await lastAttemptNow(key);
    const comments = async () =>
      (
        await t.herald.app.pool.query<{ state: string; error: { code: number; variant?: string } | null }>(
          "SELECT state, error FROM comments WHERE target_id = $1 AND kind = 'first'",
          [targetId],
        )
      ).rows;
    await vi.waitFor(async () => expect((await comments()).map((c) => c.state)).toEqual(['failed']), WAIT);
    expect((await comments())[0]?.error).toMatchObject({ code: 679, variant: 'firstComment' });
    const read = await t.request('GET', `/api/post/${postId}`);
    expect(JSON.stringify(read.body)).toContain('Herald gave up posting the first comment on Bluesky');
    // Only the published post's warning: the post itself is not failed.
    expect((await target(postId)).state).toBe('published');
    const { rows } = await t.herald.app.pool.query<{ warnings: unknown[] }>(
      'SELECT warnings FROM targets WHERE id = $1',
      [targetId],
    );
    expect(rows[0]?.warnings).toHaveLength(1);
  }, 60_000);
});

describe('markGivenUp', () => {
  /** A queued target of its own post, with no job. */
  async function queuedTarget(): Promise<string> {
    const db = t.herald.app.pool;
    const postId = `given-up-${Math.random().toString(36).slice(2)}`;
    await db.query(
      `INSERT INTO posts (id, profile_id, text, platforms, type) SELECT $1, id, 'x', '{facebook}', 'now' FROM profiles WHERE is_primary`,
      [postId],
    );
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO targets (id, post_id, platform, state) VALUES (gen_random_uuid(), $1, 'facebook', 'queued') RETURNING id`,
      [postId],
    );
    return rows[0]?.id ?? '';
  }
  const error = { code: 679 };

  it('leaves a target another job of its key will take up (one re-added while the last attempt ran)', async () => {
    const id = await queuedTarget();
    const { rows } = await t.herald.app.pool.query<{ id: string }>(
      `SELECT id FROM graphile_worker.add_job('probe_task', '{}'::json, job_key => $1, run_at => 'infinity')`,
      [jobKey(id)],
    );
    const other = rows[0]?.id ?? '';
    expect(
      await markGivenUp(t.herald.app.pool, id, error, { key: jobKey(id), id: String(Number(other) + 1) }),
    ).toBe(false);
    // The job giving up is that very job: nothing else will take the target up.
    expect(await markGivenUp(t.herald.app.pool, id, error, { key: jobKey(id), id: other })).toBe(true);
    await t.herald.app.pool.query('SELECT graphile_worker.remove_job($1)', [jobKey(id)]);
  });

  it('leaves a target whose job waits on its row for later (job_due_at)', async () => {
    const id = await queuedTarget();
    await t.herald.app.pool.query(`UPDATE targets SET job_due_at = now() + interval '1 day' WHERE id = $1`, [
      id,
    ]);
    expect(await markGivenUp(t.herald.app.pool, id, error, { key: jobKey(id), id: '0' })).toBe(false);
    await t.herald.app.pool.query('UPDATE targets SET job_due_at = NULL WHERE id = $1', [id]);
    expect(await markGivenUp(t.herald.app.pool, id, error, { key: jobKey(id), id: '0' })).toBe(true);
  });
});
