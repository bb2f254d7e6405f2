import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedditWorld, startRedditWorld } from '../fakes/reddit/fixtures.ts';
import { attemptsOf } from '../helpers/attempts.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { type MediaServer, startMediaServer, TINY_JPEG } from '../helpers/media-server.ts';

/**
 * Reddit end to end: Herald's API and worker against the fake Reddit on loopback.
 * 442 and 443 are compared key by key with shared/seeds/002 (copied verbatim, with
 * the subreddit of the post in place of the seed's r/news where they differ).
 */

const SEED_442 = {
  action: 'post',
  status: 'error',
  code: 442,
  message:
    "You've been banned from posting to r/news. This post will not succeed on retry — remove it from your target subreddits.",
  platform: 'reddit',
};
const SEED_443 = {
  action: 'post',
  status: 'error',
  code: 443,
  message:
    'r/news rejected this post because the title contains a disallowed word. Edit the title before retrying — retrying as-is will not succeed.',
  platform: 'reddit',
};

let world: RedditWorld;
let media: MediaServer;
let t: TestHerald;

beforeAll(async () => {
  world = await startRedditWorld();
  // The seed's example subreddit refuses titles with a disallowed word, as r/news does in seed 002.
  world.fake.subreddits.get('news')?.requirements.title_blacklisted_strings.push('crypto');
  media = await startMediaServer({ '/photo.jpg': { body: TINY_JPEG, type: 'image/jpeg' } });
  t = await startTestHerald({
    env: { HERALD_REDDIT_API_URL: world.fake.url, HERALD_MEDIA_ALLOW: '127.0.0.1' },
  });
});
afterAll(async () => {
  await t?.stop();
  await world?.fake.close();
  await media?.close();
});

type Body = Record<string, unknown>;

function post(title: string, subreddit: string, extra: Body = {}) {
  return t.request('POST', '/api/post', {
    post: 'Post body',
    platforms: ['reddit'],
    redditOptions: { title, subreddit },
    ...extra,
  });
}

function expectSeedBody(actual: unknown, seed: Body) {
  expect(Object.keys(actual as Body)).toEqual(Object.keys(seed));
  expect(actual).toEqual(seed);
}

describe('Reddit through POST /api/post', () => {
  it('links the account and publishes a text post', async () => {
    const linked = await t.request('POST', '/api/accounts', {
      platform: 'reddit',
      credentials: world.credentials,
    });
    expect(linked.status).toBe(200);
    expect(linked.body.account).toMatchObject({ id: 't2_1w72', username: 'herald_tester' });
    const res = await post('First post', 'test');
    expect(res.status).toBe(200);
    const [entry] = res.body.postIds as Body[];
    expect(entry).toMatchObject({ status: 'success', platform: 'reddit', id: expect.stringMatching(/^t3_/) });
    expect(world.fake.postsOf('herald_tester').map((p) => p.title)).toContain('First post');
  });

  it('a native image post: uploaded to S3, submitted as kind=image, the id from the websocket', async () => {
    const res = await post('A picture', 'test', { mediaUrls: [media.url('/photo.jpg')] });
    expect(res.status).toBe(200);
    const submitted = world.fake.posts.at(-1);
    expect(submitted).toMatchObject({ kind: 'image', title: 'A picture', url: expect.any(String) });
    expect((res.body.postIds as Body[])[0]).toMatchObject({
      status: 'success',
      platform: 'reddit',
      id: `t3_${submitted?.id}`,
      postUrl: `https://www.reddit.com/r/test/comments/${submitted?.id}/a_picture/`,
    });
    expect(world.fake.media.uploads.at(-1)).toMatchObject({ location: submitted?.url, type: 'image/jpeg' });
  });

  it('442: banned from the subreddit (SUBREDDIT_NOTALLOWED on sr), not retried', async () => {
    const res = await post('Anything', 'news');
    expect(res.status).toBe(400);
    expectSeedBody((res.body.errors as Body[])[0], SEED_442);
    expect(await attemptsOf(t, res.body.id as string)).toEqual([
      { number: 1, outcome: 'failed', error_code: 442 },
    ]);
  });

  it('443: a title word the subreddit refuses names the subreddit', async () => {
    world.fake.subreddits.get('news')?.banned.clear();
    const res = await post('Crypto is back', 'news');
    expect(res.status).toBe(400);
    expectSeedBody((res.body.errors as Body[])[0], SEED_443);
    const other = await post('Crypto types', 'typescript');
    expect((other.body.errors as Body[])[0]?.message).toBe(
      SEED_443.message.replace('r/news', 'r/typescript'),
    );
  });

  it('a subreddit’s post requirements (HTTP 400 with json.errors) answer 622 with every rule broken, not 621', async () => {
    const res = await post('Short', 'pics');
    expect(res.status).toBe(400);
    expect((res.body.errors as Body[])[0]).toEqual({
      action: 'post',
      status: 'error',
      code: 622,
      message: 'Reddit rejected the post as invalid. See details for what to change.',
      details:
        'SUBMIT_VALIDATION_MIN_LENGTH (title): You must have at least 10 characters in your title.; SUBMIT_VALIDATION_FLAIR_REQUIRED (flair): Post must contain post flair.',
      platform: 'reddit',
    });
    expect(await attemptsOf(t, res.body.id as string)).toEqual([
      { number: 1, outcome: 'failed', error_code: 622 },
    ]);
  });

  it('RATELIMIT: the target is re-queued and publishes after the wait Reddit states', async () => {
    world.fake.rateLimited.push(1);
    const submits = world.fake.calls('POST', '/api/submit');
    const res = await post('After a short break', 'test');
    expect(res.status).toBe(200);
    expect((res.body.postIds as Body[])[0]).toMatchObject({ status: 'success', platform: 'reddit' });
    expect(world.fake.calls('POST', '/api/submit')).toBe(submits + 2);
    expect(await attemptsOf(t, res.body.id as string)).toEqual([
      { number: 1, outcome: 'retry', error_code: 624 },
      { number: 2, outcome: 'published', error_code: null },
    ]);
  });

  it('DELETE /api/post deletes it on Reddit', async () => {
    const res = await post('Short-lived', 'test');
    const deleted = await t.request('DELETE', '/api/post', { id: res.body.id });
    expect(deleted.status).toBe(200);
    expect(deleted.body.reddit).toMatchObject({ action: 'delete', status: 'success' });
    expect(world.fake.postsOf('herald_tester').map((p) => p.title)).not.toContain('Short-lived');
  });
});
