import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkedAccountOf, testContext } from '../../../test/contract/connector-contract.ts';
import { BACKEND_ERROR, invalidArgument } from '../../../test/fakes/gmb/errors.ts';
import { credentialsOf, type FakeGmb, startFakeGmb } from '../../../test/fakes/gmb/server.ts';
import { buildErrorBody } from '../../errors/build.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import type { LinkedAccount, MediaItem, PublishInput } from '../types.ts';
import { gmbConnector as connector } from './connector.ts';
import { FALLBACK_POST_URL } from './publish.ts';

/** The contract's test context with the core's token renewal (the account's own OAuth client). */
const renewingContext = (url: string, fetchFn?: typeof fetch) =>
  testContext(url, fetchFn, { platform: 'gmb' });

const IMAGE: MediaItem = { url: 'https://cdn.example.com/shop.jpg', kind: 'image' };
const CREATE = /\/localPosts$/;

// A fake per test: a refresh changes the fake's current token.
let gmb: FakeGmb;
let credentials: Record<string, string>;
let location: string;
beforeEach(async () => {
  gmb = await startFakeGmb();
  credentials = credentialsOf(gmb);
  location = credentials.locationName ?? '';
});
afterEach(async () => {
  await gmb.close();
});

function context() {
  const ctx = renewingContext(gmb.url);
  ctx.apiVersion = 'v4';
  return ctx;
}

function account(stored: Record<string, unknown> = credentials): LinkedAccount {
  return { externalId: location, username: location, displayName: 'x', credentials: stored };
}

function input(options: Record<string, unknown> = {}, stored?: Record<string, unknown>): PublishInput {
  return {
    targetId: randomUUID(),
    text: `post ${randomUUID()}`,
    media: [IMAGE],
    options,
    account: account(stored),
  };
}

async function refusal(raw: Record<string, unknown>): Promise<HeraldError> {
  const error = await connector.verifyCredentials(raw, context()).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HeraldError);
  return error as HeraldError;
}

describe('linking', () => {
  it('lists one local post of the location (the reference documents no location lookup)', async () => {
    const verified = await connector.verifyCredentials({ ...credentials, ignored: 'x' }, context());
    expect(verified).toEqual({
      externalId: location,
      username: location,
      displayName: 'Business Profile location 9876543210',
      profileUrl: 'https://business.google.com/',
      credentials,
    });
    expect(gmb.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v4/${location}/localPosts`]);
    expect(linkedAccountOf(verified).externalId).toBe(location);
  });

  it('an expired token with refresh credentials is refreshed and the new one kept', async () => {
    gmb.expireToken();
    const verified = await connector.verifyCredentials(credentials, context());
    expect(verified.credentials).toEqual({ ...credentials, accessToken: 'ya29.refreshed-1' });
  });

  it.each([
    ['a wrong token', { accessToken: 'ya29.wrong', refreshToken: undefined }, /^UNAUTHENTICATED: /],
    [
      'someone else’s location',
      { locationName: 'accounts/5550001111/locations/5550002222' },
      /^PERMISSION_DENIED: /,
    ],
    ['a location that does not exist', { locationName: 'accounts/1/locations/2' }, /^NOT_FOUND: /],
    ['a malformed location', { locationName: 'accounts/1/locations/2/../x' }, /accounts\/\{accountId\}/],
    ['no token', { accessToken: ' ' }, /accessToken is required/],
  ])('refuses %s with 613', async (_, change, details) => {
    const error = await refusal({ ...credentials, ...change });
    expect(error.spec).toMatchObject({ code: 613 });
    expect(error.spec.details).toMatch(details);
  });

  it('an unapproved project (quota 0) is 646: the project must be approved, not retried', async () => {
    gmb.quotaLimit = '0';
    const error = await refusal(credentials);
    expect(error.spec).toMatchObject({ code: 646, platform: 'gmb' });
    expect(buildErrorBody(error.spec)).not.toHaveProperty('retryAvailable');
  });
});

describe('publishing', () => {
  it('a STANDARD post with the image by URL → the post’s name and searchUrl', async () => {
    const sent = input({ callToAction: { actionType: 'book', url: 'https://example.com/book' } });
    const outcome = await connector.publish(sent, context());
    const [post] = gmb.postsOf(location);
    expect(outcome).toEqual({ kind: 'published', id: post?.name, postUrl: post?.searchUrl });
    expect(post?.body).toEqual({
      languageCode: 'en',
      topicType: 'STANDARD',
      summary: sent.text,
      callToAction: { actionType: 'BOOK', url: 'https://example.com/book' },
      media: [{ mediaFormat: 'PHOTO', sourceUrl: IMAGE.url }],
    });
  });

  it('PROCESSING is published; without a searchUrl the post links to the profile manager', async () => {
    gmb.nextState = 'PROCESSING';
    expect(await connector.publish(input(), context())).toMatchObject({ kind: 'published' });
    gmb.script({
      method: 'POST',
      path: `/v4/${location}/localPosts`,
      reply: { status: 200, body: { name: `${location}/localPosts/77`, state: 'PROCESSING' } },
    });
    expect(await connector.publish(input(), context())).toEqual({
      kind: 'published',
      id: `${location}/localPosts/77`,
      postUrl: FALLBACK_POST_URL,
    });
  });

  it('REJECTED is 622 naming the state', async () => {
    gmb.nextState = 'REJECTED';
    const outcome = await connector.publish(input(), context());
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 622, platform: 'gmb' } });
    if (outcome.kind === 'failed') expect(outcome.error.details).toMatch(/state REJECTED/);
  });

  it('INVALID_ARGUMENT is 622 with the field in details', async () => {
    gmb.script({
      method: 'POST',
      path: `/v4/${location}/localPosts`,
      reply: invalidArgument('summary', 'Phone numbers are not allowed.'),
    });
    expect(await connector.publish(input(), context())).toMatchObject({
      kind: 'failed',
      error: {
        code: 622,
        details:
          'INVALID_ARGUMENT: Request contains an invalid argument.; summary: Phone numbers are not allowed.',
      },
    });
  });

  it('options Herald cannot send are refused before any call (620)', async () => {
    const outcome = await connector.publish(input({ topicType: 'OFFER' }), context());
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 620 } });
    expect(gmb.requests).toEqual([]);
  });

  it('an expired token is refreshed once, stored, and the post created once', async () => {
    gmb.expireToken();
    const ctx = context();
    const outcome = await connector.publish(input(), ctx);
    expect(outcome).toMatchObject({ kind: 'published' });
    expect(gmb.oauth.refreshes).toBe(1);
    expect(ctx.saved).toEqual([{ ...credentials, accessToken: 'ya29.refreshed-1' }]);
    expect(gmb.postsOf(location)).toHaveLength(1);
  });

  it('a revoked refresh token is 623 with Google’s reason; nothing stored, nothing created', async () => {
    gmb.oauth.revoked = true;
    gmb.expireToken();
    const ctx = context();
    expect(await connector.publish(input(), ctx)).toMatchObject({
      kind: 'failed',
      error: { code: 623, details: 'invalid_grant: Token has been expired or revoked.' },
    });
    expect(ctx.saved).toEqual([]);
    expect(gmb.postsOf(location)).toHaveLength(0);
  });

  it('without refresh credentials an expired token is 623, no token call', async () => {
    gmb.expireToken();
    const { clientSecret: _secret, ...partial } = credentials;
    expect(await connector.publish(input({}, partial), context())).toMatchObject({
      kind: 'failed',
      error: { code: 623 },
    });
    expect(gmb.oauth.refreshes).toBe(0);
  });

  it('a spent quota is 624, retried after a minute; an unapproved project is 646, not retried', async () => {
    gmb.quotaLimit = '300';
    expect(await connector.publish(input(), context())).toMatchObject({
      kind: 'failed',
      error: { code: 624, params: { retryAfter: 60 } },
      retryAfterMs: 60_000,
    });
    gmb.quotaLimit = '0';
    const outcome = await connector.publish(input(), context());
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 646 } });
    expect(outcome).not.toHaveProperty('retryAfterMs');
  });

  it('a lost answer or a 5xx is unknown (626 in the core): the post is never sent twice', async () => {
    gmb.dropNextCreate = true;
    expect(await connector.publish(input(), context())).toMatchObject({ kind: 'unknown' });
    gmb.script({ method: 'POST', path: `/v4/${location}/localPosts`, reply: BACKEND_ERROR });
    expect(await connector.publish(input(), context())).toMatchObject({ kind: 'unknown' });
    expect(gmb.calls('POST', CREATE)).toBe(2);
    expect(gmb.postsOf(location)).toHaveLength(1);
  });

  it('no secret reaches details or logs', async () => {
    gmb.oauth.revoked = true;
    gmb.expireToken();
    const ctx = context();
    const outcome = await connector.publish(input(), ctx);
    const seen = JSON.stringify([outcome, ctx.logs]);
    for (const key of ['accessToken', 'refreshToken', 'clientSecret'] as const)
      expect(seen).not.toContain(credentials[key]);
  });
});

describe('deleting', () => {
  it('DELETE …/localPosts/{id} → deleted; a post already gone counts as deleted', async () => {
    const outcome = await connector.publish(input(), context());
    if (outcome.kind !== 'published') throw new Error(JSON.stringify(outcome));
    expect(await connector.delete?.({ id: outcome.id, account: account() }, context())).toEqual({
      kind: 'deleted',
    });
    expect(gmb.postsOf(location)).toHaveLength(0);
    expect(await connector.delete?.({ id: outcome.id, account: account() }, context())).toEqual({
      kind: 'deleted',
    });
  });

  it('refuses an id outside the linked location without calling Google', async () => {
    const id = 'accounts/5550001111/locations/5550002222/localPosts/1';
    expect(await connector.delete?.({ id, account: account() }, context())).toMatchObject({
      kind: 'failed',
      error: { code: 623 },
    });
    expect(gmb.requests).toEqual([]);
  });

  it('a refusal is classified (PERMISSION_DENIED → 623)', async () => {
    const outcome = await connector.publish(input(), context());
    if (outcome.kind !== 'published') throw new Error(JSON.stringify(outcome));
    const located = gmb.locations[0];
    if (located) located.owner = 'bob';
    expect(await connector.delete?.({ id: outcome.id, account: account() }, context())).toMatchObject({
      kind: 'failed',
      error: { code: 623, details: expect.stringMatching(/^PERMISSION_DENIED/) },
    });
  });
});
