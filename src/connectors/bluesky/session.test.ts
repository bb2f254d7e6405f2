import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedAccountOf, recordingFetch, testContext } from '../../../test/contract/connector-contract.ts';
import { startPds, type TestPds } from '../../../test/helpers/pds.ts';
import { buildErrorBody } from '../../errors/build.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import type { LinkedAccount, PublishInput } from '../types.ts';
import { XrpcClient } from './client.ts';
import { blueskyConnector as bluesky } from './connector.ts';

let pds: TestPds;
let account: LinkedAccount;

beforeAll(async () => {
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

type StoredSession = { accessJwt: string; refreshJwt: string; did: string; handle: string };

function storedSession(): StoredSession {
  return account.credentials.session as StoredSession;
}

/** The linked account with its stored session (and maybe app password) replaced. */
function withSession(session: Partial<StoredSession>, appPassword = pds.password): LinkedAccount {
  const credentials = { ...account.credentials, appPassword, session: { ...storedSession(), ...session } };
  return { ...account, credentials };
}

function input(linked: LinkedAccount): PublishInput {
  return { targetId: randomUUID(), text: `session ${randomUUID()}`, media: [], options: {}, account: linked };
}

const called = (urls: string[], nsid: string) => urls.filter((url) => url.includes(`/xrpc/${nsid}`)).length;

describe('an expired access token', () => {
  it('is answered by the PDS with 400 ExpiredToken', async () => {
    const client = new XrpcClient(pds.url, fetch);
    const expired = pds.expire(storedSession().accessJwt);
    const result = await client.deleteRecord(expired, {
      repo: pds.did,
      collection: 'app.bsky.feed.post',
      rkey: '3l',
    });
    expect(result).toMatchObject({ ok: false, failure: { status: 400, error: 'ExpiredToken' } });
  });

  it('is refreshed, saved and the publish retried once', async () => {
    const fetchSpy = recordingFetch();
    const ctx = testContext(pds.url, fetchSpy);
    const expired = pds.expire(storedSession().accessJwt);
    const outcome = await bluesky.publish(input(withSession({ accessJwt: expired })), ctx);
    expect(outcome.kind).toBe('published');
    expect(called(fetchSpy.urls, 'com.atproto.repo.putRecord')).toBe(2);
    expect(called(fetchSpy.urls, 'com.atproto.server.refreshSession')).toBe(1);
    expect(called(fetchSpy.urls, 'com.atproto.server.createSession')).toBe(0);
    expect(ctx.saved).toHaveLength(1);
    const saved = ctx.saved[0] as { session: StoredSession; appPassword: string };
    expect(saved.appPassword).toBe(pds.password);
    expect(saved.session.did).toBe(pds.did);
    expect(saved.session.accessJwt).not.toBe(expired);
    // The saved session works as it is.
    const again = await bluesky.publish(
      input({ ...account, credentials: saved }),
      testContext(pds.url, fetchSpy),
    );
    expect(again.kind).toBe('published');
    expect(called(fetchSpy.urls, 'com.atproto.server.refreshSession')).toBe(1);
  });

  it('falls back to the app password when the refresh token is refused too', async () => {
    const fetchSpy = recordingFetch();
    const ctx = testContext(pds.url, fetchSpy);
    const linked = withSession({
      accessJwt: pds.expire(storedSession().accessJwt),
      refreshJwt: 'not-a-token',
    });
    expect((await bluesky.publish(input(linked), ctx)).kind).toBe('published');
    expect(called(fetchSpy.urls, 'com.atproto.server.refreshSession')).toBe(1);
    expect(called(fetchSpy.urls, 'com.atproto.server.createSession')).toBe(1);
    expect(ctx.saved).toHaveLength(1);
  });

  it('asks for a relink (623) when the app password was revoked as well', async () => {
    const linked = withSession(
      { accessJwt: pds.expire(storedSession().accessJwt), refreshJwt: 'not-a-token' },
      'revoked-app-password',
    );
    const outcome = await bluesky.publish(input(linked), testContext(pds.url));
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: { code: 623, details: 'AuthenticationRequired: Invalid identifier or password' },
    });
    if (outcome.kind !== 'failed') return;
    expect(outcome.retryAfterMs).toBeUndefined();
    expect(buildErrorBody(outcome.error)).toMatchObject({ relink: true, platform: 'bluesky' });
  });

  it('also works for delete', async () => {
    const published = await bluesky.publish(input(account), testContext(pds.url));
    if (published.kind !== 'published') throw new Error(JSON.stringify(published));
    const ctx = testContext(pds.url);
    const linked = withSession({ accessJwt: pds.expire(storedSession().accessJwt) });
    expect(await bluesky.delete?.({ id: published.id, account: linked }, ctx)).toEqual({ kind: 'deleted' });
    expect(ctx.saved).toHaveLength(1);
  });
});

describe('other sessions', () => {
  it('a token the PDS cannot verify (InvalidToken) asks for a relink without retrying', async () => {
    const fetchSpy = recordingFetch();
    const outcome = await bluesky.publish(
      input(withSession({ accessJwt: 'garbage' })),
      testContext(pds.url, fetchSpy),
    );
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: { code: 623, details: expect.stringMatching(/^InvalidToken/) },
    });
    expect(called(fetchSpy.urls, 'com.atproto.server.refreshSession')).toBe(0);
  });

  it('credentials without a session log in first and store the session', async () => {
    const { session: _dropped, ...bare } = account.credentials;
    const ctx = testContext(pds.url);
    expect((await bluesky.publish(input({ ...account, credentials: bare }), ctx)).kind).toBe('published');
    expect(ctx.saved[0]).toMatchObject({ session: { did: pds.did } });
  });

  it('a login lost on the wire fails retryably: the post itself was never sent', async () => {
    const dropping = (async (resource: Parameters<typeof fetch>[0], init?: RequestInit) => {
      if (String(resource).includes('createSession')) {
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
        });
      }
      return fetch(resource, init);
    }) as typeof fetch;
    const { session: _dropped, ...bare } = account.credentials;
    const outcome = await bluesky.publish(
      input({ ...account, credentials: bare }),
      testContext(pds.url, dropping),
    );
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 625 }, retryAfterMs: 30_000 });
  });

  it('a failure to store the session does not fail the post', async () => {
    const ctx = testContext(pds.url);
    ctx.saveCredentials = async () => {
      throw new Error('database is down');
    };
    const linked = withSession({ accessJwt: pds.expire(storedSession().accessJwt) });
    expect((await bluesky.publish(input(linked), ctx)).kind).toBe('published');
    expect(ctx.logs).toContain('bluesky: could not store the refreshed session');
  });
});

describe('rate limits of a real PDS', () => {
  let limited: TestPds;
  beforeAll(async () => {
    limited = await startPds({ rateLimits: true });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('createSession over 30 per 5 minutes answers 624 with the reset delay', async () => {
    const client = new XrpcClient(limited.url, fetch);
    // The limit counts attempts per identifier, failed ones included.
    await Promise.all(Array.from({ length: 30 }, () => client.createSession(limited.handle, 'wrong')));
    const error = await bluesky
      .verifyCredentials(
        { identifier: limited.handle, appPassword: limited.password },
        testContext(limited.url),
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HeraldError);
    const { spec } = error as HeraldError;
    expect(spec).toMatchObject({ code: 624, platform: 'bluesky' });
    const retryAfter = Number(spec.params?.retryAfter);
    expect(retryAfter).toBeGreaterThan(200);
    expect(retryAfter).toBeLessThanOrEqual(300);
    expect(buildErrorBody(spec)).toMatchObject({
      details: `Retry-After: ${retryAfter}`,
      retryAvailable: true,
    });

    const linked = {
      ...account,
      credentials: { service: limited.url, identifier: limited.handle, appPassword: 'x' },
    };
    const outcome = await bluesky.publish(input(linked), testContext(limited.url));
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 624 } });
    if (outcome.kind !== 'failed') return;
    expect(outcome.retryAfterMs).toBe(Number(outcome.error.params?.retryAfter) * 1000);
  });
});
