import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { startWebhookReceiver, until, type WebhookReceiver } from '../helpers/webhook-receiver.ts';

/**
 * The lifecycle's outcomes leave by the ordinary webhooks, because they are reached by
 * the ordinary target moves: a missed post's 677, a moved post's outcome, an approved
 * immediate post's outcome. A real receiver on loopback; an API-only Herald whose posts
 * a worker started later sends.
 */

let api: TestHerald;
let worker: TestHerald | undefined;
let receiver: WebhookReceiver;
const ENV = { HERALD_MEDIA_ALLOW: '127.0.0.1', HERALD_WEBHOOK_RETRY_SCHEDULE: '20' };
const WAIT = { timeout: 20_000, interval: 100 };

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  api = await startTestHerald({ role: 'api', env: { ...ENV, HERALD_POST_WAIT_MS: '0' } });
  await linkSandbox(api, ['bluesky']);
  for (const action of ['scheduled', 'immediate']) {
    const res = await api.request('POST', '/api/hook/webhook', { action, url: `${receiver.url}/${action}` });
    expect(res.status).toBe(200);
  }
});
afterAll(async () => {
  await worker?.stop();
  await api?.stop();
  await receiver?.close();
});

async function withWorker(graceMs: number, work: () => Promise<void>): Promise<void> {
  worker = await startTestHerald({
    role: 'worker',
    databaseUrl: api.databaseUrl,
    env: { ...ENV, HERALD_MISSED_GRACE_MS: String(graceMs) },
  });
  try {
    await work();
  } finally {
    await worker.stop();
    worker = undefined;
  }
}

const eventsFor = (action: string, id: unknown) => receiver.at(`/${action}`).filter((h) => h.json.id === id);

describe('lifecycle outcomes by webhook', () => {
  it('a missed post: `scheduled` with status error and 677', async () => {
    const due = new Date(Date.now() + 1000);
    const res = await api.request('POST', '/api/post', {
      post: 'Missed',
      platforms: ['bluesky'],
      scheduleDate: due.toISOString(),
    });
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(due.getTime() + 2500), WAIT);
    await withWorker(1000, async () => {
      await until(() => eventsFor('scheduled', res.body.id).length >= 1, 'the missed post’s event');
    });
    expect(eventsFor('scheduled', res.body.id)[0]?.json).toMatchObject({
      action: 'scheduled',
      status: 'error',
      errors: [expect.objectContaining({ code: 677, platform: 'bluesky' })],
    });
  });

  it('a post moved earlier: one `scheduled` event, success', async () => {
    const res = await api.request('POST', '/api/post', {
      post: 'Moved',
      platforms: ['bluesky'],
      scheduleDate: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await api.request('PATCH', '/api/post', {
      id: res.body.id,
      scheduleDate: new Date(Date.now() + 1000).toISOString(),
    });
    await withWorker(3_600_000, async () => {
      await until(() => eventsFor('scheduled', res.body.id).length >= 1, 'the moved post’s event');
    });
    expect(eventsFor('scheduled', res.body.id).map((h) => h.json.status)).toEqual(['success']);
  });

  it('an immediate post answered `awaiting approval`, then approved: `immediate`, success', async () => {
    const res = await api.request('POST', '/api/post', {
      post: 'Approve me',
      platforms: ['bluesky'],
      requiresApproval: true,
    });
    expect(res.body.status).toBe('awaiting approval');
    await api.request('PATCH', '/api/post', { id: res.body.id, approved: true });
    await withWorker(3_600_000, async () => {
      await until(() => eventsFor('immediate', res.body.id).length >= 1, 'the approved post’s event');
    });
    expect(eventsFor('immediate', res.body.id)[0]?.json).toMatchObject({
      action: 'immediate',
      status: 'success',
    });
  });
});
