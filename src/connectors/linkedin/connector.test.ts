import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedAccountOf, testContext } from '../../../test/contract/connector-contract.ts';
import { type LinkedInWorld, startLinkedInWorld } from '../../../test/fakes/linkedin/fixtures.ts';
import {
  type MediaServer,
  solidPng,
  startMediaServer,
  TINY_JPEG,
} from '../../../test/helpers/media-server.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import type { ConnectorContext, LinkedAccount, PublishInput, PublishOutcome } from '../types.ts';
import { linkedinConnector as linkedin } from './connector.ts';

let world: LinkedInWorld;
let media: MediaServer;
let account: LinkedAccount;

function ctx(version = '202601'): ConnectorContext & { logs: string[] } {
  const context = testContext(world.fake.url);
  context.apiVersion = version;
  return context;
}

beforeAll(async () => {
  world = await startLinkedInWorld();
  media = await startMediaServer({
    '/a.jpg': { body: TINY_JPEG, type: 'image/jpeg' },
    '/b.png': { body: solidPng(4, 3, [10, 200, 30]), type: 'image/png' },
  });
  account = linkedAccountOf(await linkedin.verifyCredentials(world.credentials, ctx()));
});
afterAll(async () => {
  await world?.fake.close();
  await media?.close();
});

function input(text: string, extra: Partial<PublishInput> = {}): PublishInput {
  return { targetId: randomUUID(), text, media: [], options: {}, account, ...extra };
}

function published(outcome: PublishOutcome): Extract<PublishOutcome, { kind: 'published' }> {
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

describe('verifyCredentials', () => {
  it('a member: the token’s OpenID sub must be the author', async () => {
    expect(account).toMatchObject({
      externalId: world.person,
      username: '782bbtaQ',
      displayName: 'Alice Herald',
    });
    const other = await refusal(
      linkedin.verifyCredentials({ ...world.credentials, author: 'urn:li:person:someoneElse' }, ctx()),
    );
    expect(other.spec).toMatchObject({
      code: 613,
      details: 'the token belongs to urn:li:person:782bbtaQ, not urn:li:person:someoneElse',
    });
    const malformed = await refusal(
      linkedin.verifyCredentials({ ...world.credentials, author: 'alice' }, ctx()),
    );
    expect(malformed.spec.code).toBe(613);
  });

  it('an organization the member administers, and not one they do not', async () => {
    const verified = await linkedin.verifyCredentials(
      { ...world.credentials, author: world.organization },
      ctx(),
    );
    expect(verified).toMatchObject({
      externalId: world.organization,
      displayName: 'Herald Test Co',
      profileUrl: 'https://www.linkedin.com/company/herald-test-co/',
    });
    world.fake.organizations.set('99', { localizedName: 'Not Mine', vanityName: 'not-mine' });
    const foreign = await refusal(
      linkedin.verifyCredentials({ ...world.credentials, author: 'urn:li:organization:99' }, ctx()),
    );
    expect(foreign.spec).toMatchObject({ code: 613, details: expect.stringContaining('no ADMINISTRATOR') });
  });
});

describe('publish', () => {
  it('sends LinkedIn-Version from the context and the Rest.li 2.0.0 header; the id comes from x-restli-id', async () => {
    const outcome = published(await linkedin.publish(input(`versioned ${randomUUID()}`), ctx('202601')));
    expect(outcome.id).toMatch(/^urn:li:share:\d+$/);
    expect(outcome.postUrl).toBe(`https://www.linkedin.com/feed/update/${outcome.id}/`);
    const call = world.fake.requests.filter((r) => r.method === 'POST' && r.path === '/rest/posts').at(-1);
    expect(call).toMatchObject({ version: '202601', protocol: '2.0.0' });
  });

  it('a retired version (426) and a missing one (400) are the operator’s to fix (621)', async () => {
    expect(await linkedin.publish(input('old version'), ctx('202301'))).toMatchObject({
      kind: 'failed',
      error: { code: 621, details: 'NONEXISTENT_VERSION: Requested version 202301 is not active' },
    });
    expect(await linkedin.publish(input('no version'), ctx(''))).toMatchObject({
      kind: 'failed',
      error: { code: 621, details: expect.stringMatching(/^VERSION_MISSING/) },
    });
  });

  it('escapes little text, so the whole commentary arrives (unescaped, LinkedIn would cut it)', async () => {
    const text = `Ship it (v2) #launch @team [beta] <b> {x} a|b *c* _d_ ~e~ back\\slash ${randomUUID()}`;
    const outcome = published(await linkedin.publish(input(text), ctx()));
    expect(world.fake.posts.find((p) => p.urn === outcome.id)?.shown).toBe(text);
  });

  it('a 422 duplicate is a success with the URN it names, with or without DUPLICATE_POST', async () => {
    const text = `twice ${randomUUID()}`;
    const first = published(await linkedin.publish(input(text), ctx()));
    const before = world.fake.postsOf(world.person).length;
    expect(published(await linkedin.publish(input(text), ctx())).id).toBe(first.id);
    world.fake.duplicateCode = true;
    try {
      expect(published(await linkedin.publish(input(text), ctx())).id).toBe(first.id);
    } finally {
      world.fake.duplicateCode = false;
    }
    expect(world.fake.postsOf(world.person).length).toBe(before);
  });

  it('uploads images (initializeUpload → PUT → AVAILABLE) with alt text; several make a multiImage', async () => {
    const one = published(
      await linkedin.publish(
        input(`one image ${randomUUID()}`, {
          media: [{ url: media.url('/a.jpg'), kind: 'image' }],
          options: { altText: ['a blue square'], titles: ['Square'] },
        }),
        ctx(),
      ),
    );
    const single = world.fake.posts.find((p) => p.urn === one.id)?.content?.media as Record<string, string>;
    expect(single).toMatchObject({
      altText: 'a blue square',
      title: 'Square',
      id: expect.stringMatching(/^urn:li:image:/),
    });
    expect(world.fake.images.get(single.id ?? '')?.uploaded).toMatchObject({
      type: 'image/jpeg',
      bearer: true,
    });

    const context = ctx();
    const two = published(
      await linkedin.publish(
        input(`two images ${randomUUID()}`, {
          media: [
            { url: media.url('/a.jpg'), kind: 'image' },
            { url: media.url('/b.png'), kind: 'image', altText: 'green' },
          ],
        }),
        context,
      ),
    );
    const multi = world.fake.posts.find((p) => p.urn === two.id)?.content?.multiImage as {
      images: { id: string; altText?: string }[];
    };
    expect(multi.images.map((i) => i.altText)).toEqual([undefined, 'green']);
    expect(context.progress.load()).toEqual({ images: multi.images.map((i) => i.id) });
  });

  it('a retry after a lost answer sends the same images again and adopts the duplicate', async () => {
    const context = ctx();
    const sent = input(`lost answer ${randomUUID()}`, {
      media: [{ url: media.url('/a.jpg'), kind: 'image' }],
    });
    world.fake.script({ method: 'POST', path: '/rest/posts', reply: { status: 503 } });
    const failed = await linkedin.publish(sent, context);
    expect(failed).toMatchObject({ kind: 'failed', error: { code: 625 }, retryAfterMs: 30_000 });
    const images = world.fake.images.size;
    const outcome = published(await linkedin.publish(sent, context));
    expect(world.fake.images.size).toBe(images);
    // The post was created by the second call; a third (another lost answer) finds it.
    expect(published(await linkedin.publish(sent, context)).id).toBe(outcome.id);
  });

  it('refuses a video before any call: images only for now', async () => {
    const before = world.fake.requests.length;
    expect(
      await linkedin.publish(input('clip', { media: [{ url: media.url('/c.mp4'), kind: 'video' }] }), ctx()),
    ).toMatchObject({
      kind: 'failed',
      error: { code: 136, platform: 'linkedin' },
    });
    expect(world.fake.requests.length).toBe(before);
  });

  it('a revoked token is a relink (623)', async () => {
    world.fake.addMember({ token: 'revoked-token', sub: 'bob', name: 'Bob', revoked: true });
    const bob = { ...account, credentials: { author: 'urn:li:person:bob', accessToken: 'revoked-token' } };
    expect(await linkedin.publish(input('bob', { account: bob }), ctx())).toMatchObject({
      kind: 'failed',
      error: { code: 623, details: expect.stringMatching(/^REVOKED_ACCESS_TOKEN/) },
    });
  });
});

describe('delete', () => {
  it('DELETE /rest/posts/{percent-encoded urn} → 204; already gone counts as deleted', async () => {
    const outcome = published(await linkedin.publish(input(`to delete ${randomUUID()}`), ctx()));
    const remove = linkedin.delete;
    if (!remove) throw new Error('delete missing');
    expect(await remove({ id: outcome.id, account }, ctx())).toEqual({ kind: 'deleted' });
    expect(world.fake.requests.at(-1)?.path).toBe(`/rest/posts/${encodeURIComponent(outcome.id)}`);
    expect(world.fake.posts.find((p) => p.urn === outcome.id)?.deleted).toBe(true);
    expect(await remove({ id: outcome.id, account }, ctx())).toEqual({ kind: 'deleted' });
  });
});
