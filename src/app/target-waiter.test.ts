import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/database.ts';
import { createLogger } from '../ops/logger.ts';
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

  it('returns false at the deadline', async () => {
    const waiter = new TargetWaiter(await createTestDatabase(), createLogger('silent'), 50);
    await waiter.start();
    expect(await waiter.waitFor('post-2', 200, async () => false)).toBe(false);
    await waiter.stop();
  });
});
