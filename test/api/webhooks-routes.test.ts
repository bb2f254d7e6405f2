import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/pool.ts';
import { API_KEY, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * Ayrshare's webhook routes, called as its SDK calls them: registerWebhook →
 * POST hook/webhook {…, source: "npm"}, unregisterWebhook → DELETE hook/webhook with
 * a JSON body, listWebhooks → GET hook/webhook?source=npm.
 */

const HOOK = 'http://127.0.0.1:9/hooks';

let t: TestHerald;
let profile: { key: string; refId: string };

beforeAll(async () => {
  t = await startTestHerald({ env: { HERALD_MEDIA_ALLOW: '127.0.0.1' } });
  const res = await t.request('POST', '/api/profiles', { title: 'Webhook profile' });
  profile = { key: String(res.body.profileKey), refId: String(res.body.refId) };
});
afterAll(() => t.stop());

const asProfile = () => ({ 'profile-key': profile.key });

describe('registerWebhook / listWebhooks / unregisterWebhook', () => {
  it('registers with a secret: {status, action, url, refId}; the secret is never shown', async () => {
    const res = await t.request('POST', '/api/hook/webhook', {
      action: 'scheduled',
      url: `${HOOK}/scheduled`,
      secret: 'my-secret',
      source: 'npm',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'success',
      action: 'scheduled',
      url: `${HOOK}/scheduled`,
      refId: expect.any(String),
    });
    const list = await t.request('GET', '/api/hook/webhook?source=npm');
    expect(list.body).toEqual({
      status: 'success',
      scheduled: `${HOOK}/scheduled`,
      updated: expect.any(String),
    });
    expect(JSON.stringify(list.body)).not.toContain('my-secret');
    const { rows } = await t.herald.app.pool.query<{ secret: string }>('SELECT secret FROM webhooks');
    expect(rows.every((r) => !r.secret.includes('my-secret'))).toBe(true);
  });

  it('without a secret Herald makes a whsec_ one and answers it once; re-registering keeps it', async () => {
    const first = await t.request('POST', '/api/hook/webhook', {
      action: 'social',
      url: `${HOOK}/a`,
      source: 'npm',
    });
    expect(first.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const again = await t.request('POST', '/api/hook/webhook', {
      action: 'social',
      url: `${HOOK}/b`,
      source: 'npm',
    });
    expect(again.body).toEqual({
      status: 'success',
      action: 'social',
      url: `${HOOK}/b`,
      refId: expect.any(String),
    });
    const list = await t.request('GET', '/api/hook/webhook?source=npm');
    expect(list.body).toMatchObject({ scheduled: `${HOOK}/scheduled`, social: `${HOOK}/b` });
  });

  it('registers per profile: a profile lists only its own hooks', async () => {
    const res = await t.request(
      'POST',
      '/api/hook/webhook',
      { action: 'scheduled', url: `${HOOK}/p` },
      asProfile(),
    );
    expect(res.body).toMatchObject({ status: 'success', refId: profile.refId });
    const own = await t.request('GET', '/api/hook/webhook', undefined, asProfile());
    expect(own.body).toEqual({ status: 'success', scheduled: `${HOOK}/p`, updated: expect.any(String) });
    const primary = await t.request('GET', '/api/hook/webhook');
    expect(primary.body.scheduled).toBe(`${HOOK}/scheduled`);
  });

  it('unregisters ({action} in a DELETE body); a second time is 673 and changes nothing', async () => {
    const res = await t.request(
      'DELETE',
      '/api/hook/webhook',
      { action: 'scheduled', source: 'npm' },
      asProfile(),
    );
    expect(res.body).toEqual({ status: 'success', action: 'scheduled', refId: profile.refId });
    expect((await t.request('GET', '/api/hook/webhook', undefined, asProfile())).body).toEqual({
      status: 'success',
    });
    const again = await t.request('DELETE', '/api/hook/webhook', { action: 'scheduled' }, asProfile());
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ code: 673, action: 'webhook' });
    expect((await t.request('GET', '/api/hook/webhook')).body.scheduled).toBe(`${HOOK}/scheduled`);
  });

  it('Ayrshare’s MCP path /api/hook works the same', async () => {
    const res = await t.request('POST', '/api/hook', { action: 'immediate', url: `${HOOK}/i` });
    expect(res.body).toMatchObject({ status: 'success', action: 'immediate' });
    expect((await t.request('GET', '/api/hook')).body.immediate).toBe(`${HOOK}/i`);
  });
});

describe('refusals (nothing is stored)', () => {
  async function hooks(): Promise<number> {
    const { rows } = await t.herald.app.pool.query<{ n: string }>('SELECT count(*) AS n FROM webhooks');
    return Number(rows[0]?.n);
  }

  it.each([
    ['feed', 670, 'Herald has no RSS/Substack feeds'],
    ['comments', 670, 'comments'],
    ['accountActivity', 670, 'account activity'],
    ['nonsense', 604, 'action must be one of'],
  ])('action %s → %i', async (action, code, words) => {
    const before = await hooks();
    const res = await t.request('POST', '/api/hook/webhook', { action, url: `${HOOK}/x` });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 'error', code });
    expect(String(res.body.message)).toContain(words);
    if (code === 670) expect(String(res.body.message)).toContain('scheduled, social, immediate');
    expect(await hooks()).toBe(before);
  });

  it.each([
    ['http to a host not allowlisted', 'http://93.184.216.34/x', 'https is required'],
    ['a private address', 'https://10.0.0.1/x', 'non-public address 10.0.0.1'],
    ['not a URL', 'example', 'not a valid URL'],
  ])('URL: %s → 671', async (_name, url, words) => {
    const before = await hooks();
    const res = await t.request('POST', '/api/hook/webhook', { action: 'scheduled', url });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 671 });
    expect(String(res.body.message)).toContain(words);
    expect(await hooks()).toBe(before);
  });

  it('a malformed whsec_ secret is 604; an unknown field is 631; allWebhooks=true is 604', async () => {
    const bad = await t.request('POST', '/api/hook/webhook', {
      action: 'social',
      url: `${HOOK}/s`,
      secret: 'whsec_!!',
    });
    expect(bad.body).toMatchObject({ code: 604 });
    const unknown = await t.request('POST', '/api/hook/webhook', {
      action: 'social',
      url: `${HOOK}/s`,
      secrt: 'x',
    });
    expect(unknown.body).toMatchObject({ code: 631 });
    expect((await t.request('GET', '/api/hook/webhook?allWebhooks=true')).body).toMatchObject({ code: 604 });
    expect((await t.request('GET', '/api/hook/webhook?allWebhooks=false')).status).toBe(200);
  });

  it('every webhook route refuses a call without an API key (102)', async () => {
    for (const [method, url] of [
      ['POST', '/api/hook/webhook'],
      ['GET', '/api/hook/webhook'],
      ['DELETE', '/api/hook/webhook'],
      ['GET', '/api/hook/deliveries'],
      ['POST', '/api/hook/deliveries/evt_x/resend'],
    ] as const) {
      const res = await t.herald.server!.inject({
        method,
        url,
        ...(method === 'GET' ? {} : { payload: { action: 'scheduled', url: HOOK } }),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json()).toMatchObject({ code: 102 });
    }
    expect(API_KEY).toBeTruthy();
  });
});

describe('GET /api/hook/deliveries and resend', () => {
  /** Events whose first attempt is an hour away: emitted and held back in one transaction. */
  async function heldBack(profileId: string, n: number): Promise<string[]> {
    return inTransaction(t.herald.app.pool, async (tx) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const data = {
          type: 'link',
          source: 'user',
          platform: 'bluesky',
          displayName: `n${i}`,
          refId: 'r',
          at: new Date().toISOString(),
        };
        const { rows } = await tx.query<{ id: string }>(
          `SELECT herald_webhook_emit($1, 'social', NULL, NULL, $2) AS id`,
          [profileId, JSON.stringify(data)],
        );
        ids.push(String(rows[0]?.id));
      }
      await tx.query(
        `UPDATE webhook_events SET next_attempt_at = now() + interval '1 hour' WHERE id = ANY($1)`,
        [ids],
      );
      return ids;
    });
  }

  it('pages newest first with nextCursor, filters by status, and shows only the profile’s own', async () => {
    const { rows } = await t.herald.app.pool.query<{ id: string }>(
      'SELECT id FROM profiles WHERE is_primary',
    );
    const ids = await heldBack(String(rows[0]?.id), 3);
    const first = await t.request('GET', '/api/hook/deliveries?limit=2&source=npm');
    expect(first.body.deliveries).toHaveLength(2);
    expect((first.body.deliveries as { id: string }[]).map((d) => d.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.deliveries).toEqual([
      expect.objectContaining({ action: 'social', status: 'pending', attempts: 0, lastStatusCode: null }),
      expect.anything(),
    ]);
    const second = await t.request('GET', `/api/hook/deliveries?limit=2&cursor=${first.body.nextCursor}`);
    expect((second.body.deliveries as { id: string }[]).map((d) => d.id)).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeUndefined();
    const delivered = await t.request('GET', '/api/hook/deliveries?status=delivered');
    expect(delivered.body.deliveries).toEqual([]);
    const other = await t.request('GET', '/api/hook/deliveries', undefined, asProfile());
    expect(other.body.deliveries).toEqual([]);

    // Another profile can neither resend it nor learn it exists.
    const foreign = await t.request('POST', `/api/hook/deliveries/${ids[0]}/resend`, undefined, asProfile());
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ code: 607 });
  });

  it('a bad status or cursor is refused', async () => {
    expect((await t.request('GET', '/api/hook/deliveries?status=lost')).status).toBe(400);
    expect((await t.request('GET', '/api/hook/deliveries?cursor=evt_nope')).body).toMatchObject({
      code: 604,
    });
  });
});
