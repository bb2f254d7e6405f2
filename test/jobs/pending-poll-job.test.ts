import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MediaServer } from '../helpers/media-server.ts';
import { startTikTokHerald, type TikTokHerald } from '../helpers/tiktok-herald.ts';

/**
 * A network that publishes later (TikTok) leaves its target `pending`, with a poll job that
 * asks again. Both are written in one transaction: a target is never pending with no poll
 * job. Before, they were two statements; a worker that failed or stopped between them left
 * the target pending for good (a later run of its publish job finds it no longer claimable),
 * and no webhook ever said what became of the post.
 */

let media: MediaServer;
let tiktok: TikTokHerald | undefined;

beforeAll(async () => {
  tiktok = await startTikTokHerald({ HERALD_POST_WAIT_MS: '0' });
  ({ media } = tiktok);
  // The first poll job added fails (an error that is not transient: retried by the engine).
  await tiktok.t.herald.app.pool.query(`
    CREATE SEQUENCE poll_job_faults;
    CREATE FUNCTION refuse_poll_job() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'poll_target')
         AND nextval('poll_job_faults') = 1 THEN
        RAISE EXCEPTION 'poll job refused by the test' USING ERRCODE = 'P0001';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER refuse_poll_job BEFORE INSERT ON graphile_worker._private_jobs
      FOR EACH ROW EXECUTE FUNCTION refuse_poll_job();`);
});
afterAll(async () => {
  await tiktok?.stop();
});

describe('a pending target', () => {
  it('is never left pending without its poll job: when the job cannot be added, the target is not moved either', async () => {
    const t = tiktok?.t;
    if (!t) throw new Error('no Herald');
    const res = await t.request('POST', '/api/post', {
      post: 'TikTok, its poll job refused once',
      platforms: ['tiktok'],
      mediaUrls: [media.url('/clip.mp4')],
    });
    expect(res.status).toBe(200);
    const read = async () => {
      const { rows } = await t.herald.app.pool.query<{
        id: string;
        state: string;
        lease_until: Date | null;
        error: { code: number } | null;
      }>('SELECT id, state, lease_until, error FROM targets WHERE post_id = $1', [res.body.id]);
      if (!rows[0]) throw new Error('no target');
      return rows[0];
    };
    // The refusal happened (the sequence moved) and the publish job failed on it.
    await vi.waitFor(
      async () => {
        const { rows } = await t.herald.app.pool.query<{ is_called: boolean }>(
          'SELECT is_called FROM poll_job_faults',
        );
        expect(rows[0]?.is_called).toBe(true);
        const { rows: jobs } = await t.herald.app.pool.query<{ last_error: string | null }>(
          `SELECT last_error FROM graphile_worker._private_jobs WHERE key = $1`,
          [`target:${(await read()).id}`],
        );
        expect(jobs[0]?.last_error).toContain('poll job refused by the test');
      },
      { timeout: 20_000, interval: 100 },
    );
    // Not pending: still `sending` under its lease, as after a worker that stopped mid-send.
    const target = await read();
    expect(target.state).toBe('sending');

    // Its lease runs out (moved to now rather than waited for): the next run reconciles it. TikTok
    // offers no way to look a post up, so it is reported unconfirmed (626), never sent again.
    await t.herald.app.pool.query(
      `UPDATE targets SET lease_until = now() - interval '1 second' WHERE id = $1`,
      [target.id],
    );
    await t.herald.app.pool.query(
      `UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = $1 AND locked_at IS NULL`,
      [`target:${target.id}`],
    );
    await t.herald.app.pool.query(
      `UPDATE targets SET job_due_at = now() WHERE id = $1 AND job_due_at IS NOT NULL`,
      [target.id],
    );
    await vi.waitFor(async () => expect((await read()).state).toBe('unconfirmed'), {
      timeout: 20_000,
      interval: 100,
    });
    expect((await read()).error?.code).toBe(626);
  }, 60_000);
});
