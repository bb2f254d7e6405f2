import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lockPostForEdit, updatePost } from '../../src/db/post-edits.ts';
import { claimTarget, findTarget } from '../../src/db/targets.ts';
import { publishInput, publishTarget } from '../../src/jobs/publish-target.ts';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * An edit of a post (PATCH /api/post) and the claim of one of its targets by a publish
 * job never interleave: the edit holds the post's row FOR UPDATE while it checks and
 * writes; the claim takes the same row FOR SHARE first. These tests hold an edit open
 * on one connection, start a claim on another, see it wait on the lock (PostgreSQL's
 * own pg_stat_activity), then commit the edit and read what the claim did.
 */

let t: TestHerald;
let editor: pg.Client;

beforeAll(async () => {
  // No worker: only these tests claim. Immediate posts answer at once (their targets wait).
  t = await startTestHerald({ role: 'api', env: { HERALD_POST_WAIT_MS: '0' } });
  await linkSandbox(t, ['bluesky']);
  editor = new pg.Client({ connectionString: t.databaseUrl });
  await editor.connect();
});
afterAll(async () => {
  await editor?.end();
  await t?.stop();
});

async function queuedPost(text: string): Promise<{ postId: string; targetId: string }> {
  const res = await t.request('POST', '/api/post', { post: text, platforms: ['bluesky'] });
  const postId = res.body.id as string;
  const { rows } = await t.herald.app.pool.query<{ id: string }>(
    'SELECT id FROM targets WHERE post_id = $1',
    [postId],
  );
  return { postId, targetId: rows[0]?.id as string };
}

/** Until some statement of this database waits on a row lock. */
async function someoneWaitsOnALock(): Promise<void> {
  await vi.waitFor(
    async () => {
      const { rows } = await t.herald.app.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      expect(rows[0]?.n).toBeGreaterThan(0);
    },
    { timeout: 10_000, interval: 20 },
  );
}

async function profileIdOf(postId: string): Promise<string> {
  const { rows } = await t.herald.app.pool.query<{ profile_id: string }>(
    'SELECT profile_id FROM posts WHERE id = $1',
    [postId],
  );
  return rows[0]?.profile_id as string;
}

describe('an edit and a claim never interleave', () => {
  it('a claim that comes while a pause is being written waits, then sees the pause and takes nothing', async () => {
    const { postId, targetId } = await queuedPost('pause race');
    await editor.query('BEGIN');
    const locked = await lockPostForEdit(editor, await profileIdOf(postId), postId);
    expect(locked?.targets.map((x) => x.state)).toEqual(['queued']);
    await updatePost(editor, postId, { paused: true });

    const claim = claimTarget(t.herald.app.pool, targetId, 60_000);
    await someoneWaitsOnALock();
    await editor.query('COMMIT');

    expect(await claim).toBeUndefined();
    expect((await findTarget(t.herald.app.pool, targetId))?.state).toBe('queued');
  });

  it('a claim that comes while the text is being replaced waits, then sends the new text', async () => {
    const { postId, targetId } = await queuedPost('the old text');
    await editor.query('BEGIN');
    await lockPostForEdit(editor, await profileIdOf(postId), postId);
    await updatePost(editor, postId, { text: 'the new text' });

    const claim = claimTarget(t.herald.app.pool, targetId, 60_000);
    await someoneWaitsOnALock();
    await editor.query('COMMIT');

    const claimed = await claim;
    expect(claimed?.target.state).toBe('sending');
    // The post the claim read with its lock (what the job sends): the edit, never the text it replaced.
    expect(claimed?.post.text).toBe('the new text');
    // And what a later read of the post gives (recovery, polls): the same.
    const input = await publishInput(t.herald.app, claimed?.target as NonNullable<typeof claimed>['target']);
    expect(input?.input.text).toBe('the new text');
  });

  it('an edit that comes after a claim finds the target sending and is refused (676), changing nothing', async () => {
    const { postId, targetId } = await queuedPost('claimed first');
    expect(await claimTarget(t.herald.app.pool, targetId, 60_000)).toBeDefined();
    const res = await t.request('PATCH', '/api/post', { id: postId, post: 'too late' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ action: 'update', status: 'error', code: 676 });
    expect(res.body.message).toBe(
      `Post ${postId} is being sent to Bluesky right now and cannot be changed. Read its outcome with GET /api/post/${postId}.`,
    );
    const view = await t.request('GET', `/api/post/${postId}`);
    expect(view.body.post).toBe('claimed first');
  });

  it('a held post is never claimed: its job, run anyway, parks itself and the target waits', async () => {
    const { postId, targetId } = await queuedPost('paused before the claim');
    expect((await t.request('PATCH', '/api/post', { id: postId, scheduledPause: true })).status).toBe(200);
    expect(await claimTarget(t.herald.app.pool, targetId, 60_000)).toBeUndefined();
    // The job as the worker would run it (at its old time, had it been running already).
    await publishTarget(t.herald.app, targetId);
    expect((await findTarget(t.herald.app.pool, targetId))?.state).toBe('queued');
    // Parked: the job waits on the target row for a time that never comes, until released.
    const { rows } = await t.herald.app.pool.query<{ job_due_at: string }>(
      'SELECT job_due_at::text FROM targets WHERE id = $1',
      [targetId],
    );
    expect(rows.map((r) => r.job_due_at)).toEqual(['infinity']);
  });
});
