import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * Moving, pausing and approving scheduled posts, with the worker running for real:
 * each test waits on the clock and on the target's state, never on a fixed sleep, and
 * reads when the network published (targets.published_at).
 */

let t: TestHerald;
beforeAll(async () => {
  t = await startTestHerald();
  await linkSandbox(t, ['bluesky']);
});
afterAll(() => t.stop());

const inSeconds = (s: number) => new Date(Date.now() + s * 1000);
const WAIT = { timeout: 20_000, interval: 100 };

async function post(extra: Record<string, unknown>): Promise<string> {
  const res = await t.request('POST', '/api/post', { post: 'Lifecycle', platforms: ['bluesky'], ...extra });
  expect(res.status).toBe(200);
  return res.body.id as string;
}

async function target(postId: string) {
  const { rows } = await t.herald.app.pool.query<{
    state: string;
    attempts: number;
    published_at: Date | null;
  }>('SELECT state, attempts, published_at FROM targets WHERE post_id = $1', [postId]);
  return rows[0] as { state: string; attempts: number; published_at: Date | null };
}

async function published(postId: string): Promise<Date> {
  await vi.waitFor(async () => expect((await target(postId)).state).toBe('published'), WAIT);
  return (await target(postId)).published_at as Date;
}

/** Until the clock passes `at`, plus the worker's poll interval (2 s) and a margin. */
async function pastWithMargin(at: Date): Promise<void> {
  await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(at.getTime() + 3000), WAIT);
}

const patch = (body: Record<string, unknown>) => t.request('PATCH', '/api/post', body);

describe.concurrent('reschedule', () => {
  it('earlier, with Ayrshare’s SDK updatePost (PUT, source: "npm"): publishes at the new time, not the old one', async () => {
    const old = inSeconds(3600);
    const id = await post({ scheduleDate: old.toISOString() });
    const moved = inSeconds(2);
    const res = await t.request('PUT', '/api/post', { id, scheduleDate: moved.toISOString(), source: 'npm' });
    expect(res.body).toMatchObject({
      status: 'success',
      postStatus: 'scheduled',
      scheduleDate: moved.toISOString(),
    });
    const at = await published(id);
    expect(at.getTime()).toBeGreaterThanOrEqual(moved.getTime());
    expect(at.getTime()).toBeLessThan(old.getTime());
  });

  it('later: nothing goes at the old time; it publishes at the new one', async () => {
    const old = inSeconds(2);
    const id = await post({ scheduleDate: old.toISOString() });
    const moved = inSeconds(6);
    expect((await patch({ id, scheduleDate: moved.toISOString() })).status).toBe(200);
    await pastWithMargin(old);
    expect(await target(id)).toMatchObject({ state: 'queued', attempts: 0 });
    const at = await published(id);
    expect(at.getTime()).toBeGreaterThanOrEqual(moved.getTime());
  });

  it('to a past date: sends now', async () => {
    const id = await post({ scheduleDate: inSeconds(3600).toISOString() });
    const before = new Date();
    const res = await patch({ id, scheduleDate: '2020-01-01T00:00:00Z' });
    expect(res.status).toBe(200);
    expect(new Date(res.body.scheduleDate as string).getTime()).toBeGreaterThanOrEqual(
      before.getTime() - 1000,
    );
    await published(id);
  });

  it('with an offset: the instant it names', async () => {
    const id = await post({ scheduleDate: inSeconds(3600).toISOString() });
    const res = await patch({ id, scheduleDate: '2099-03-29T09:00:00+02:00' });
    expect(res.body.scheduleDate).toBe('2099-03-29T07:00:00.000Z');
    const malformed = await patch({ id, scheduleDate: 'next tuesday' });
    expect(malformed.body.code).toBe(609);
  });
});

describe.concurrent('pause and resume', () => {
  it('a paused post shows `paused`, is not sent at its time, and resumed past its date goes at once', async () => {
    const date = inSeconds(2);
    const id = await post({ scheduleDate: date.toISOString() });
    const paused = await patch({ id, scheduledPause: true });
    expect(paused.body).toMatchObject({ postStatus: 'paused', scheduledPause: true });
    expect((await t.request('GET', `/api/post/${id}`)).body.status).toBe('paused');
    const filtered = await t.request('GET', '/api/history?status=paused');
    expect((filtered.body.history as { id: string }[]).map((p) => p.id)).toContain(id);

    await pastWithMargin(date);
    expect(await target(id)).toMatchObject({ state: 'queued', attempts: 0 });
    const resumedAt = new Date();
    expect((await patch({ id, scheduledPause: false })).body.postStatus).toMatch(
      /pending|processing|success/,
    );
    const at = await published(id);
    expect(at.getTime()).toBeGreaterThanOrEqual(resumedAt.getTime());
  });

  it('resumed before its date: goes at its date', async () => {
    const date = inSeconds(4);
    const id = await post({ scheduleDate: date.toISOString() });
    await patch({ id, scheduledPause: true });
    const res = await patch({ id, scheduledPause: false });
    expect(res.body.postStatus).toBe('scheduled');
    const at = await published(id);
    expect(at.getTime()).toBeGreaterThanOrEqual(date.getTime());
  });

  it('a paused post can be moved; it stays paused', async () => {
    const id = await post({ scheduleDate: inSeconds(3600).toISOString() });
    await patch({ id, scheduledPause: true });
    const res = await patch({ id, scheduleDate: inSeconds(7200).toISOString() });
    expect(res.body.postStatus).toBe('paused');
  });
});

describe.concurrent('approval', () => {
  it('requiresApproval: the post waits in `awaiting approval` past its date; approved, it goes at once', async () => {
    const date = inSeconds(2);
    const created = await t.request('POST', '/api/post', {
      post: 'Needs a yes',
      platforms: ['bluesky'],
      scheduleDate: date.toISOString(),
      requiresApproval: true,
    });
    expect(created.status).toBe(200);
    expect(created.body.status).toBe('awaiting approval');
    const id = created.body.id as string;
    expect((await t.request('GET', `/api/post/${id}`)).body).toMatchObject({
      status: 'awaiting approval',
      requiresApproval: true,
      approved: false,
    });
    await pastWithMargin(date);
    expect(await target(id)).toMatchObject({ state: 'queued', attempts: 0 });
    const approvedAt = new Date();
    const res = await patch({ id, approved: true });
    expect(res.body).toMatchObject({ status: 'success', approved: true });
    const at = await published(id);
    expect(at.getTime()).toBeGreaterThanOrEqual(approvedAt.getTime());
  });

  it('an immediate post awaiting approval answers at once and goes when approved', async () => {
    const created = await t.request('POST', '/api/post', {
      post: 'Now, once approved',
      platforms: ['bluesky'],
      requiresApproval: true,
    });
    expect(created.body).toMatchObject({ status: 'awaiting approval' });
    const id = created.body.id as string;
    expect(await target(id)).toMatchObject({ state: 'queued', attempts: 0 });
    await patch({ id, approved: true });
    await published(id);
  });

  it('approved before its date: `scheduled`, sent at its date', async () => {
    const date = inSeconds(3);
    const id = await post({ scheduleDate: date.toISOString(), requiresApproval: true });
    const res = await patch({ id, approved: true });
    expect(res.body.postStatus).toBe('scheduled');
    const at = await published(id);
    expect(at.getTime()).toBeGreaterThanOrEqual(date.getTime());
  });
});
