import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LinkedInWorld, startLinkedInWorld } from '../fakes/linkedin/fixtures.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { type MediaServer, startMediaServer, TINY_JPEG } from '../helpers/media-server.ts';

/** LinkedIn end to end: Herald's API and worker against the fake LinkedIn on loopback. */

// The member below publishes three posts; the page of the budget test, three and one too many.
const BUDGET = 3;
let world: LinkedInWorld;
let media: MediaServer;
let t: TestHerald;

beforeAll(async () => {
  world = await startLinkedInWorld();
  media = await startMediaServer({ '/photo.jpg': { body: TINY_JPEG, type: 'image/jpeg' } });
  t = await startTestHerald({
    env: {
      HERALD_LINKEDIN_API_URL: world.fake.url,
      HERALD_LINKEDIN_DAILY_BUDGET: String(BUDGET),
      HERALD_MEDIA_ALLOW: '127.0.0.1',
    },
  });
});
afterAll(async () => {
  await t?.stop();
  await world?.fake.close();
  await media?.close();
});

type Body = Record<string, unknown>;

async function post(text: string, headers: Record<string, string> = {}, extra: Body = {}) {
  return t.request('POST', '/api/post', { post: text, platforms: ['linkedin'], ...extra }, headers);
}

function postIdOf(body: Body): string {
  return (body.postIds as Body[])[0]?.id as string;
}

describe('LinkedIn through POST /api/post', () => {
  it('links a member after checking the token with LinkedIn (613 otherwise)', async () => {
    const wrong = await t.request('POST', '/api/accounts', {
      platform: 'linkedin',
      credentials: { ...world.credentials, accessToken: 'AQV-wrong' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({
      code: 613,
      action: 'link',
      details: 'INVALID_ACCESS_TOKEN: Invalid access token',
    });
    const res = await t.request('POST', '/api/accounts', {
      platform: 'linkedin',
      credentials: world.credentials,
    });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({
      platform: 'linkedin',
      id: world.person,
      displayName: 'Alice Herald',
    });
  });

  it('escaped commentary arrives whole; the version header is the configured one', async () => {
    const text = `Launch (v2) #herald @team [beta] <3 {ok} a|b *bold* _it_ ~x~ \\ ${randomUUID()}`;
    const res = await post(text);
    expect(res.status).toBe(200);
    const urn = postIdOf(res.body);
    expect(world.fake.posts.find((p) => p.urn === urn)?.shown).toBe(text);
    expect(world.fake.requests.filter((r) => r.path === '/rest/posts').at(-1)).toMatchObject({
      version: '202601',
      protocol: '2.0.0',
    });
  });

  it('a 422 duplicate is a success with the URN LinkedIn names', async () => {
    // Yesterday's post, made outside Herald: LinkedIn refuses the same content again.
    const text = `Already on LinkedIn ${randomUUID()}`;
    const existing = {
      urn: 'urn:li:share:6844785523593134080',
      author: world.person,
      commentary: text,
      shown: text,
      deleted: false,
      createdAt: Date.now(),
    };
    world.fake.posts.push(existing);
    const res = await post(text);
    expect(res.status).toBe(200);
    expect(res.body.postIds).toEqual([
      {
        status: 'success',
        id: 'urn:li:share:6844785523593134080',
        postUrl: 'https://www.linkedin.com/feed/update/urn:li:share:6844785523593134080/',
        platform: 'linkedin',
      },
    ]);
    expect(world.fake.postsOf(world.person).filter((p) => p.commentary === text)).toHaveLength(1);
  });

  it('posts an image fetched by the core’s media step; DELETE /api/post removes the post', async () => {
    const res = await post(
      `With a photo ${randomUUID()}`,
      {},
      {
        mediaUrls: [media.url('/photo.jpg')],
        linkedInOptions: { altText: ['a photo'] },
      },
    );
    expect(res.status).toBe(200);
    const urn = postIdOf(res.body);
    const content = world.fake.posts.find((p) => p.urn === urn)?.content as {
      media: { id: string; altText: string };
    };
    expect(content.media.altText).toBe('a photo');
    expect(world.fake.images.get(content.media.id)?.uploaded?.bytes).toBe(TINY_JPEG.length);

    const deleted = await t.request('DELETE', '/api/post', { id: res.body.id });
    expect(deleted.status).toBe(200);
    expect(deleted.body.linkedin).toMatchObject({ action: 'delete', status: 'success', id: urn });
    expect(world.fake.posts.find((p) => p.urn === urn)?.deleted).toBe(true);
  });
});

describe('the daily budget (HERALD_LINKEDIN_DAILY_BUDGET) is enforced before the call', () => {
  it('the post over budget gets 624 and LinkedIn receives no request for it', async () => {
    const profile = await t.request('POST', '/api/profiles', { title: 'budget-page' });
    const headers = { 'profile-key': profile.body.profileKey as string };
    const linked = await t.request(
      'POST',
      '/api/accounts',
      { platform: 'linkedin', credentials: { ...world.credentials, author: world.organization } },
      headers,
    );
    expect(linked.status).toBe(200);
    for (let n = 1; n <= BUDGET; n += 1)
      expect((await post(`page post ${n} ${randomUUID()}`, headers)).status).toBe(200);
    expect(world.fake.postsOf(world.organization)).toHaveLength(BUDGET);

    const calls = world.fake.requests.length;
    const over = await post(`one too many ${randomUUID()}`, headers);
    expect(over.status).toBe(429);
    expect((over.body.errors as Body[])[0]).toMatchObject({
      action: 'rate limit',
      code: 624,
      message: 'LinkedIn rate limit reached. Please wait before retrying your post.',
      retryAvailable: true,
      platform: 'linkedin',
    });
    expect(world.fake.requests.length).toBe(calls);
    expect(world.fake.postsOf(world.organization)).toHaveLength(BUDGET);
  });
});
