import { randomUUID } from 'node:crypto';
import { type AddressInfo, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedAccountOf, recordingFetch, testContext } from '../../../test/contract/connector-contract.ts';
import { loopbackApiFetch } from '../../../test/fakes/media-server/loopback-fetch.ts';
import { startPds, type TestPds } from '../../../test/helpers/pds.ts';
import { buildErrorBody } from '../../errors/build.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import type { LinkedAccount, PublishInput, PublishOutcome, ReconcileOutcome } from '../types.ts';
import { blueskyConnector as bluesky } from './connector.ts';
import { rkeyFor, TID_PATTERN } from './rkey.ts';

let pds: TestPds;
let account: LinkedAccount;
/** A loopback URL where nothing listens: connections are refused at once. */
let nowhere: string;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  nowhere = `http://127.0.0.1:${await closedPort()}`;
  pds = await startPds();
  account = linkedAccountOf(
    await bluesky.verifyCredentials(
      { identifier: pds.handle, appPassword: pds.password },
      testContext(pds.url),
    ),
  );
});
afterAll(async () => {
  await pds?.close();
});

function input(text: string, extra: Partial<PublishInput> = {}): PublishInput {
  return { targetId: randomUUID(), text, media: [], options: {}, account, ...extra };
}

function published(outcome: ReconcileOutcome | undefined): Extract<PublishOutcome, { kind: 'published' }> {
  if (outcome?.kind !== 'published') throw new Error(`expected published, got ${JSON.stringify(outcome)}`);
  return outcome;
}

async function record(uri: string): Promise<{ cid?: string; value: Record<string, unknown> }> {
  const rkey = uri.split('/').at(-1) ?? '';
  const { data } = await pds.agent.com.atproto.repo.getRecord({
    repo: pds.did,
    collection: 'app.bsky.feed.post',
    rkey,
  });
  return { cid: data.cid, value: data.value as Record<string, unknown> };
}

describe('verifyCredentials', () => {
  it('links with an app password and keeps the session', async () => {
    await pds.agent.com.atproto.repo.putRecord({
      repo: pds.did,
      collection: 'app.bsky.actor.profile',
      rkey: 'self',
      record: { $type: 'app.bsky.actor.profile', displayName: 'Alice Herald' },
    });
    const verified = await bluesky.verifyCredentials(
      { identifier: pds.handle, appPassword: pds.password },
      testContext(pds.url),
    );
    expect(verified).toMatchObject({
      externalId: pds.did,
      username: pds.handle,
      displayName: 'Alice Herald',
      profileUrl: `https://bsky.app/profile/${pds.handle}`,
      credentials: {
        service: pds.url,
        identifier: pds.handle,
        appPassword: pds.password,
        session: { did: pds.did, handle: pds.handle },
      },
    });
  });

  it('refuses a wrong app password with 613 and the PDS error', async () => {
    const error = await bluesky
      .verifyCredentials(
        { identifier: pds.handle, appPassword: 'wrong-pass-word-here' },
        testContext(pds.url),
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HeraldError);
    const { spec } = error as HeraldError;
    expect(spec).toEqual({
      code: 613,
      params: { platformName: 'Bluesky' },
      details: 'AuthenticationRequired: Invalid identifier or password',
    });
    expect(buildErrorBody(spec).message).toBe('Bluesky did not accept these credentials. See details.');
  });

  it('prefers the credentials’ own PDS over the configured default', async () => {
    const verified = await bluesky.verifyCredentials(
      { service: pds.url, identifier: pds.handle, appPassword: pds.password },
      // Not the configured PDS: reached through the SSRF-safe fetcher (loopback allowlisted here).
      { ...testContext(nowhere), fetchUserServer: loopbackApiFetch },
    );
    expect(verified.externalId).toBe(pds.did);
  });

  it('answers 625 when the PDS cannot be reached, and 613 for a missing field', async () => {
    const unreachable = await bluesky
      .verifyCredentials({ identifier: 'a.test', appPassword: 'x' }, testContext(nowhere))
      .catch((caught: unknown) => caught);
    expect((unreachable as HeraldError).spec.code).toBe(625);
    const missing = await bluesky
      .verifyCredentials({ identifier: 'a.test' }, testContext(pds.url))
      .catch((c) => c);
    expect((missing as HeraldError).spec).toMatchObject({ code: 613, details: 'appPassword is required' });
    const badService = await bluesky
      .verifyCredentials(
        { service: 'bsky.social', identifier: 'a.test', appPassword: 'x' },
        testContext(pds.url),
      )
      .catch((caught: unknown) => caught);
    expect((badService as HeraldError).spec).toMatchObject({
      code: 613,
      details: expect.stringContaining('service'),
    });
  });
});

describe('publish', () => {
  it('publishes text with link facets at UTF-8 byte offsets', async () => {
    const text = 'Herald 👋🏽 ships (see https://example.com/a?b=1). Also http://example.org/é!';
    const sent = input(text, { options: { langs: ['en'] } });
    const outcome = published(await bluesky.publish(sent, testContext(pds.url)));
    const rkey = rkeyFor(sent.targetId);
    expect(rkey).toMatch(TID_PATTERN);
    expect(outcome.id).toBe(`at://${pds.did}/app.bsky.feed.post/${rkey}`);
    expect(outcome.postUrl).toBe(`https://bsky.app/profile/${pds.handle}/post/${rkey}`);
    const stored = await record(outcome.id);
    expect(stored.cid).toBe(outcome.extra?.cid);
    expect(stored.value).toMatchObject({ text, langs: ['en'] });
    const facets = stored.value.facets as { index: { byteStart: number; byteEnd: number } }[];
    const bytes = Buffer.from(text, 'utf8');
    const linked = facets.map((facet) =>
      bytes.subarray(facet.index.byteStart, facet.index.byteEnd).toString(),
    );
    expect(linked).toEqual(['https://example.com/a?b=1', 'http://example.org/é']);
  });

  it('refuses text over 300 graphemes or 3000 bytes before any call', async () => {
    const fetchSpy = recordingFetch();
    const ctx = testContext(pds.url, fetchSpy);
    const long = await bluesky.publish(input('a'.repeat(301)), ctx);
    expect(long).toEqual({
      kind: 'failed',
      error: {
        code: 132,
        platform: 'bluesky',
        params: { platformName: 'Bluesky', length: 301, limit: 300, unit: 'graphemes' },
      },
    });
    // 300 family emoji: 300 graphemes, but 7,500 bytes.
    const heavy = await bluesky.publish(input('👨‍👩‍👧‍👦'.repeat(300)), ctx);
    expect(heavy).toMatchObject({
      kind: 'failed',
      error: { code: 132, params: { length: 7500, unit: 'bytes' } },
    });
    const emoji = await bluesky.publish(input('👍'.repeat(300)), ctx);
    expect(emoji.kind).toBe('published');
    expect(fetchSpy.urls.filter((url) => url.includes('putRecord'))).toHaveLength(1);
  });

  it('publishes one target once, however often it is sent or reconciled', async () => {
    const sent = input(`idempotent ${randomUUID()}`);
    const ctx = testContext(pds.url);
    const before = await pds.countPosts(pds.did);
    const first = published(await bluesky.publish(sent, ctx));
    const second = published(await bluesky.publish(sent, ctx));
    const found = await bluesky.reconcile?.(sent, ctx);
    const third = published(await bluesky.publish({ ...sent, text: `${sent.text} (edited)` }, ctx));
    expect(await pds.countPosts(pds.did)).toBe(before + 1);
    for (const again of [second, found, third]) {
      expect(again).toEqual({ kind: 'published', id: first.id, postUrl: first.postUrl, extra: first.extra });
    }
    expect((await record(first.id)).value.text).toBe(sent.text);
  });

  it('answers unknown when the answer is lost, and reconcile then finds the post', async () => {
    // The PDS commits the record, then the connection drops before the answer arrives.
    const dropping = (async (resource: Parameters<typeof fetch>[0], init?: RequestInit) => {
      const response = await fetch(resource, init);
      if (String(resource).includes('putRecord')) {
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
        });
      }
      return response;
    }) as typeof fetch;
    const sent = input(`lost answer ${randomUUID()}`);
    const before = await pds.countPosts(pds.did);
    const lost = await bluesky.publish(sent, testContext(pds.url, dropping));
    expect(lost).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('ECONNRESET') });
    const found = published(await bluesky.reconcile?.(sent, testContext(pds.url)));
    expect(found.id).toBe(`at://${pds.did}/app.bsky.feed.post/${rkeyFor(sent.targetId)}`);
    expect(published(await bluesky.publish(sent, testContext(pds.url))).id).toBe(found.id);
    expect(await pds.countPosts(pds.did)).toBe(before + 1);
  });

  it('reconciles a target never sent as not-found', async () => {
    expect(await bluesky.reconcile?.(input('never sent'), testContext(pds.url))).toEqual({
      kind: 'not-found',
    });
  });

  it('fails with a retryable 625 when the PDS refuses connections (nothing can have been written)', async () => {
    const offline = { ...account, credentials: { ...account.credentials, service: nowhere } };
    const outcome = await bluesky.publish(input('offline', { account: offline }), {
      ...testContext(pds.url),
      fetchUserServer: loopbackApiFetch,
    });
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: { code: 625, details: expect.stringContaining('ECONNREFUSED') },
      retryAfterMs: 30_000,
    });
  });

  it('re-queues after a 5xx and keeps the PDS words in details', async () => {
    const failing = (async (resource: Parameters<typeof fetch>[0], init?: RequestInit) =>
      String(resource).includes('putRecord')
        ? new Response('<html>Bad Gateway</html>', {
            status: 502,
            statusText: 'Bad Gateway',
            headers: { 'content-type': 'text/html' },
          })
        : fetch(resource, init)) as typeof fetch;
    const outcome = await bluesky.publish(input('gateway'), testContext(pds.url, failing));
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: { code: 625, platform: 'bluesky', details: 'HTTP 502: Bad Gateway' },
      retryAfterMs: 30_000,
    });
  });
});

describe('delete', () => {
  it('deletes the record; deleting again is harmless', async () => {
    const sent = input(`to delete ${randomUUID()}`);
    const ctx = testContext(pds.url);
    const outcome = published(await bluesky.publish(sent, ctx));
    const before = await pds.countPosts(pds.did);
    expect(await bluesky.delete?.({ id: outcome.id, account }, ctx)).toEqual({ kind: 'deleted' });
    expect(await pds.countPosts(pds.did)).toBe(before - 1);
    expect(await bluesky.reconcile?.(sent, ctx)).toEqual({ kind: 'not-found' });
    expect(await bluesky.delete?.({ id: outcome.id, account }, ctx)).toEqual({ kind: 'deleted' });
  });

  it('refuses an id that is not a Bluesky post uri', async () => {
    const outcome = await bluesky.delete?.({ id: 'https://bsky.app/x', account }, testContext(pds.url));
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 621 } });
  });
});

describe('an account taken down by its PDS', () => {
  it('fails publishing with 627; linking again is refused like a wrong password', async () => {
    const bob = await pds.createAccount('bob');
    const linked = linkedAccountOf(
      await bluesky.verifyCredentials(
        { identifier: bob.handle, appPassword: bob.password },
        testContext(pds.url),
      ),
    );
    await pds.takedown(bob.did);
    const outcome = await bluesky.publish(input('hello', { account: linked }), testContext(pds.url));
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: { code: 627, platform: 'bluesky', details: 'AccountTakedown: Account has been taken down' },
    });
    // The PDS does not tell an app password of a taken-down account from a wrong one.
    const error = await bluesky
      .verifyCredentials({ identifier: bob.handle, appPassword: bob.password }, testContext(pds.url))
      .catch((caught: unknown) => caught);
    expect((error as HeraldError).spec).toMatchObject({ code: 613 });
  });
});
