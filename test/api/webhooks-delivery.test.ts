import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';
import {
  type ReceivedHook,
  startWebhookReceiver,
  until,
  type WebhookReceiver,
} from '../helpers/webhook-receiver.ts';

/**
 * Deliveries to a real HTTP receiver on loopback: both signatures, retries with a stable
 * id and body, the dead letter and resend, and the `scheduled` payload of outcomes.
 * Retry delays are shortened through config (HERALD_WEBHOOK_RETRY_SCHEDULE).
 */

let t: TestHerald;
let receiver: WebhookReceiver;
let refId: string;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  t = await startTestHerald({
    env: { HERALD_MEDIA_ALLOW: '127.0.0.1', HERALD_WEBHOOK_RETRY_SCHEDULE: '20,20,20,20,20,20,20' },
  });
  await linkSandbox(t, ['facebook', 'linkedin', 'instagram']);
  refId = String((await t.request('GET', '/api/user')).body.refId);
});
afterAll(async () => {
  await t?.stop();
  await receiver?.close();
});

/** Registers `action` at a path of its own on the receiver; answers per request index. */
async function hook(action: string, path: string, secret?: string): Promise<string> {
  const res = await t.request('POST', '/api/hook/webhook', {
    action,
    url: `${receiver.url}${path}`,
    ...(secret ? { secret } : {}),
  });
  expect(res.status).toBe(200);
  return String(secret ?? res.body.secret);
}

function schedule(post: string, platforms: string[], extra: Record<string, unknown> = {}) {
  return t.request('POST', '/api/post', {
    post,
    platforms,
    scheduleDate: new Date(Date.now() + 1500).toISOString(),
    ...extra,
  });
}

/** What a receiver does with Ayrshare's headers and with the Standard Webhooks library. */
function verifyBoth(secret: string, received: ReceivedHook): void {
  // docs/api.md: a whsec_ secret is the Standard Webhooks secret; any other is whsec_ + base64 of it.
  const standard = new Webhook(
    secret.startsWith('whsec_') ? secret : `whsec_${Buffer.from(secret, 'utf8').toString('base64')}`,
  );
  expect(standard.verify(received.body, received.headers as Record<string, string>)).toEqual(received.json);
  const ayrshare = createHmac('sha256', secret).update(received.body, 'utf8').digest('hex');
  expect(received.headers['x-authorization-content-sha256']).toBe(ayrshare);
  const stamp = Number(received.headers['x-authorization-timestamp']);
  expect(Math.abs(stamp - Date.now() / 1000)).toBeLessThan(60);
}

async function delivery(id: string): Promise<Record<string, unknown>> {
  const res = await t.request('GET', '/api/hook/deliveries?limit=100');
  const found = (res.body.deliveries as Record<string, unknown>[]).find((d) => d.id === id);
  if (!found) throw new Error(`no delivery ${id}`);
  return found;
}

describe('the issue’s check', () => {
  it('a scheduled hook with a secret gets the outcome of a post scheduled seconds ahead, signed twice, despite two 500s', async () => {
    const secret = 'issue-12 shared secret';
    await hook('scheduled', '/check', secret);
    receiver.answer = (_n, h) => ({
      status: h.path === '/check' && receiver.at('/check').length <= 2 ? 500 : 200,
    });
    const res = await schedule('Scheduled hello', ['facebook', 'linkedin']);
    expect(res.body.status).toBe('scheduled');
    const postId = String(res.body.id);

    await until(() => receiver.at('/check').length >= 3, 'the third attempt');
    const got = receiver.at('/check');
    expect(got).toHaveLength(3);
    for (const received of got) verifyBoth(secret, received);
    // One event: the same id and the same bytes on every attempt.
    expect(new Set(got.map((g) => g.headers['webhook-id'])).size).toBe(1);
    expect(new Set(got.map((g) => g.body)).size).toBe(1);

    const view = await t.request('GET', `/api/post/${postId}`);
    const eventId = String(got[0]?.headers['webhook-id']);
    expect(got[0]?.json).toEqual({
      action: 'scheduled',
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      code: 200,
      refId,
      status: 'success',
      id: postId,
      errors: [],
      postIds: view.body.postIds,
      url: `${receiver.url}/check`,
      hookId: eventId,
      type: 'scheduled',
      targets: [
        { platform: 'facebook', state: 'published', attempts: 1 },
        { platform: 'linkedin', state: 'published', attempts: 1 },
      ],
    });
    expect(view.body.postIds).toHaveLength(2);
    await until(async () => (await delivery(eventId)).status === 'delivered', 'the delivered status');
    expect(await delivery(eventId)).toMatchObject({
      action: 'scheduled',
      postId,
      status: 'delivered',
      attempts: 3,
      lastStatusCode: 200,
    });
  });
});

describe('delivery', () => {
  it('a receiver failing 5 times then succeeding gets the event once acknowledged, same id and body', async () => {
    const secret = await hook('social', '/flaky');
    receiver.answer = (_n, h) => ({
      status: h.path === '/flaky' && receiver.at('/flaky').length <= 5 ? 503 : 204,
    });
    await linkSandbox(t, ['bluesky']);
    await until(() => receiver.at('/flaky').length >= 6, 'six attempts');
    const got = receiver.at('/flaky');
    const id = String(got[0]?.headers['webhook-id']);
    expect(got.map((g) => g.headers['webhook-id'])).toEqual(Array(6).fill(id));
    expect(new Set(got.map((g) => g.body)).size).toBe(1);
    for (const received of got) verifyBoth(secret, received);
    // Each attempt is signed at its own time over the same id and body.
    expect(got[5]?.json).toMatchObject({
      action: 'social',
      type: 'link',
      platform: 'bluesky',
      source: 'user',
    });
    await until(async () => (await delivery(id)).status === 'delivered', 'delivered');
    expect(await delivery(id)).toMatchObject({ attempts: 6, lastStatusCode: 204 });
    const { rows } = await t.herald.app.pool.query<{ status_code: number }>(
      'SELECT status_code FROM webhook_attempts WHERE event_id = $1 ORDER BY number',
      [id],
    );
    expect(rows.map((r) => r.status_code)).toEqual([503, 503, 503, 503, 503, 204]);
    expect(receiver.at('/flaky')).toHaveLength(6);
    await t.request('DELETE', '/api/hook/webhook', { action: 'social' });
  });

  it('after the whole schedule the event is dead-lettered (672); resend delivers the same id and body', async () => {
    await hook('scheduled', '/dead');
    let healthy = false;
    receiver.answer = (_n, h) => ({ status: h.path === '/dead' && !healthy ? 500 : 200 });
    const res = await schedule('Dead letter', ['facebook']);
    await until(() => receiver.at('/dead').length >= 8, 'eight attempts');
    const id = String(receiver.at('/dead')[0]?.headers['webhook-id']);
    await until(async () => (await delivery(id)).status === 'failed', 'the dead letter');
    expect(await delivery(id)).toMatchObject({
      status: 'failed',
      attempts: 8,
      lastStatusCode: 500,
      lastError: {
        action: 'webhook',
        status: 'error',
        code: 672,
        message: 'The webhook receiver did not acknowledge the event: the receiver answered HTTP 500.',
      },
    });
    expect((await t.request('GET', '/api/hook/deliveries?status=failed')).body.deliveries).toEqual([
      expect.objectContaining({ id, postId: res.body.id }),
    ]);

    healthy = true;
    const resent = await t.request('POST', `/api/hook/deliveries/${id}/resend`, { source: 'npm' });
    expect(resent.body).toMatchObject({ status: 'success', delivery: { id, status: 'pending' } });
    await until(async () => (await delivery(id)).status === 'delivered', 'the resent delivery');
    const all = receiver.at('/dead');
    expect(all).toHaveLength(9);
    expect(all[8]?.headers['webhook-id']).toBe(id);
    expect(all[8]?.body).toBe(all[0]?.body);
  });

  it('a redirect is a failure, never followed', async () => {
    await hook('scheduled', '/moved');
    receiver.answer = (_n, h) =>
      h.path === '/moved' && receiver.at('/moved').length === 1
        ? { status: 302, headers: { location: `${receiver.url}/elsewhere` } }
        : { status: 200 };
    await schedule('Redirected', ['facebook']);
    await until(() => receiver.at('/moved').length >= 2, 'the retry after the redirect');
    expect(receiver.at('/elsewhere')).toEqual([]);
    const id = String(receiver.at('/moved')[0]?.headers['webhook-id']);
    await until(async () => (await delivery(id)).status === 'delivered', 'delivered');
    const { rows } = await t.herald.app.pool.query<{ status_code: number; error: string | null }>(
      'SELECT status_code, error FROM webhook_attempts WHERE event_id = $1 ORDER BY number',
      [id],
    );
    expect(rows[0]).toMatchObject({
      status_code: 302,
      error: expect.stringContaining('redirects are not followed'),
    });
    expect(rows[1]).toMatchObject({ status_code: 200, error: null });
  });
});

describe('the scheduled payload', () => {
  it('a failure carries the catalog bodies GET /api/post shows, and the HTTP code of the envelope', async () => {
    await hook('scheduled', '/fail');
    receiver.answer = () => ({ status: 200 });
    const res = await schedule('Crawler #sandbox-fail-instagram-440', ['instagram', 'facebook'], {
      mediaUrls: ['https://example.com/a.jpg'],
    });
    await until(() => receiver.at('/fail').length >= 1, 'the failure event');
    const view = await t.request('GET', `/api/post/${res.body.id}`);
    const payload = receiver.at('/fail')[0]?.json;
    expect(payload).toMatchObject({ action: 'scheduled', status: 'error', code: 400, id: res.body.id });
    expect(payload?.errors).toEqual(view.body.errors);
    expect(payload?.errors).toEqual([expect.objectContaining({ code: 440, platform: 'instagram' })]);
    expect(payload?.postIds).toEqual([expect.objectContaining({ platform: 'facebook', status: 'success' })]);
  });

  it('an unconfirmed outcome is reported as such: state unconfirmed and its 626 body', async () => {
    await hook('scheduled', '/unconfirmed');
    const res = await schedule('Lost #sandbox-timeout', ['facebook']);
    await until(() => receiver.at('/unconfirmed').length >= 1, 'the unconfirmed event');
    expect(receiver.at('/unconfirmed')[0]?.json).toMatchObject({
      id: res.body.id,
      status: 'error',
      errors: [expect.objectContaining({ code: 626, platform: 'facebook' })],
      targets: [{ platform: 'facebook', state: 'unconfirmed', attempts: 1 }],
    });
  });

  it('counts deliveries by outcome in /metrics', async () => {
    const res = await t.herald.server!.inject({ method: 'GET', url: '/metrics' });
    expect(res.body).toMatch(/herald_webhook_deliveries_total\{action="scheduled",outcome="delivered"\} \d/);
    expect(res.body).toMatch(/herald_webhook_deliveries_total\{action="scheduled",outcome="retry"\} \d/);
    expect(res.body).toMatch(/herald_webhook_deliveries_total\{action="scheduled",outcome="dead"\} 1/);
    expect(res.body).toMatch(/herald_webhook_events\{status="delivered"\} \d/);
    expect((await t.request('GET', '/readyz')).body).toMatchObject({ status: 'ready' });
  });
});
