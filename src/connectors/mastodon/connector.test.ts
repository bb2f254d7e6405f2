import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keptBySettle, linkedAccountOf, recordingFetch } from '../../../test/contract/connector-contract.ts';
import {
  type MastodonWorld,
  mastodonContext,
  startMastodonWorld,
} from '../../../test/fakes/mastodon/fixtures.ts';
import { IDEMPOTENCY_TTL_MS } from '../../../test/fakes/mastodon/state.ts';
import {
  type MediaServer,
  solidPng,
  startMediaServer,
  TINY_JPEG,
} from '../../../test/helpers/media-server.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { parseAllowList } from '../../media/allow-list.ts';
import { apiFetch } from '../../media/api-fetch.ts';
import type { LinkedAccount, PublishInput, PublishOutcome, ReconcileOutcome } from '../types.ts';
import { mastodonConnector as mastodon } from './connector.ts';
import { KEY_WINDOW_MS, publishStatus, reconcileStatus, SETTLE_MS } from './publish.ts';

let world: MastodonWorld;
let media: MediaServer;
let account: LinkedAccount;

beforeAll(async () => {
  world = await startMastodonWorld();
  media = await startMediaServer({
    '/a.jpg': { body: TINY_JPEG, type: 'image/jpeg' },
    '/b.png': { body: solidPng(4, 3, [10, 200, 30]), type: 'image/png' },
    '/clip.mp4': { body: Buffer.from('not really a video'), type: 'video/mp4' },
  });
  account = linkedAccountOf(await mastodon.verifyCredentials(world.credentials, mastodonContext()));
});
afterAll(async () => {
  await world?.fake.close();
  await media?.close();
});

function input(text: string, extra: Partial<PublishInput> = {}): PublishInput {
  return { targetId: randomUUID(), text, media: [], options: {}, account, ...extra };
}

function published(outcome: ReconcileOutcome): Extract<PublishOutcome, { kind: 'published' }> {
  if (outcome.kind !== 'published') throw new Error(`expected published, got ${JSON.stringify(outcome)}`);
  return outcome;
}

async function refusal(promise: Promise<unknown>): Promise<HeraldError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(HeraldError);
  return error as HeraldError;
}

const statuses = () => world.fake.statusesOf(world.account);

describe('verifyCredentials', () => {
  it('checks the token on the account’s own instance, given with a path and a trailing slash', async () => {
    const verified = await mastodon.verifyCredentials(
      { instance: `${world.fake.url}/@alice/`, accessToken: world.account.token },
      mastodonContext(),
    );
    expect(verified).toEqual({
      externalId: `${world.account.id}@${new URL(world.fake.url).host}`,
      username: 'alice',
      displayName: 'Alice Herald',
      profileUrl: 'https://social.example/@alice',
      credentials: { instance: world.fake.url, accessToken: world.account.token },
    });
    expect(world.fake.requests.at(-1)).toMatchObject({
      path: '/api/v1/accounts/verify_credentials',
      authorization: `Bearer ${world.account.token}`,
    });
  });

  it('refuses a wrong token (613) and missing fields, without relink wording', async () => {
    const wrong = await refusal(
      mastodon.verifyCredentials({ ...world.credentials, accessToken: 'nope' }, mastodonContext()),
    );
    expect(wrong.spec).toEqual({
      code: 613,
      params: { platformName: 'Mastodon' },
      details: 'HTTP 401: The access token is invalid',
    });
    const missing = await refusal(
      mastodon.verifyCredentials({ instance: world.fake.url }, mastodonContext()),
    );
    expect(missing.spec.details).toBe('accessToken is required');
    const scheme = await refusal(
      mastodon.verifyCredentials(
        { ...world.credentials, instance: 'ftp://social.example' },
        mastodonContext(),
      ),
    );
    expect(scheme.spec.details).toBe('instance must be an https URL (got ftp:)');
  });

  it('never reaches an instance on a non-public address that is not allowlisted (SSRF)', async () => {
    const before = world.fake.requests.length;
    const guarded = apiFetch({ allow: parseAllowList('').allow, resolve: async () => [], timeoutMs: 5000 });
    const refused = await refusal(mastodon.verifyCredentials(world.credentials, mastodonContext(guarded)));
    expect(refused.spec).toMatchObject({
      code: 613,
      details: expect.stringMatching(
        /^Herald does not connect to this instance: non-public address 127\.0\.0\.1/,
      ),
    });
    for (const instance of ['http://169.254.169.254', 'http://[::1]:1', 'http://10.0.0.1']) {
      const metadata = await refusal(
        mastodon.verifyCredentials({ ...world.credentials, instance }, mastodonContext(guarded)),
      );
      expect(metadata.spec.details).toMatch(/non-public address/);
    }
    expect(world.fake.requests.length).toBe(before);
  });

  it('refuses plain http to a public instance: https only unless allowlisted', async () => {
    const publicDns = apiFetch({
      allow: parseAllowList('').allow,
      resolve: async () => [{ address: '93.184.215.14', family: 4 }],
      timeoutMs: 5000,
    });
    const refused = await refusal(
      mastodon.verifyCredentials(
        { instance: 'http://mastodon.example', accessToken: 'x' },
        mastodonContext(publicDns),
      ),
    );
    expect(refused.spec.details).toBe(
      'Herald does not connect to this instance: only https is used for mastodon.example (got http:)',
    );
  });

  it('never falls back to the plain fetch when the core gives no safe one', async () => {
    const plain = recordingFetch();
    const ctx = { ...mastodonContext(), fetch: plain, fetchUserServer: undefined };
    const refused = await refusal(mastodon.verifyCredentials(world.credentials, ctx));
    expect(refused.spec.code).toBe(621);
    expect(plain.urls).toEqual([]);
  });
});

describe('publish', () => {
  it('sends the status with mastodonOptions and an Idempotency-Key derived from the target', async () => {
    const sent = input(`Hello fediverse ${randomUUID()}`, {
      options: { visibility: 'unlisted', spoilerText: 'spoilers', sensitive: true },
    });
    const outcome = published(await mastodon.publish(sent, mastodonContext()));
    expect(outcome.postUrl).toBe(`https://social.example/@alice/${outcome.id}`);
    expect(statuses().find((s) => s.id === outcome.id)).toMatchObject({
      text: sent.text,
      visibility: 'unlisted',
      spoilerText: 'spoilers',
      sensitive: true,
    });
    expect(world.fake.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/api/v1/statuses',
      idempotencyKey: `herald-${sent.targetId}`,
    });
  });

  it('saves the send mark before the request and nothing after a 2xx: the settle keeps the progress', async () => {
    const sent = input(`Settled with its progress ${randomUUID()}`);
    const ctx = mastodonContext();
    const saves: Record<string, unknown>[] = [];
    const save = ctx.progress.save;
    ctx.progress.save = (next) => {
      saves.push(structuredClone(next));
      return save(next);
    };
    const outcome = published(await mastodon.publish(sent, ctx));
    // One save, before the status left: the request may still run on the instance.
    expect(saves).toEqual([
      expect.objectContaining({
        targetId: sent.targetId,
        statusSentAt: expect.any(String),
        lastSentAt: expect.any(String),
      }),
    ]);
    // The instance answered itself: the progress the settle writes no longer says so.
    expect(outcome.progress).toEqual({
      targetId: sent.targetId,
      media: [],
      statusSentAt: saves[0]?.statusSentAt,
    });
  });

  it('uploads images with their alt text as description, then attaches them', async () => {
    const sent = input(`two images ${randomUUID()}`, {
      media: [
        { url: media.url('/a.jpg'), kind: 'image' },
        { url: media.url('/b.png'), kind: 'image', altText: 'green' },
      ],
      options: { altText: ['a blue rectangle'] },
    });
    const outcome = published(await mastodon.publish(sent, mastodonContext()));
    const status = statuses().find((s) => s.id === outcome.id);
    const attached = status?.mediaIds.map((id) => world.fake.media.get(id));
    expect(attached?.map((m) => [m?.mimeType, m?.description, m?.size])).toEqual([
      ['image/jpeg', 'a blue rectangle', TINY_JPEG.length],
      ['image/png', 'green', solidPng(4, 3, [10, 200, 30]).length],
    ]);
  });

  it('a video answered 202 is polled (206) until processed, then attached', async () => {
    world.fake.processingPolls.video = 1;
    const before = world.fake.calls('GET', /^\/api\/v1\/media\//);
    const sent = input(`a clip ${randomUUID()}`, { media: [{ url: media.url('/clip.mp4'), kind: 'video' }] });
    const outcome = published(await mastodon.publish(sent, mastodonContext()));
    // One 206, then 200.
    expect(world.fake.calls('GET', /^\/api\/v1\/media\//)).toBe(before + 2);
    const id = statuses().find((s) => s.id === outcome.id)?.mediaIds[0] ?? '';
    expect(world.fake.media.get(id)).toMatchObject({ type: 'video', pendingPolls: 0 });
  });

  it('a lost answer is reconciled by re-sending the same key: the original status, never a second', async () => {
    const ctx = mastodonContext();
    const sent = input(`lost answer ${randomUUID()}`);
    const before = statuses().length;
    world.fake.loseAnswers('POST', '/api/v1/statuses');
    expect(await mastodon.publish(sent, ctx)).toMatchObject({ kind: 'unknown' });
    expect(statuses().length).toBe(before + 1);
    // The lost request may still be running on a slow instance: nothing is re-sent yet.
    const calls = world.fake.calls('POST', '/api/v1/statuses');
    const now = await reconcileStatus(sent, ctx);
    expect(now).toMatchObject({ kind: 'ask-later', afterMs: expect.any(Number) });
    expect((now as { afterMs: number }).afterMs).toBeLessThanOrEqual(SETTLE_MS);
    expect(world.fake.calls('POST', '/api/v1/statuses')).toBe(calls);
    // The core settles it with the progress it carries (the instance answered: nothing still runs).
    const found = published(
      await keptBySettle(ctx, await reconcileStatus(sent, ctx, Date.now() + SETTLE_MS)),
    );
    expect(found.id).toBe(statuses().at(-1)?.id);
    // A later publish of the same target (a retry) gets the same status again.
    expect(published(await mastodon.publish(sent, ctx)).id).toBe(found.id);
    expect(statuses().length).toBe(before + 1);
    const keys = world.fake.requests.filter((r) => r.path === '/api/v1/statuses').slice(-3);
    expect(keys.map((r) => r.idempotencyKey)).toEqual(Array(3).fill(`herald-${sent.targetId}`));
  });

  it('a 5xx is retried later with the same key, and the media are not uploaded again', async () => {
    const ctx = mastodonContext();
    const sent = input(`after a 503 ${randomUUID()}`, {
      media: [{ url: media.url('/a.jpg'), kind: 'image' }],
    });
    world.fake.script({ method: 'POST', path: '/api/v1/statuses', reply: { status: 503 } });
    expect(await mastodon.publish(sent, ctx)).toMatchObject({
      kind: 'failed',
      error: { code: 625, details: 'HTTP 503: no error body' },
      retryAfterMs: SETTLE_MS,
    });
    const uploads = world.fake.calls('POST', '/api/v2/media');
    // Too early (the 503 may have come from a proxy while the instance still works): not sent.
    expect(await mastodon.publish(sent, ctx)).toMatchObject({ kind: 'unknown' });
    const outcome = published(await publishStatus(sent, ctx, Date.now() + SETTLE_MS));
    expect(world.fake.calls('POST', '/api/v2/media')).toBe(uploads);
    expect(statuses().find((s) => s.id === outcome.id)?.mediaIds).toHaveLength(1);
  });

  it('past the key’s hour nothing is re-sent: unknown, then unconfirmed; only a new explicit send goes out', async () => {
    const ctx = mastodonContext();
    const sent = input(`an hour later ${randomUUID()}`);
    world.fake.loseAnswers('POST', '/api/v1/statuses');
    const sentAt = Date.now();
    expect(await publishStatus(sent, ctx, sentAt)).toMatchObject({ kind: 'unknown' });
    const calls = world.fake.calls('POST', '/api/v1/statuses');
    const later = sentAt + KEY_WINDOW_MS + 1;
    expect(await publishStatus(sent, ctx, later)).toMatchObject({
      kind: 'unknown',
      reason: expect.stringContaining('forgets its Idempotency-Key after an hour'),
    });
    // Reconciliation gives up (the core marks the target unconfirmed) and drops the mark...
    expect(await reconcileStatus(sent, ctx, later)).toMatchObject({ kind: 'unknown' });
    expect(world.fake.calls('POST', '/api/v1/statuses')).toBe(calls);
    // ...so the explicit retry of an unconfirmed target sends it, knowingly, as a new request.
    expect(await reconcileStatus(sent, ctx, later)).toEqual({ kind: 'not-found' });
    expect((await publishStatus(sent, ctx, later)).kind).toBe('published');
  });

  it('a 422 proves nothing was created: 622 with the instance’s words, and nothing to reconcile', async () => {
    const ctx = mastodonContext();
    world.fake.maxCharacters = 20;
    try {
      const sent = input('This text is longer than twenty characters');
      expect(await mastodon.publish(sent, ctx)).toEqual({
        kind: 'failed',
        error: {
          code: 622,
          platform: 'mastodon',
          params: { platformName: 'Mastodon' },
          details: 'Validation failed: Text character limit of 20 exceeded',
        },
      });
      expect(await mastodon.reconcile?.(sent, ctx)).toEqual({ kind: 'not-found' });
    } finally {
      world.fake.maxCharacters = 500;
    }
  });

  it('429 waits until X-RateLimit-Reset (ISO 8601); a first send refused so leaves nothing to reconcile', async () => {
    const ctx = mastodonContext();
    const reset = new Date(Date.now() + 90_000).toISOString();
    world.fake.script({
      method: 'POST',
      path: '/api/v1/statuses',
      reply: { status: 429, body: { error: 'Too many requests' }, headers: { 'x-ratelimit-reset': reset } },
    });
    const sent = input(`rate limited ${randomUUID()}`);
    const outcome = await mastodon.publish(sent, ctx);
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: { code: 624, params: { platformName: 'Mastodon' } },
    });
    const retryAfter = outcome.kind === 'failed' ? (outcome.error.params?.retryAfter as number) : 0;
    expect(retryAfter).toBeGreaterThanOrEqual(88);
    expect(retryAfter).toBeLessThanOrEqual(90);
    expect(await mastodon.reconcile?.(sent, ctx)).toEqual({ kind: 'not-found' });
  });

  it('a revoked token is a relink (623); a disabled login is a blocked account (627)', async () => {
    const revoked = { ...account, credentials: { ...account.credentials, accessToken: 'revoked' } };
    expect(await mastodon.publish(input('x', { account: revoked }), mastodonContext())).toMatchObject({
      kind: 'failed',
      error: { code: 623, details: 'HTTP 401: The access token is invalid' },
    });
    world.fake.addAccount({ username: 'bob', displayName: 'Bob', token: 'bob-token', disabled: true });
    const bob = { ...account, credentials: { ...account.credentials, accessToken: 'bob-token' } };
    expect(await mastodon.publish(input('x', { account: bob }), mastodonContext())).toMatchObject({
      kind: 'failed',
      error: { code: 627, details: 'HTTP 403: Your login is currently disabled' },
    });
  });

  it('the token is in no outcome, detail or log line', async () => {
    const ctx = mastodonContext();
    world.fake.loseAnswers('POST', '/api/v1/statuses');
    const outcomes = [
      await mastodon.publish(input('lost'), ctx),
      await mastodon.publish(input(''), ctx),
      await mastodon.publish(input('a'.repeat(501)), ctx),
    ];
    const everything = JSON.stringify({ outcomes, logs: ctx.logs });
    expect(everything).not.toContain(world.account.token);
  });
});

describe('the fake keeps Idempotency-Keys one hour per account', () => {
  it('a repeat within the hour answers the original; after it, a new status', async () => {
    const key = `herald-${randomUUID()}`;
    const send = () =>
      fetch(`${world.fake.url}/api/v1/statuses`, {
        method: 'POST',
        headers: { authorization: `Bearer ${world.account.token}`, 'idempotency-key': key },
        body: new URLSearchParams({ status: 'keyed' }),
      }).then((r) => r.json() as Promise<{ id: string }>);
    const first = await send();
    expect((await send()).id).toBe(first.id);
    world.fake.advance(IDEMPOTENCY_TTL_MS);
    expect((await send()).id).not.toBe(first.id);
  });
});

describe('delete', () => {
  it('DELETE /api/v1/statuses/:id; a status already gone counts as deleted', async () => {
    const outcome = published(await mastodon.publish(input(`to delete ${randomUUID()}`), mastodonContext()));
    expect(await mastodon.delete?.({ id: outcome.id, account }, mastodonContext())).toEqual({
      kind: 'deleted',
    });
    expect(statuses().some((s) => s.id === outcome.id)).toBe(false);
    expect(await mastodon.delete?.({ id: outcome.id, account }, mastodonContext())).toEqual({
      kind: 'deleted',
    });
  });

  it('a revoked token fails the delete with 623', async () => {
    const revoked = { ...account, credentials: { ...account.credentials, accessToken: 'revoked' } };
    expect(await mastodon.delete?.({ id: '1', account: revoked }, mastodonContext())).toMatchObject({
      kind: 'failed',
      error: { code: 623 },
    });
  });
});
