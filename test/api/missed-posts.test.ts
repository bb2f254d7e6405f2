import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { attemptsOf } from '../helpers/attempts.ts';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * A scheduled post whose time passes while no worker runs: an API-only Herald accepts
 * it, its time passes, then a worker process starts on the same database. Inside
 * HERALD_MISSED_GRACE_MS it is published late; past it, it ends failed with 677 through
 * the ordinary claim → failed move (an attempt logged as `missed`).
 */

let api: TestHerald;
let worker: TestHerald | undefined;
const WAIT = { timeout: 20_000, interval: 100 };

beforeAll(async () => {
  // No worker here, so an immediate post answers at once instead of waiting for its networks.
  api = await startTestHerald({ role: 'api', env: { HERALD_POST_WAIT_MS: '0' } });
  await linkSandbox(api, ['bluesky', 'facebook']);
});
afterAll(async () => {
  await worker?.stop();
  await api?.stop();
});

async function startWorker(graceMs: number): Promise<void> {
  worker = await startTestHerald({
    role: 'worker',
    databaseUrl: api.databaseUrl,
    env: { HERALD_MISSED_GRACE_MS: String(graceMs) },
  });
}

async function stopWorker(): Promise<void> {
  await worker?.stop();
  worker = undefined;
}

async function scheduledSoon(): Promise<{ id: string; due: Date }> {
  const due = new Date(Date.now() + 1000);
  const res = await api.request('POST', '/api/post', {
    post: 'While nobody watched',
    platforms: ['bluesky', 'facebook'],
    scheduleDate: due.toISOString(),
  });
  expect(res.status).toBe(200);
  return { id: res.body.id as string, due };
}

async function targets(postId: string) {
  const { rows } = await api.herald.app.pool.query<{
    platform: string;
    state: string;
    published_at: Date | null;
    error: { code: number } | null;
  }>('SELECT platform, state, published_at, error FROM targets WHERE post_id = $1 ORDER BY platform', [
    postId,
  ]);
  return rows;
}

/** No worker runs: the clock passes the post's time by `ms`. */
async function lateBy(due: Date, ms: number): Promise<void> {
  await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(due.getTime() + ms), WAIT);
}

describe('missed posts', () => {
  it('taken up late but inside the grace period: published late', async () => {
    const { id, due } = await scheduledSoon();
    await lateBy(due, 2500);
    expect((await targets(id)).map((x) => x.state)).toEqual(['queued', 'queued']);
    await startWorker(3_600_000);
    await vi.waitFor(
      async () => expect((await targets(id)).map((x) => x.state)).toEqual(['published', 'published']),
      WAIT,
    );
    for (const target of await targets(id)) {
      expect(target.published_at?.getTime()).toBeGreaterThan(due.getTime() + 2500);
    }
    await stopWorker();
  });

  it('past the grace period: failed with 677 on each network, through the state machine; a retry sends it', async () => {
    const { id, due } = await scheduledSoon();
    await lateBy(due, 2500);
    await startWorker(1000);
    await vi.waitFor(
      async () => expect((await targets(id)).map((x) => x.state)).toEqual(['failed', 'failed']),
      WAIT,
    );
    expect((await attemptsOf(api, id)).map((a) => [a.outcome, a.error_code])).toEqual([
      ['missed', 677],
      ['missed', 677],
    ]);
    const view = await api.request('GET', `/api/post/${id}`);
    expect(view.body.status).toBe('error');
    const errors = view.body.errors as Record<string, unknown>[];
    expect(errors.map((e) => [e.platform, e.code])).toEqual([
      ['bluesky', 677],
      ['facebook', 677],
    ]);
    expect(errors[0]).toMatchObject({ action: 'post', status: 'error' });
    expect(errors[0]?.message).toMatch(
      new RegExp(
        `^The post was due at ${due.toISOString().replace(/[.]/g, '\\.')} but no Herald worker picked it up until .+, later than the grace period of 1 second\\. It was not sent to Bluesky\\.$`,
      ),
    );
    // A retry is an explicit "send it now": it is not missed again.
    expect((await api.request('PUT', '/api/post/retry', { id })).status).toBe(200);
    await vi.waitFor(
      async () => expect((await targets(id)).map((x) => x.state)).toEqual(['published', 'published']),
      WAIT,
    );
    await stopWorker();
  });

  it('an immediate post is never missed, however late', async () => {
    const res = await api.request('POST', '/api/post', { post: 'Right now', platforms: ['bluesky'] });
    const id = res.body.id as string;
    const created = new Date();
    await lateBy(created, 2500);
    await startWorker(1000);
    await vi.waitFor(
      async () => expect((await targets(id)).map((x) => x.state)).toEqual(['published']),
      WAIT,
    );
    await stopWorker();
  });
});
