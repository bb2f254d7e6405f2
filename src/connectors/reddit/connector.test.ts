import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedAccountOf, testContext } from '../../../test/contract/connector-contract.ts';
import { REDDIT_APP, type RedditWorld, startRedditWorld } from '../../../test/fakes/reddit/fixtures.ts';
import { type MediaServer, startMediaServer, TINY_JPEG } from '../../../test/helpers/media-server.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import type { LinkedAccount, PublishInput, PublishOutcome } from '../types.ts';
import { redditConnector as reddit } from './connector.ts';
import { userAgent } from './session.ts';

/** The contract's test context with the core's token renewal (the account's own OAuth client). */
const renewingContext = (url: string, fetchFn?: typeof fetch) =>
  testContext(url, fetchFn, { platform: 'reddit', authUrl: world.fake.url });

let world: RedditWorld;
let account: LinkedAccount;
let media: MediaServer;

beforeAll(async () => {
  world = await startRedditWorld();
  media = await startMediaServer({ '/photo.jpg': { body: TINY_JPEG, type: 'image/jpeg' } });
  account = linkedAccountOf(await reddit.verifyCredentials(world.credentials, testContext(world.fake.url)));
});
afterAll(async () => {
  await world?.fake.close();
  await media?.close();
});

function input(options: Record<string, unknown>, extra: Partial<PublishInput> = {}): PublishInput {
  return { targetId: randomUUID(), text: 'Body text', media: [], options, account, ...extra };
}

function published(outcome: PublishOutcome): Extract<PublishOutcome, { kind: 'published' }> {
  if (outcome.kind !== 'published') throw new Error(`expected published, got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('verifyCredentials', () => {
  it('links with /api/v1/me and a descriptive User-Agent', async () => {
    expect(account).toMatchObject({
      externalId: 't2_1w72',
      username: 'herald_tester',
      displayName: 'u/herald_tester',
    });
    expect(world.fake.requests.at(-1)?.userAgent).toBe('herald:herald-test-app:0.1.0 (account linking)');
    expect(userAgent({ accessToken: 'x', clientId: 'abc' }, 'someone')).toBe(
      'herald:abc:0.1.0 (by /u/someone)',
    );
  });

  it('refuses a token Reddit does not know (613)', async () => {
    const error = await reddit
      .verifyCredentials({ accessToken: 'nope' }, testContext(world.fake.url))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HeraldError);
    expect((error as HeraldError).spec).toMatchObject({ code: 613, details: 'HTTP 401: Unauthorized' });
  });
});

describe('publish', () => {
  it('a text post to the subreddit, with the title', async () => {
    const outcome = published(
      await reddit.publish(input({ subreddit: 'test', title: 'Hello' }), testContext(world.fake.url)),
    );
    const post = world.fake.posts.find((p) => `t3_${p.id}` === outcome.id);
    expect(post).toMatchObject({ sr: 'test', kind: 'self', title: 'Hello', text: 'Body text' });
    expect(outcome.postUrl).toMatch(/^https:\/\/www\.reddit\.com\/r\/test\/comments\//);
    expect(world.fake.requests.at(-1)?.userAgent).toBe('herald:herald-test-app:0.1.0 (by /u/herald_tester)');
  });

  it('a link post with redditOptions.link (an image with it is not uploaded)', async () => {
    const link = published(
      await reddit.publish(
        input({ subreddit: 'test', title: 'A link', link: 'https://example.com/a' }),
        renewingContext(world.fake.url),
      ),
    );
    expect(world.fake.posts.find((p) => `t3_${p.id}` === link.id)).toMatchObject({
      kind: 'link',
      url: 'https://example.com/a',
    });
    const uploads = world.fake.media.uploads.length;
    const both = published(
      await reddit.publish(
        input(
          { subreddit: 'test', title: 'Link wins', link: 'https://example.com/b' },
          { media: [{ url: media.url('/photo.jpg'), kind: 'image' }] },
        ),
        renewingContext(world.fake.url),
      ),
    );
    expect(world.fake.posts.find((p) => `t3_${p.id}` === both.id)).toMatchObject({ kind: 'link' });
    expect(world.fake.media.uploads.length).toBe(uploads);
  });

  it('banned (442) and a disallowed title word (443) name the subreddit and are not retried', async () => {
    const banned = await reddit.publish(
      input({ subreddit: 'news', title: 'Hi' }),
      renewingContext(world.fake.url),
    );
    expect(banned).toEqual({
      kind: 'failed',
      error: { code: 442, platform: 'reddit', params: { platformName: 'Reddit', subreddit: 'news' } },
    });
    const word = await reddit.publish(
      input({ subreddit: 'typescript', title: 'Crypto tips' }),
      renewingContext(world.fake.url),
    );
    expect(word).toEqual({
      kind: 'failed',
      error: { code: 443, platform: 'reddit', params: { platformName: 'Reddit', subreddit: 'typescript' } },
    });
  });

  it('RATELIMIT: failed with the wait json.ratelimit states', async () => {
    world.fake.rateLimited.push(3);
    const limited = await reddit.publish(
      input({ subreddit: 'test', title: 'Soon' }),
      renewingContext(world.fake.url),
    );
    expect(limited).toMatchObject({
      kind: 'failed',
      error: { code: 624, params: { retryAfter: 3 } },
      retryAfterMs: 3000,
    });
  });

  it('an expired access token is renewed with the refresh token, stored, and the post goes out', async () => {
    world.user.token = 'expired-by-now';
    const context = renewingContext(world.fake.url);
    published(await reddit.publish(input({ subreddit: 'test', title: 'After refresh' }), context));
    expect(context.saved).toEqual([
      { accessToken: world.user.token, refreshToken: 'reddit-refresh-token-1', ...REDDIT_APP },
    ]);
    account = { ...account, credentials: context.saved[0] ?? {} };
  });

  it('a post without redditOptions is refused before any call (620)', async () => {
    const calls = world.fake.requests.length;
    expect(await reddit.publish(input({}), testContext(world.fake.url))).toMatchObject({
      kind: 'failed',
      error: { code: 620, params: { optionsField: 'redditOptions' } },
    });
    expect(world.fake.requests.length).toBe(calls);
  });

  it('a 5xx on submit leaves the outcome unknown: Reddit may hold the post', async () => {
    world.fake.script({
      method: 'POST',
      path: '/api/submit',
      reply: { status: 502, body: '<html>bad gateway</html>' },
    });
    expect(
      await reddit.publish(input({ subreddit: 'test', title: 'Maybe' }), testContext(world.fake.url)),
    ).toMatchObject({
      kind: 'unknown',
    });
  });
});

describe('delete', () => {
  it('POST /api/del with the fullname', async () => {
    const outcome = published(
      await reddit.publish(input({ subreddit: 'test', title: 'Bye' }), testContext(world.fake.url)),
    );
    const remove = reddit.delete;
    if (!remove) throw new Error('delete missing');
    expect(await remove({ id: outcome.id, account }, testContext(world.fake.url))).toEqual({
      kind: 'deleted',
    });
    expect(world.fake.posts.find((p) => `t3_${p.id}` === outcome.id)?.deleted).toBe(true);
  });
});
