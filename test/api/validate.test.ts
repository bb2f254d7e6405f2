import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MastodonWorld, startMastodonWorld } from '../fakes/mastodon/fixtures.ts';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { type MediaServer, startMediaServer, TINY_JPEG } from '../helpers/media-server.ts';

/**
 * The dry run (POST /api/validate/post) runs POST /api/post's own checks (checkPost)
 * and stops there: the fake instance counts every request it gets, the tables count
 * every row.
 */

let world: MastodonWorld;
let media: MediaServer;
let t: TestHerald;

beforeAll(async () => {
  world = await startMastodonWorld();
  media = await startMediaServer({
    '/photo.jpg': { body: TINY_JPEG, type: 'image/jpeg' },
    '/blocked.jpg': { body: Buffer.from('<html><body>Access denied</body></html>'), type: 'image/jpeg' },
  });
  t = await startTestHerald({ env: { HERALD_MEDIA_ALLOW: '127.0.0.1' } });
  const linked = await t.request('POST', '/api/accounts', {
    platform: 'mastodon',
    credentials: world.credentials,
  });
  expect(linked.status).toBe(200);
  await linkSandbox(t, ['bluesky']);
});
afterAll(async () => {
  await t?.stop();
  await world?.fake.close();
  await media?.close();
});

async function rows() {
  return { posts: await t.count('posts'), targets: await t.count('targets'), links: await t.count('links') };
}

describe('POST /api/validate/post', () => {
  it('answers Ayrshare’s success, with 156 as a warning, after checking the media; nothing stored, nothing sent', async () => {
    const before = await rows();
    const sent = world.fake.requests.length;
    const fetched = media.requests.length;
    const res = await t.request('POST', '/api/validate/post', {
      post: 'Dry run https://example.com/a',
      platforms: ['mastodon', 'bluesky', 'twitter'],
      mediaUrls: [media.url('/photo.jpg')],
      shortenLinks: false,
      source: 'npm',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'success',
      message:
        'No validation issues were found with this post. This is only a Herald validation test and the post may still return an error by the social networks.',
      warnings: [
        {
          action: 'post',
          status: 'error',
          code: 156,
          message:
            'X/Twitter is not linked to this profile. Link it with POST /api/accounts, then post again.',
          platform: 'twitter',
        },
      ],
    });
    expect(await rows()).toEqual(before);
    expect(world.fake.requests.length).toBe(sent);
    // The media preflight ran for an immediate post (POST /api/post leaves it to the job).
    expect(media.requests.length).toBeGreaterThan(fetched);
  });

  it('refuses exactly what POST /api/post refuses, with the same body, and stores nothing', async () => {
    const body = { post: 'x'.repeat(501), platforms: ['mastodon', 'bluesky'] };
    const before = await rows();
    const dry = await t.request('POST', '/api/validate/post', body);
    const real = await t.request('POST', '/api/post', body);
    expect(dry.status).toBe(400);
    expect(dry.body).toEqual(real.body);
    expect(
      (dry.body.errors as { code: number; platform: string }[]).map((e) => [e.code, e.platform]),
    ).toEqual([
      [132, 'mastodon'],
      [132, 'bluesky'],
    ]);
    expect(await rows()).toEqual(before);
  });

  it('finds a media problem of an immediate post before the job would', async () => {
    const sent = world.fake.requests.length;
    const res = await t.request('POST', '/api/validate/post', {
      post: 'A photo',
      platforms: ['mastodon'],
      mediaUrls: [media.url('/blocked.jpg')],
    });
    expect(res.status).toBe(400);
    expect(res.body.status).toBe('error');
    expect(res.body.errors).toEqual([
      {
        action: 'image conversion',
        status: 'error',
        code: 451,
        message: 'The image could not be downloaded for format conversion.',
        details: `${media.url('/blocked.jpg')}: an HTML page (image/jpeg) instead of the image`,
        platform: 'mastodon',
      },
    ]);
    expect(world.fake.requests.length).toBe(sent);
  });

  it('caption enhancement: the total 441 body and HTTP 502 of POST /api/post, with nothing stored', async () => {
    const body = { post: 'Read https://example.com/a', platforms: ['mastodon'], shortenLinks: true };
    const before = await rows();
    const dry = await t.request('POST', '/api/validate/post', body);
    expect(dry.status).toBe(502);
    expect(dry.body).toMatchObject({ status: 'error', action: 'post', code: 441 });
    expect(dry.body).toEqual((await t.request('POST', '/api/post', body)).body);
    expect(await rows()).toEqual(before);
  });

  it('is the same closed body as POST /api/post and refuses a call without an API key', async () => {
    const unknown = await t.request('POST', '/api/validate/post', {
      post: 'x',
      platforms: ['bluesky'],
      sheduleDate: 'x',
    });
    expect(unknown.body).toMatchObject({ code: 631 });
    const anonymous = await t.request(
      'POST',
      '/api/validate/post',
      { post: 'x', platforms: ['bluesky'] },
      { authorization: '' },
    );
    expect(anonymous.status).toBe(403);
  });
});

describe('POST /api/validate/postLength', () => {
  it('measures as each network’s declaration counts, with Ayrshare’s keys and maxCharLimits', async () => {
    const res = await t.request('POST', '/api/validate/postLength', {
      post: 'Hello 🍩 https://example.com/page',
      source: 'npm',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'success',
      // X: the emoji weighs 2, the URL 23.
      twitterWeightedLength: 6 + 2 + 1 + 23,
      blueskyWeightedLength: 32,
      instagramWeightedLength: 32,
      tikTokWeightedLength: 32,
      linkedInWeightedLength: 32,
      twitterValid: true,
      twitterLongValid: true,
      tikTokValid: true,
      linkedInValid: true,
    });
    expect(res.body.maxCharLimits).toMatchObject({
      bluesky: 300,
      facebook: 63206,
      gmb: 1500,
      instagram: 2200,
      linkedin: 3000,
      pinterest: 500,
      reddit: 10000,
      tiktok: 2200,
      twitter: 280,
      twitterLong: 25000,
      threads: 500,
    });
  });

  it('a text past one tweet: twitterValid false, twitterLongValid true; Bluesky’s byte cap counts', async () => {
    const res = await t.request('POST', '/api/post/checkPostWeight', { post: 'a'.repeat(281) });
    expect(res.body).toMatchObject({
      twitterValid: false,
      twitterLongValid: true,
      blueskyValid: true,
      threadsValid: true,
    });
    const bytes = await t.request('POST', '/api/validate/postLength', {
      post: 'é'.repeat(299) + '👨‍👩‍👧‍👦'.repeat(1),
    });
    expect(bytes.body.blueskyWeightedLength).toBe(300);
    expect(bytes.body.blueskyValid).toBe(true);
    const anonymous = await t.request(
      'POST',
      '/api/validate/postLength',
      { post: 'x' },
      { authorization: '' },
    );
    expect(anonymous.status).toBe(403);
  });
});
