import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { markPollingStopped } from '../../src/db/targets.ts';
import { giveUpPoll, POLL_FAILING_GIVE_UP_MS, pollTarget } from '../../src/jobs/poll-target.ts';
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
  progress: Record<string, unknown> | null;
}

async function targetOf(postId: string): Promise<TargetRow> {
  const { rows } = await t.herald.app.pool.query<TargetRow>(
    'SELECT id, state, error, progress FROM targets WHERE post_id = $1',
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

describe('a pending target Herald can no longer ask about', () => {
  /** Runs the target's poll as its queued poll job would (that job's id), now. */
  async function pollAsItsJob(targetId: string): Promise<void> {
    const job = await pollJob(targetId);
    if (!job) throw new Error('no poll job');
    await pollTarget(t.herald.app, targetId, { id: job.id });
  }

  it('stops asking once every status fetch has failed for 72 hours in a row: unconfirmed (626), the last failure named', async () => {
    const fake = tiktok?.fake;
    if (!fake) throw new Error('no fake');
    const { postId, targetId } = await pendingPost('TikTok, its status fetch failing for days');

    // A failed fetch: still pending, asked again, the run's first failure kept.
    // (A reset fetch is not in the fake's counts: it never reached TikTok's answer.)
    fake.failNext('status', { reset: true });
    await pollAsItsJob(targetId);
    let target = await targetOf(postId);
    expect(target.state).toBe('pending');
    const since = target.progress?.pollFailingSince;
    expect(typeof since).toBe('number');
    expect(await pollJob(targetId)).toMatchObject({ locked: false });

    // A fetch that answers (TikTok still processing) ends the run.
    await pollAsItsJob(targetId);
    target = await targetOf(postId);
    expect(target.state).toBe('pending');
    expect(target.progress).not.toHaveProperty('pollFailingSince');

    // Failing again, and for 72 hours (the run's start moved back): the next failure stops it.
    fake.failNext('status', { reset: true });
    await pollAsItsJob(targetId);
    await t.herald.app.pool.query(
      `UPDATE targets SET progress = jsonb_set(progress, '{pollFailingSince}', to_jsonb($2::bigint)) WHERE id = $1`,
      [targetId, Date.now() - POLL_FAILING_GIVE_UP_MS - 60_000],
    );
    // Another poll job of the key (not the one running) would still ask: left pending.
    fake.failNext('status', { reset: true });
    await pollTarget(t.herald.app, targetId, { id: '0' });
    expect((await targetOf(postId)).state).toBe('pending');

    fake.failNext('status', { reset: true });
    const fetches = fake.counts.statusFetches;
    const inits = fake.counts.inits;
    await pollAsItsJob(targetId);
    target = await targetOf(postId);
    expect(target.state).toBe('unconfirmed');
    expect(target.error?.code).toBe(626);
    expect(target.error?.details).toMatch(
      /^Every status fetch since \d{4}-\d\d-\d\dT.* failed, so Herald stopped asking; the last: /,
    );
    // The scripted reset was used (no fetch answered), and nothing was sent again.
    expect(fake.counts.statusFetches).toBe(fetches);
    expect(fake.counts.inits).toBe(inits);

    const read = await t.request('GET', `/api/post/${postId}`);
    expect(JSON.stringify(read.body)).toContain('"code":626');
  }, 60_000);

  it('stops asking once its account is unlinked (the target keeps no account): unconfirmed (626)', async () => {
    const fake = tiktok?.fake;
    if (!fake) throw new Error('no fake');
    const { postId, targetId } = await pendingPost('TikTok, its account unlinked while it waited');
    // What unlinking leaves on the target (accounts ON DELETE SET NULL); the account itself stays for the other tests.
    await t.herald.app.pool.query('UPDATE targets SET account_id = NULL WHERE id = $1', [targetId]);
    const fetches = fake.counts.statusFetches;
    await pollAsItsJob(targetId);
    const target = await targetOf(postId);
    expect(target.state).toBe('unconfirmed');
    expect(target.error?.code).toBe(626);
    expect(target.error?.details).toContain(
      'The TikTok account was unlinked while TikTok still held the post',
    );
    expect(fake.counts.statusFetches).toBe(fetches);
  }, 60_000);
});
