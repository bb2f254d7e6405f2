import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidArgument } from '../fakes/gmb/errors.ts';
import { credentialsOf, type FakeGmb, startFakeGmb } from '../fakes/gmb/server.ts';
import { attemptsOf } from '../helpers/attempts.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { type MediaServer, startMediaServer, TINY_JPEG } from '../helpers/media-server.ts';

/** Google Business Profile end to end: Herald's API and worker against the fake on loopback. */

let gmb: FakeGmb;
let media: MediaServer;
let t: TestHerald;
let location: string;

beforeAll(async () => {
  gmb = await startFakeGmb();
  location = gmb.locations[0]?.name ?? '';
  media = await startMediaServer({ '/shop.jpg': { body: TINY_JPEG, type: 'image/jpeg' } });
  t = await startTestHerald({
    env: { HERALD_GMB_API_URL: gmb.url, HERALD_MEDIA_ALLOW: '127.0.0.1' },
  });
});
afterAll(async () => {
  await t?.stop();
  await gmb?.close();
  await media?.close();
});

type Body = Record<string, unknown>;

function post(text: string, extra: Body = {}) {
  return t.request('POST', '/api/post', {
    post: text,
    platforms: ['gmb'],
    mediaUrls: [media.url('/shop.jpg')],
    ...extra,
  });
}

const postsWith = (text: string) => gmb.postsOf(location).filter((p) => p.body.summary === text);

describe('Google Business Profile through POST /api/post', () => {
  it('links a location after listing its posts with Google (613 otherwise)', async () => {
    const wrong = await t.request('POST', '/api/accounts', {
      platform: 'gmb',
      credentials: { locationName: location, accessToken: 'ya29.wrong' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 613, action: 'link' });
    expect(String(wrong.body.details)).toMatch(/^UNAUTHENTICATED: /);
    const res = await t.request('POST', '/api/accounts', {
      platform: 'gmb',
      credentials: credentialsOf(gmb),
    });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ platform: 'gmb', id: location });
  });

  it('publishes a post with its image by URL (checked as Googlebot-Image, never downloaded by the connector)', async () => {
    const text = `Open late on Friday ${randomUUID()}`;
    const res = await post(text, {
      gmbOptions: { callToAction: { actionType: 'learn_more', url: 'https://example.com/hours' } },
    });
    expect(res.status).toBe(200);
    const [created] = postsWith(text);
    expect(res.body.postIds).toEqual([
      { status: 'success', id: created?.name, postUrl: created?.searchUrl, platform: 'gmb' },
    ]);
    expect(created?.body).toMatchObject({
      topicType: 'STANDARD',
      callToAction: { actionType: 'LEARN_MORE', url: 'https://example.com/hours' },
      media: [{ mediaFormat: 'PHOTO', sourceUrl: media.url('/shop.jpg') }],
    });
    expect(media.requests).toContain('/robots.txt');
  });

  it('an event post is refused before anything is sent (620)', async () => {
    const before = gmb.calls('POST', /\/localPosts$/);
    const res = await post(`Event ${randomUUID()}`, { gmbOptions: { topicType: 'EVENT' } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ code: 620, platform: 'gmb', message: expect.stringContaining('topicType') }),
    ]);
    expect(gmb.calls('POST', /\/localPosts$/)).toBe(before);
  });

  it('INVALID_ARGUMENT is 622 naming the field; PUT /api/post/retry then publishes it exactly once', async () => {
    const text = `Call us ${randomUUID()}`;
    gmb.script({
      method: 'POST',
      path: `/v4/${location}/localPosts`,
      reply: invalidArgument('summary', 'Phone numbers are not allowed.'),
    });
    const res = await post(text);
    expect(res.status).toBe(400);
    expect((res.body.errors as Body[])[0]).toMatchObject({
      code: 622,
      platform: 'gmb',
      details:
        'INVALID_ARGUMENT: Request contains an invalid argument.; summary: Phone numbers are not allowed.',
    });
    const retried = await t.request('PUT', '/api/post/retry', { id: res.body.id });
    expect(retried.status).toBe(200);
    const again = await t.request('PUT', '/api/post/retry', { id: res.body.id });
    expect(again.body).toMatchObject({ code: 615 });
    expect(postsWith(text)).toHaveLength(1);
    expect(await attemptsOf(t, res.body.id as string)).toEqual([
      { number: 1, outcome: 'failed', error_code: 622 },
      { number: 2, outcome: 'published', error_code: null },
    ]);
  });

  it('an answer lost after Google created the post is 626 (unconfirmed), never re-sent on its own', async () => {
    const text = `Lost ${randomUUID()}`;
    gmb.dropNextCreate = true;
    const res = await post(text);
    expect(res.status).toBe(502);
    expect((res.body.errors as Body[])[0]).toMatchObject({ code: 626, platform: 'gmb' });
    const retried = await t.request('PUT', '/api/post/retry', { id: res.body.id });
    expect(retried.body).toMatchObject({ code: 615 });
    expect(postsWith(text)).toHaveLength(1);
  });

  it('DELETE /api/post deletes the local post', async () => {
    const text = `Short-lived ${randomUUID()}`;
    const res = await post(text);
    const [created] = postsWith(text);
    const deleted = await t.request('DELETE', '/api/post', { id: res.body.id });
    expect(deleted.status).toBe(200);
    expect(deleted.body.gmb).toMatchObject({ action: 'delete', status: 'success', id: created?.name });
    expect(postsWith(text)).toHaveLength(0);
  });
});
