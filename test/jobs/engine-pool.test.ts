import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * graphile-worker runs on its own connections, whose commits do not wait for the WAL flush
 * (src/db/pool.ts, createEnginePool), while every statement of Herald's own keeps
 * PostgreSQL's durable commit: the claim and the settle are what guard a send.
 */
let h: TestHerald;
beforeAll(async () => {
  h = await startTestHerald();
});
afterAll(() => h?.stop());

describe('the engine pool', () => {
  it('commits without waiting for the flush; Herald’s own pool waits for it', async () => {
    const { app } = h.herald;
    expect(app.enginePool).toBeDefined();
    const engine = await app.enginePool?.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
    const own = await app.pool.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
    expect(engine?.rows[0]?.synchronous_commit).toBe('off');
    expect(own.rows[0]?.synchronous_commit).toBe('on');
  });

  it('is the one graphile-worker fetches publish jobs with, and a post still publishes once', async () => {
    const linked = await h.request('POST', '/api/accounts', {
      platform: 'facebook',
      credentials: { sandbox: true },
    });
    expect(linked.status).toBe(200);
    const posted = await h.request('POST', '/api/post', { post: 'engine pool', platforms: ['facebook'] });
    expect(posted.body.status).toBe('success');
    // The engine's LISTEN connection is one of the engine pool's (the pool's own count says so).
    expect(h.herald.app.enginePool?.totalCount).toBeGreaterThan(0);
    const { rows } = await h.herald.app.pool.query<{ creates: number }>('SELECT creates FROM sandbox_ledger');
    expect(rows).toEqual([{ creates: 1 }]);
  });
});
