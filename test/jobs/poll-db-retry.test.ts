import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addPollJob } from '../../src/jobs/queue.ts';
import type { FakeTikTok } from '../fakes/tiktok/server.ts';
import type { TestHerald } from '../helpers/herald.ts';
import type { MediaServer } from '../helpers/media-server.ts';
import { startTikTokHerald, type TikTokHerald } from '../helpers/tiktok-herald.ts';

/**
 * The poll job of a `pending` target (TikTok publishes later) that meets a transient database
 * error (PostgreSQL's `admin_shutdown`, 57P01, raised by a trigger on the move to `published`)
 * goes again in about a second as a fresh job (src/jobs/again-soon.ts), not through
 * graphile-worker's back-off (e^attempts s), whose last attempt left the target pending.
 */

let fake: FakeTikTok;
let media: MediaServer;
let t: TestHerald;
let tiktok: TikTokHerald | undefined;

beforeAll(async () => {
  tiktok = await startTikTokHerald();
  ({ fake, media, t } = tiktok);
  // A sequence counts the settles it failed: nextval is not undone with the failed statement.
  await t.herald.app.pool.query(`
    CREATE SEQUENCE settle_faults;
    CREATE FUNCTION fail_settle() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF nextval('settle_faults') <= 5 THEN
        RAISE EXCEPTION 'terminating connection due to administrator command' USING ERRCODE = '57P01';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER fail_settle BEFORE UPDATE ON targets FOR EACH ROW
      WHEN (OLD.state = 'pending' AND NEW.state = 'published') EXECUTE FUNCTION fail_settle();`);
});
afterAll(async () => {
  await tiktok?.stop();
});

describe('the poll job of a pending target that meets a transient database error', () => {
  it('is tried again at once as a fresh job, five times in a row, and the target is published', async () => {
    const res = await t.request('POST', '/api/post', {
      post: 'TikTok, settled on the sixth poll',
      platforms: ['tiktok'],
      mediaUrls: [media.url('/clip.mp4')],
    });
    expect(res.status).toBe(200);
    const { rows } = await t.herald.app.pool.query<{ id: string; state: string; extra: { ref?: string } }>(
      'SELECT id, state, extra FROM targets WHERE post_id = $1',
      [res.body.id],
    );
    const target = rows[0];
    expect(target?.state).toBe('pending');
    // TikTok publishes the video; the poll job, due in minutes, is brought forward to now.
    const publish = fake.publishes.all.get(target?.extra.ref ?? '');
    fake.publishes.publish(publish as NonNullable<typeof publish>);
    await addPollJob(t.herald.app.pool, target?.id as string, new Date());
    // Within 30 s: the engine's own retries would only reach the sixth poll after about 85 s.
    await vi.waitFor(
      async () => {
        const { rows: now } = await t.herald.app.pool.query<{ state: string }>(
          'SELECT state FROM targets WHERE id = $1',
          [target?.id],
        );
        expect(now[0]?.state).toBe('published');
      },
      { timeout: 30_000, interval: 200 },
    );
    const { rows: faults } = await t.herald.app.pool.query<{ last_value: string }>(
      'SELECT last_value FROM settle_faults',
    );
    expect(faults[0]?.last_value).toBe('6');
  }, 60_000);
});
