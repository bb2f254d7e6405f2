import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * A publish job that meets a transient database error (here PostgreSQL's own
 * `admin_shutdown`, 57P01, raised by a trigger on the claim) goes again in about a second
 * as a fresh job (src/jobs/publish-again.ts), not through graphile-worker's retry, whose
 * back-off (e^attempts s: 3, 7, 20, 55 s...) would hold the post for minutes after five.
 */

let t: TestHerald;
beforeAll(async () => {
  t = await startTestHerald({ env: { HERALD_POST_WAIT_MS: '0' } });
  await linkSandbox(t, ['bluesky']);
  // A sequence counts the claims it failed: nextval is not undone with the failed statement.
  await t.herald.app.pool.query(`
    CREATE SEQUENCE claim_faults;
    CREATE TABLE claim_faults_until (n bigint NOT NULL);
    INSERT INTO claim_faults_until VALUES (0);
    CREATE FUNCTION fail_claim() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF (SELECT n FROM claim_faults_until) > 0 AND nextval('claim_faults') <= (SELECT n FROM claim_faults_until) THEN
        RAISE EXCEPTION 'terminating connection due to administrator command' USING ERRCODE = '57P01';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER fail_claim BEFORE UPDATE ON targets FOR EACH ROW
      WHEN (OLD.state = 'queued' AND NEW.state = 'sending') EXECUTE FUNCTION fail_claim();`);
});
afterAll(() => t.stop());

describe('a publish job that meets a transient database error', () => {
  it('is tried again at once as a fresh job, five times in a row, and the post publishes once', async () => {
    await t.herald.app.pool.query('UPDATE claim_faults_until SET n = 5');
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
    const { rows: faults } = await t.herald.app.pool.query<{ last_value: string }>(
      'SELECT last_value FROM claim_faults',
    );
    expect(faults[0]?.last_value).toBe('6');
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
});
