import { afterAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/pool.ts';
import { sweepWebhooks } from '../../src/jobs/webhook-worker.ts';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { startWebhookReceiver, until, type WebhookReceiver } from '../helpers/webhook-receiver.ts';

/**
 * The outbox under faults and load: an event survives the process that wrote it, a lost
 * attempt is found again, and a backlog of slow deliveries never holds up a publish.
 */

const started: { stop(): Promise<void> }[] = [];
afterAll(async () => {
  for (const s of started.reverse()) await s.stop();
});

async function receiverOn(): Promise<WebhookReceiver> {
  const receiver = await startWebhookReceiver();
  started.push({ stop: () => receiver.close() });
  return receiver;
}

async function herald(
  env: Record<string, string>,
  databaseUrl?: string,
  worker = false,
): Promise<TestHerald> {
  const t = await startTestHerald({
    env: { HERALD_MEDIA_ALLOW: '127.0.0.1', ...env },
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(worker ? { role: 'worker' as const } : {}),
  });
  started.push(t);
  return t;
}

async function eventStatus(t: TestHerald, postId: string): Promise<string | undefined> {
  const { rows } = await t.herald.app.pool.query<{ status: string }>(
    'SELECT status FROM webhook_events WHERE post_id = $1',
    [postId],
  );
  return rows[0]?.status;
}

describe('never lost', () => {
  it('the worker stopped after the target settled: another worker on the same database delivers', async () => {
    const receiver = await receiverOn();
    // This process publishes but delivers no webhook (as a dedicated webhook worker setup would).
    const first = await herald({ HERALD_WEBHOOK_CONCURRENCY: '0' });
    await linkSandbox(first, ['facebook']);
    await first.request('POST', '/api/hook/webhook', { action: 'scheduled', url: `${receiver.url}/hook` });
    const res = await first.request('POST', '/api/post', {
      post: 'Outlives its worker',
      platforms: ['facebook'],
      scheduleDate: new Date(Date.now() + 1200).toISOString(),
    });
    const postId = String(res.body.id);
    await until(
      async () => (await eventStatus(first, postId)) === 'pending',
      'the event of the settled post',
    );
    expect((await first.request('GET', `/api/post/${postId}`)).body.status).toBe('success');
    await first.stop();
    expect(receiver.received).toEqual([]);

    const second = await herald({}, first.databaseUrl, true);
    await until(() => receiver.received.length === 1, 'the delivery by the second worker');
    expect(receiver.received[0]?.json).toMatchObject({ action: 'scheduled', id: postId, status: 'success' });
    await until(async () => (await eventStatus(second, postId)) === 'delivered', 'the delivered status');
  });

  it('an attempt whose process died is found by the sweep and delivered', async () => {
    const receiver = await receiverOn();
    const t = await herald({});
    await t.request('POST', '/api/hook/webhook', { action: 'social', url: `${receiver.url}/swept` });
    const { rows } = await t.herald.app.pool.query<{ id: string }>(
      'SELECT id FROM profiles WHERE is_primary',
    );
    // What a crash mid-attempt leaves: the attempt claimed (due time moved on), its job gone.
    const id = await inTransaction(t.herald.app.pool, async (tx) => {
      const data = {
        type: 'link',
        source: 'user',
        platform: 'bluesky',
        displayName: 'x',
        refId: 'r',
        at: new Date().toISOString(),
      };
      const emitted = await tx.query<{ id: string }>(
        `SELECT herald_webhook_emit($1, 'social', NULL, NULL, $2) AS id`,
        [rows[0]?.id, JSON.stringify(data)],
      );
      const eventId = String(emitted.rows[0]?.id);
      await tx.query('SELECT graphile_worker.remove_job($1)', [`webhook:${eventId}`]);
      await tx.query(
        `UPDATE webhook_events SET attempts = 1, schedule_step = 1, next_attempt_at = now() - interval '2 minutes'
         WHERE id = $1`,
        [eventId],
      );
      return eventId;
    });
    expect(await sweepWebhooks(t.herald.app)).toBe(1);
    await until(() => receiver.received.length === 1, 'the swept delivery');
    expect(receiver.received[0]?.headers['webhook-id']).toBe(id);
    expect(await sweepWebhooks(t.herald.app)).toBe(0);
  });
});

describe('a slow receiver never slows publishing', () => {
  it('1,000 events to a receiver answering in 2 s: a post published meanwhile settles before the backlog', async () => {
    const receiver = await receiverOn();
    receiver.answer = () => ({ status: 200, delayMs: 2000 });
    const t = await herald({});
    await linkSandbox(t, ['facebook', 'linkedin']);
    await t.request('POST', '/api/hook/webhook', { action: 'social', url: `${receiver.url}/slow` });
    const { rows } = await t.herald.app.pool.query<{ id: string }>(
      'SELECT id FROM profiles WHERE is_primary',
    );
    await t.herald.app.pool.query(
      `SELECT herald_webhook_emit($1, 'social', NULL, NULL,
         jsonb_build_object('type', 'link', 'source', 'user', 'platform', 'bluesky', 'displayName', 'n' || i,
                            'refId', 'r', 'at', now()))
       FROM generate_series(1, 1000) AS i`,
      [rows[0]?.id],
    );
    await until(() => receiver.received.length >= 4, 'the backlog to start');
    // Four deliveries wait on the receiver now; none holds a database connection meanwhile
    // (what is checked out: each job runner's LISTEN connection, and at most a passing query).
    const pool = t.herald.app.pool;
    const inUse = pool.totalCount - pool.idleCount;
    expect(inUse).toBeLessThanOrEqual(3);

    const res = await t.request('POST', '/api/post', {
      post: 'Not behind the backlog',
      platforms: ['facebook', 'linkedin'],
    });
    // Settled inside POST /api/post's wait: the publish jobs did not queue behind 1,000 deliveries.
    expect(res.body.status).toBe('success');
    const { rows: counts } = await t.herald.app.pool.query<{ pending: string; delivered: string }>(
      `SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
              count(*) FILTER (WHERE status = 'delivered') AS delivered
       FROM webhook_events WHERE action = 'social'`,
    );
    expect(Number(counts[0]?.pending)).toBeGreaterThan(900);
    // Deliveries in flight never exceeded the webhook runner's own bound.
    expect(receiver.received.length).toBeLessThanOrEqual(Number(counts[0]?.delivered) + 4);
  });
});
