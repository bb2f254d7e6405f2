import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/database.ts';
import { createLogger } from '../ops/logger.ts';
import { IN_FLIGHT, TRANSITIONS } from '../posts/target-state.ts';
import { TargetWaiter } from './target-waiter.ts';

describe('TargetWaiter', () => {
  it('never loses a notification that arrives while the targets are being read', async () => {
    const url = await createTestDatabase();
    // No fallback poll within the test's time: only the notification can wake the waiter.
    const waiter = new TargetWaiter(url, createLogger('silent'), 600_000);
    await waiter.start();
    const notifier = new pg.Client({ connectionString: url });
    await notifier.connect();
    try {
      let reads = 0;
      const done = await waiter.waitFor('post-1', 600_000, async () => {
        reads += 1;
        if (reads === 1) {
          // The target changes while this read is in flight.
          await notifier.query("SELECT pg_notify('herald_targets', 'post-1')");
          await new Promise((r) => setTimeout(r, 100));
          return false;
        }
        return true;
      });
      expect(done).toBe(true);
      expect(reads).toBe(2);
    } finally {
      await notifier.end();
      await waiter.stop();
    }
  }, 10_000);

  it('is notified when an awaited target settles, not when it is inserted, claimed or queued again, nor for one nobody awaits', async () => {
    const url = await createTestDatabase();
    const db = new pg.Client({ connectionString: url });
    const listener = new pg.Client({ connectionString: url });
    await Promise.all([db.connect(), listener.connect()]);
    const heard: string[] = [];
    listener.on('notification', (msg) => heard.push(msg.payload ?? ''));
    await listener.query('LISTEN herald_targets');
    try {
      await db.query(
        "INSERT INTO profiles (id, title, ref_id, is_primary) VALUES (gen_random_uuid(), 'p', 'r', true)",
      );
      await db.query(
        "INSERT INTO posts (id, profile_id, text, platforms, type) SELECT p, id, 'x', '{facebook}', 'now' FROM profiles, unnest('{post-n,post-q}'::text[]) p",
      );
      // post-n is awaited by a request (markAwaited), post-q by none: only post-n's settles notify.
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO targets (id, post_id, platform, state, awaited_until)
         VALUES (gen_random_uuid(), 'post-n', 'facebook', 'queued', now() + interval '1 minute'),
                (gen_random_uuid(), 'post-q', 'facebook', 'queued', NULL)
         RETURNING id`,
      );
      const awaited = rows[0]?.id as string;
      // Every edge of the state machine, walked in an order that reaches them all.
      const walk: string[] = [
        'sending',
        'queued',
        'sending',
        'failed',
        'queued',
        'sending',
        'unconfirmed',
        'queued',
        'sending',
        'pending',
        'published',
        'deleted',
      ];
      const expected: string[] = [];
      let from = 'queued';
      for (const to of walk) {
        expect(TRANSITIONS[from as keyof typeof TRANSITIONS]).toContain(to);
        // A published target always carries the network's id (a check constraint).
        await db.query("UPDATE targets SET state = $1, network_post_id = 'n-1'", [to]);
        if (!(IN_FLIGHT as readonly string[]).includes(to)) expected.push(to);
        from = to;
      }
      // A round trip on the listening connection delivers everything sent before it.
      await listener.query('SELECT 1');
      // Each names the post and the target (migration 033).
      expect(heard).toEqual(expected.map(() => `post-n:${awaited}`));
      expect(expected).toEqual(['failed', 'unconfirmed', 'pending', 'published', 'deleted']);
    } finally {
      await Promise.all([db.end(), listener.end()]);
    }
  });

  it('tells each check which targets notified, and nothing when a check may have missed one', async () => {
    const url = await createTestDatabase();
    const waiter = new TargetWaiter(url, createLogger('silent'), 600_000);
    await waiter.start();
    const notifier = new pg.Client({ connectionString: url });
    await notifier.connect();
    try {
      const checks: (readonly string[] | undefined)[] = [];
      const done = await waiter.waitFor('post-3', 600_000, async (heard) => {
        checks.push(heard);
        if (checks.length === 1) await notifier.query("SELECT pg_notify('herald_targets', 'post-3:t-1')");
        if (checks.length === 2) await notifier.query("SELECT pg_notify('herald_targets', 'post-3')");
        return checks.length === 3;
      });
      expect(done).toBe(true);
      expect(checks).toEqual([undefined, ['t-1'], undefined]);
    } finally {
      await notifier.end();
      await waiter.stop();
    }
  }, 10_000);

  it('returns false at the deadline', async () => {
    const waiter = new TargetWaiter(await createTestDatabase(), createLogger('silent'), 50);
    await waiter.start();
    expect(await waiter.waitFor('post-2', 200, async () => false)).toBe(false);
    await waiter.stop();
  });
});
