import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { startWebhookReceiver, until, type WebhookReceiver } from '../helpers/webhook-receiver.ts';

/**
 * Which state changes make which events: immediate posts (only when they answered
 * `pending`), retries (Ayrshare reports them by `scheduled`), link/unlink (`social`),
 * and where a user profile's events go (its own hook, else the primary's).
 */

let t: TestHerald;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  // A short wait, so a delayed sandbox network makes POST /api/post answer `pending`.
  t = await startTestHerald({
    env: { HERALD_MEDIA_ALLOW: '127.0.0.1', HERALD_POST_WAIT_MS: '700', HERALD_WEBHOOK_RETRY_SCHEDULE: '20' },
  });
  await linkSandbox(t, ['facebook', 'linkedin', 'bluesky']);
});
afterAll(async () => {
  await t?.stop();
  await receiver?.close();
});

async function hook(action: string, path: string, headers: Record<string, string> = {}): Promise<void> {
  const res = await t.request(
    'POST',
    '/api/hook/webhook',
    { action, url: `${receiver.url}${path}` },
    headers,
  );
  expect(res.status).toBe(200);
}

async function eventsOf(postId: string): Promise<{ action: string; sub_action: string | null }[]> {
  const { rows } = await t.herald.app.pool.query<{ action: string; sub_action: string | null }>(
    'SELECT action, sub_action FROM webhook_events WHERE post_id = $1 ORDER BY seq',
    [postId],
  );
  return rows;
}

describe('immediate posts', () => {
  it('one that answered pending is reported by `immediate` once it settles', async () => {
    await hook('immediate', '/immediate');
    const res = await t.request('POST', '/api/post', {
      post: 'Slow network #sandbox-delay-1500',
      platforms: ['facebook', 'linkedin'],
    });
    expect(res.body.status).toMatch(/^(pending|processing)$/);
    await until(() => receiver.at('/immediate').length >= 1, 'the immediate event');
    expect(receiver.at('/immediate')[0]?.json).toMatchObject({
      action: 'immediate',
      id: res.body.id,
      status: 'success',
      code: 200,
      type: 'now',
      postIds: [
        expect.objectContaining({ platform: 'facebook', status: 'success' }),
        expect.objectContaining({ platform: 'linkedin', status: 'success' }),
      ],
    });
    expect(await eventsOf(String(res.body.id))).toEqual([{ action: 'immediate', sub_action: null }]);
  });

  it('one whose answer carried the outcome sends nothing (the answer was the outcome)', async () => {
    const res = await t.request('POST', '/api/post', { post: 'Fast', platforms: ['facebook', 'linkedin'] });
    expect(res.body.status).toBe('success');
    // The event would be written by the statement that settled the post: it is settled, so this is final.
    expect(await eventsOf(String(res.body.id))).toEqual([]);
  });

  it('a retried post is reported by `scheduled`, as Ayrshare does, with the new outcome', async () => {
    await hook('scheduled', '/retried');
    const res = await t.request('POST', '/api/post', {
      post: 'Duplicate #sandbox-fail-facebook-107',
      platforms: ['facebook', 'linkedin'],
    });
    expect(res.body.status).toBe('error');
    expect(await eventsOf(String(res.body.id))).toEqual([]);
    const retried = await t.request('PUT', '/api/post/retry', { id: res.body.id });
    expect(retried.body.status).toBe('error');
    await until(() => receiver.at('/retried').length >= 1, 'the retry’s event');
    expect(receiver.at('/retried')[0]?.json).toMatchObject({
      action: 'scheduled',
      id: res.body.id,
      status: 'error',
      errors: [expect.objectContaining({ code: 107, platform: 'facebook' })],
      targets: [
        { platform: 'facebook', state: 'failed', attempts: 2 },
        { platform: 'linkedin', state: 'published', attempts: 1 },
      ],
    });
    expect(await eventsOf(String(res.body.id))).toEqual([{ action: 'scheduled', sub_action: null }]);
  });

  it('a post whose networks settle at the same moment makes exactly one event', async () => {
    await linkSandbox(t, ['threads', 'reddit', 'pinterest', 'telegram', 'mastodon']);
    const platforms = ['facebook', 'linkedin', 'bluesky', 'threads', 'telegram', 'mastodon'];
    for (let i = 0; i < 5; i++) {
      const res = await t.request('POST', '/api/post', {
        post: `Together ${i} #sandbox-delay-900`,
        platforms,
      });
      const id = String(res.body.id);
      await until(async () => {
        const view = await t.request('GET', `/api/post/${id}`);
        return view.body.status === 'success';
      }, 'the post to settle');
      // Written by the settling statement: present now, and only once.
      expect(await eventsOf(id)).toEqual([{ action: 'immediate', sub_action: null }]);
    }
  });
});

describe('social', () => {
  it('link and unlink, each in the transaction that made it', async () => {
    await hook('social', '/social');
    await linkSandbox(t, ['gmb']);
    await t.request('DELETE', '/api/profiles/social', { platform: 'gmb' });
    // Unlinking what is not linked changes nothing and says nothing.
    await t.request('DELETE', '/api/profiles/social', { platform: 'gmb' });
    await until(() => receiver.at('/social').length >= 2, 'both social events');
    const [link, unlink] = receiver.at('/social').map((h) => h.json);
    expect(link).toEqual({
      action: 'social',
      created: expect.any(String),
      code: 200,
      displayName: 'Google Business Profile sandbox',
      hookId: expect.stringMatching(/^evt_/),
      platform: 'gmb',
      refId: expect.any(String),
      type: 'link',
      source: 'user',
    });
    expect(unlink).toMatchObject({ action: 'social', type: 'unlink', platform: 'gmb', source: 'user' });
    const { rows } = await t.herald.app.pool.query<{ n: string }>(
      "SELECT count(*) AS n FROM webhook_events WHERE action = 'social'",
    );
    expect(Number(rows[0]?.n)).toBe(2);
  });
});

describe('routing', () => {
  it('a profile without its own hook falls back to the primary’s; its own hook wins', async () => {
    const created = await t.request('POST', '/api/profiles', { title: 'Client A' });
    const asA = { 'profile-key': String(created.body.profileKey) };
    await hook('social', '/primary-social');
    await linkSandbox(t, ['bluesky'], asA);
    await until(() => receiver.at('/primary-social').length >= 1, 'the primary’s hook');
    expect(receiver.at('/primary-social')[0]?.json).toMatchObject({
      action: 'social',
      refId: created.body.refId,
      platform: 'bluesky',
    });
    // The event is the profile's: it lists it, the primary does not.
    // The receiver has the event a moment before its delivery is recorded as such.
    await vi.waitFor(async () => {
      const own = await t.request('GET', '/api/hook/deliveries', undefined, asA);
      expect(own.body.deliveries).toEqual([
        expect.objectContaining({ action: 'social', status: 'delivered' }),
      ]);
    });

    await hook('social', '/own-social', asA);
    await t.request('DELETE', '/api/profiles/social', { platform: 'bluesky' }, asA);
    await until(() => receiver.at('/own-social').length >= 1, 'the profile’s own hook');
    expect(receiver.at('/own-social')[0]?.json).toMatchObject({ type: 'unlink', refId: created.body.refId });
    expect(receiver.at('/primary-social')).toHaveLength(1);
  });
});
