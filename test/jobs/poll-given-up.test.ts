import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { markPollingStopped } from '../../src/db/targets.ts';
import { giveUpPoll } from '../../src/jobs/poll-target.ts';
import { pollJobKey } from '../../src/jobs/queue.ts';
import { sweepTargets } from '../../src/jobs/sweep.ts';
import type { TestHerald } from '../helpers/herald.ts';
import type { MediaServer } from '../helpers/media-server.ts';
import { startTikTokHerald, type TikTokHerald } from '../helpers/tiktok-herald.ts';

/**
 * A `pending` target (TikTok publishes after moderation) is asked about by its poll job. A
 * failed status fetch is not an error (asked again a minute later); an error of Herald's own
 * is the engine's to retry, 10 attempts in all. When the last one fails too, the target was
 * left `pending` for good, asked about by no one and reported by nothing. It is now recorded
 * unconfirmed (626): TikTok took the post and may have published it, so the post's outcome
 * says to look before retrying.
 */

let tiktok: TikTokHerald | undefined;
let t: TestHerald;
let media: MediaServer;

beforeAll(async () => {
  tiktok = await startTikTokHerald({ HERALD_POST_WAIT_MS: '0' });
  ({ t, media } = tiktok);
  // The poll jobs of the targets named in poll_refused cannot be added: the poll that would add
  // the next one fails on an error of Herald's own (not transient: retried by the engine).
  await t.herald.app.pool.query(`
    CREATE TABLE poll_refused (target_id text PRIMARY KEY);
    CREATE FUNCTION refuse_poll_job() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'poll_target')
         AND EXISTS (SELECT 1 FROM poll_refused WHERE target_id = NEW.payload->>'targetId') THEN
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

const WAIT = { timeout: 20_000, interval: 100 };

interface TargetRow {
  id: string;
  state: string;
  error: { code: number; details?: string } | null;
}

async function targetOf(postId: string): Promise<TargetRow> {
  const { rows } = await t.herald.app.pool.query<TargetRow>(
    'SELECT id, state, error FROM targets WHERE post_id = $1',
    [postId],
  );
  if (!rows[0]) throw new Error(`no target for ${postId}`);
  return rows[0];
}

async function pollJob(targetId: string) {
  const { rows } = await t.herald.app.pool.query<{
    id: string;
    attempts: number;
    max_attempts: number;
    locked: boolean;
    last_error: string | null;
  }>(
    `SELECT id, attempts, max_attempts, locked_at IS NOT NULL AS locked, last_error
     FROM graphile_worker._private_jobs WHERE key = $1`,
    [pollJobKey(targetId)],
  );
  return rows[0];
}

/** A TikTok post left `pending` (the fake publishes only when told), with its poll job waiting. */
async function pendingPost(text: string): Promise<{ postId: string; targetId: string }> {
  const res = await t.request('POST', '/api/post', {
    post: text,
    platforms: ['tiktok'],
    mediaUrls: [media.url('/clip.mp4')],
  });
  expect(res.status).toBe(200);
  const postId = res.body.id as string;
  await vi.waitFor(async () => expect((await targetOf(postId)).state).toBe('pending'), WAIT);
  const targetId = (await targetOf(postId)).id;
  expect(await pollJob(targetId)).toMatchObject({ attempts: 0, locked: false });
  return { postId, targetId };
}

/** The poll job runs now, as if on its last attempt when `last` (nine spent: the back-off would take hours). */
async function pollNow(targetId: string, last: boolean): Promise<void> {
  await t.herald.app.pool.query(
    `UPDATE graphile_worker._private_jobs
     SET run_at = now(), attempts = CASE WHEN $2 THEN max_attempts - 1 ELSE attempts END
     WHERE key = $1`,
    [pollJobKey(targetId), last],
  );
}

describe('a poll job out of attempts', () => {
  it('leaves its target pending while attempts remain, then records it unconfirmed (626), never sent again', async () => {
    const { postId, targetId } = await pendingPost('TikTok, its status asked about in vain');
    await t.herald.app.pool.query('INSERT INTO poll_refused VALUES ($1)', [targetId]);

    // A failing attempt with more to come: the engine retries it, the target waits.
    await pollNow(targetId, false);
    await vi.waitFor(async () => {
      const job = await pollJob(targetId);
      expect(job?.last_error).toContain('poll job refused by the test');
      expect(job?.locked).toBe(false);
    }, WAIT);
    expect((await pollJob(targetId))?.attempts).toBe(1);
    expect((await targetOf(postId)).state).toBe('pending');

    // The last attempt fails too: the target is unconfirmed, with the job named.
    const inits = tiktok?.fake.counts.inits;
    const fetches = tiktok?.fake.counts.statusFetches ?? 0;
    await pollNow(targetId, true);
    await vi.waitFor(async () => expect((await targetOf(postId)).state).toBe('unconfirmed'), WAIT);
    const target = await targetOf(postId);
    expect(target.error?.code).toBe(626);
    expect(target.error?.details).toContain(
      `Poll job ${(await pollJob(targetId))?.id} ran out of attempts (10)`,
    );
    // Asked once more on the last attempt, never sent again.
    expect(tiktok?.fake.counts.statusFetches).toBeGreaterThan(fetches);
    expect(tiktok?.fake.counts.inits).toBe(inits);

    const read = await t.request('GET', `/api/post/${postId}`);
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body)).toContain('"code":626');
    expect(JSON.stringify(read.body)).toContain('could not confirm whether it was published');
  }, 60_000);

  it('changes nothing once the target left pending (a webhook or a poll settled it) or another poll job will ask', async () => {
    const { postId, targetId } = await pendingPost('TikTok, settled before its poll job gave up');
    const job = await pollJob(targetId);
    if (!job) throw new Error('no poll job');

    // Another job of the same key (one added while the failing one ran) will still ask.
    expect(
      await markPollingStopped(
        t.herald.app.pool,
        targetId,
        { code: 626 },
        { key: pollJobKey(targetId), id: String(Number(job.id) + 1) },
      ),
    ).toBe(false);
    expect((await targetOf(postId)).state).toBe('pending');

    await t.herald.app.pool.query(
      `UPDATE targets SET state = 'published', network_post_id = 'v-1', published_at = now() WHERE id = $1`,
      [targetId],
    );
    expect(await giveUpPoll(t.herald.app, targetId, { id: job.id, attempts: 10 })).toBe(false);
    expect(await targetOf(postId)).toMatchObject({ state: 'published', error: null });
  }, 60_000);

  it('is recorded by the minute sweep when its last attempt met the database away (nothing could record it then)', async () => {
    const { postId, targetId } = await pendingPost('TikTok, its poll job given up unrecorded');
    // What the engine leaves after such a last attempt: the job out of attempts, its target pending.
    await t.herald.app.pool.query(
      `UPDATE graphile_worker._private_jobs SET attempts = max_attempts, run_at = now() - interval '1 minute'
       WHERE key = $1`,
      [pollJobKey(targetId)],
    );
    expect(await sweepTargets(t.herald.app)).toBe(1);
    const target = await targetOf(postId);
    expect(target.state).toBe('unconfirmed');
    expect(target.error?.code).toBe(626);
    // Nothing left: the target is no longer pending.
    expect(await sweepTargets(t.herald.app)).toBe(0);
  }, 60_000);
});
