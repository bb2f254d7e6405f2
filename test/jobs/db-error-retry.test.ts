import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * A publish or first-comment job that meets a transient database error (here PostgreSQL's
 * own `admin_shutdown`, 57P01, raised by a trigger on its claim) goes again in about a
 * second as a fresh job (src/jobs/again-soon.ts), not through graphile-worker's retry,
 * whose back-off (e^attempts s: 3, 7, 20, 55 s...) would hold it for minutes after five,
 * and end a first comment's job for good (5 attempts) with the comment never posted.
 */

let t: TestHerald;
beforeAll(async () => {
  t = await startTestHerald({ env: { HERALD_POST_WAIT_MS: '0' } });
  await linkSandbox(t, ['bluesky']);
  // A sequence per kind of claim counts the claims it failed: nextval is not undone with
  // the failed statement. `arm(kind, n)` fails that kind's next n claims.
  await t.herald.app.pool.query(`
    CREATE SEQUENCE claim_faults_target;
    CREATE SEQUENCE claim_faults_comment;
    CREATE TABLE claim_faults (kind text PRIMARY KEY, fail_until bigint NOT NULL);
    INSERT INTO claim_faults VALUES ('target', 0), ('comment', 0);
    CREATE FUNCTION fail_claim() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE fail_until bigint := (SELECT f.fail_until FROM claim_faults f WHERE f.kind = TG_ARGV[0]);
    BEGIN
      IF fail_until > 0 AND nextval('claim_faults_' || TG_ARGV[0]) <= fail_until THEN
        RAISE EXCEPTION 'terminating connection due to administrator command' USING ERRCODE = '57P01';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER fail_claim BEFORE UPDATE ON targets FOR EACH ROW
      WHEN (OLD.state = 'queued' AND NEW.state = 'sending') EXECUTE FUNCTION fail_claim('target');
    CREATE TRIGGER fail_comment_claim BEFORE INSERT ON comments FOR EACH ROW
      WHEN (NEW.kind = 'first') EXECUTE FUNCTION fail_claim('comment');`);
});
afterAll(() => t.stop());

async function arm(kind: 'target' | 'comment', n: number): Promise<void> {
  await t.herald.app.pool.query('UPDATE claim_faults SET fail_until = $2 WHERE kind = $1', [kind, n]);
}

/** How many claims of that kind the trigger has seen (failed or let through). */
async function claimsSeen(kind: 'target' | 'comment'): Promise<number> {
  const { rows } = await t.herald.app.pool.query<{ last_value: string; is_called: boolean }>(
    `SELECT last_value, is_called FROM claim_faults_${kind}`,
  );
  return rows[0]?.is_called ? Number(rows[0].last_value) : 0;
}

describe('a job that meets a transient database error', () => {
  it('a publish: tried again at once as a fresh job, five times in a row, and the post publishes once', async () => {
    await arm('target', 5);
    const res = await t.request('POST', '/api/post', {
      post: 'claimed on the sixth try',
      platforms: ['bluesky'],
    });
    expect(res.status).toBe(200);
    const postId = res.body.id as string;
    // Within 30 s: the engine's own retries would only reach the sixth claim after about 85 s.
    await vi.waitFor(
      async () => {
        const { rows } = await t.herald.app.pool.query<{ state: string }>(
          'SELECT state FROM targets WHERE post_id = $1',
          [postId],
        );
        expect(rows[0]?.state).toBe('published');
      },
      { timeout: 30_000, interval: 200 },
    );
    // Five claims failed, the sixth went through.
    expect(await claimsSeen('target')).toBe(6);
    const { rows: ledger } = await t.herald.app.pool.query<{ creates: number }>(
      'SELECT l.creates FROM sandbox_ledger l JOIN targets t ON t.id = l.target_id WHERE t.post_id = $1',
      [postId],
    );
    expect(ledger).toEqual([{ creates: 1 }]);
    // No job of the target is left failing in the engine.
    const { rows: failing } = await t.herald.app.pool.query(
      "SELECT id FROM graphile_worker.jobs WHERE task_identifier = 'publish_target' AND last_error IS NOT NULL",
    );
    expect(failing).toEqual([]);
  }, 60_000);

  it('a first comment: tried again at once as a fresh job, five times in a row, and posted once', async () => {
    await arm('comment', 5);
    const res = await t.request('POST', '/api/post', {
      post: 'with a first comment',
      platforms: ['bluesky'],
      firstComment: { comment: 'First, on the sixth try' },
    });
    expect(res.status).toBe(200);
    const postId = res.body.id as string;
    // Within 30 s: the engine's own retries would only reach the sixth claim after about 85 s,
    // and a first comment's job has five attempts in all.
    await vi.waitFor(
      async () => {
        const { rows } = await t.herald.app.pool.query<{ state: string }>(
          "SELECT state FROM comments WHERE post_id = $1 AND kind = 'first'",
          [postId],
        );
        expect(rows).toEqual([{ state: 'posted' }]);
      },
      { timeout: 30_000, interval: 200 },
    );
    expect(await claimsSeen('comment')).toBe(6);
  }, 60_000);
});
