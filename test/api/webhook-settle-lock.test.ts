import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { startWebhookReceiver, until, type WebhookReceiver } from '../helpers/webhook-receiver.ts';

/**
 * A settle takes the post's webhook lock (migration 008: "is the post settled now?") only
 * when a hook listens to a post's outcome (migration 034). Shown by holding that lock from
 * another connection while a target settles: unlistened, the settle commits meanwhile;
 * listened, it waits for the lock, then makes its event.
 */

let t: TestHerald;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  // A short wait, so POST /api/post answers while the delayed sandbox send is still out.
  t = await startTestHerald({ env: { HERALD_MEDIA_ALLOW: '127.0.0.1', HERALD_POST_WAIT_MS: '100' } });
  await linkSandbox(t, ['facebook']);
});
afterAll(async () => {
  await t?.stop();
  await receiver?.close();
});

async function stateOf(postId: string): Promise<string | undefined> {
  const { rows } = await t.herald.app.pool.query<{ state: string }>(
    'SELECT state FROM targets WHERE post_id = $1',
    [postId],
  );
  return rows[0]?.state;
}

/** Whether a statement waits for an advisory lock (the settle's trigger, blocked by the holder). */
async function settleWaitsForLock(): Promise<boolean> {
  const { rows } = await t.herald.app.pool.query(
    `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'`,
  );
  return rows.length > 0;
}

/** A post still being sent (its sandbox network answers in 1.5 s); its id. */
async function postInFlight(text: string): Promise<string> {
  const res = await t.request('POST', '/api/post', {
    post: `${text} #sandbox-delay-1500`,
    platforms: ['facebook'],
  });
  const postId = String(res.body.id);
  expect(await stateOf(postId)).toBe('sending');
  return postId;
}

/** Runs `meanwhile` while another connection holds the post's webhook lock, then lets it go. */
async function withPostLockHeld(postId: string, meanwhile: () => Promise<void>): Promise<void> {
  const holder = await t.herald.app.pool.connect();
  try {
    await holder.query('BEGIN');
    await holder.query('SELECT herald_webhook_post_lock($1)', [postId]);
    await meanwhile();
  } finally {
    await holder.query('ROLLBACK');
    holder.release();
  }
}

describe('the settle’s webhook lock', () => {
  it('is not taken when no hook listens: the target settles while another holds it', async () => {
    const postId = await postInFlight('Unheard');
    await withPostLockHeld(postId, () =>
      until(async () => (await stateOf(postId)) === 'published', 'the settle, with the lock held elsewhere'),
    );
  });

  it('is taken when a hook listens: the settle waits for it, then makes the event', async () => {
    const hooked = await t.request('POST', '/api/hook/webhook', {
      action: 'immediate',
      url: `${receiver.url}/immediate`,
    });
    expect(hooked.status).toBe(200);
    const postId = await postInFlight('Heard');
    await withPostLockHeld(postId, async () => {
      await until(settleWaitsForLock, 'the settle waiting for the lock');
      expect(await stateOf(postId)).toBe('sending');
    });
    await until(async () => (await stateOf(postId)) === 'published', 'the settle, once the lock is free');
    await until(() => receiver.at('/immediate').length === 1, 'the immediate event');
    expect(receiver.at('/immediate')[0]?.json).toMatchObject({
      action: 'immediate',
      id: postId,
      status: 'success',
    });
  });
});
