import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNDER_REVIEW } from '../fakes/pinterest/errors.ts';
import { type PinterestWorld, startPinterestWorld } from '../fakes/pinterest/fixtures.ts';
import { attemptsOf } from '../helpers/attempts.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { type MediaServer, startMediaServer, TINY_JPEG } from '../helpers/media-server.ts';

/** Pinterest end to end: Herald's API and worker against the fake Pinterest on loopback. */

let world: PinterestWorld;
let media: MediaServer;
let t: TestHerald;

beforeAll(async () => {
  world = await startPinterestWorld();
  media = await startMediaServer({ '/photo.jpg': { body: TINY_JPEG, type: 'image/jpeg' } });
  t = await startTestHerald({
    env: { HERALD_PINTEREST_API_URL: world.fake.url, HERALD_MEDIA_ALLOW: '127.0.0.1' },
  });
});
afterAll(async () => {
  await t?.stop();
  await world?.fake.close();
  await media?.close();
});

type Body = Record<string, unknown>;

function post(text: string, extra: Body = {}) {
  return t.request('POST', '/api/post', {
    post: text,
    platforms: ['pinterest'],
    mediaUrls: [media.url('/photo.jpg')],
    ...extra,
  });
}

const pinsWith = (text: string) =>
  world.fake.pinsOf(world.user.id).filter((pin) => pin.body.description === text);

describe('Pinterest through POST /api/post', () => {
  it('links an account after checking the token and the board with Pinterest (613 otherwise)', async () => {
    const wrong = await t.request('POST', '/api/accounts', {
      platform: 'pinterest',
      credentials: { ...world.credentials, accessToken: 'pina_wrong' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({
      code: 613,
      action: 'link',
      details: 'code 2: Authentication failed.',
    });
    const res = await t.request('POST', '/api/accounts', {
      platform: 'pinterest',
      credentials: world.credentials,
    });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({
      platform: 'pinterest',
      id: world.user.id,
      displayName: 'Herald Test Co',
    });
  });

  it('publishes an image pin: Pinterest gets the URL (checked by the crawler preflight), Herald the pin id', async () => {
    const text = `A pin ${randomUUID()}`;
    const res = await post(text, {
      pinterestOptions: { title: 'Launch', link: 'https://example.com/launch' },
    });
    expect(res.status).toBe(200);
    const [pin] = pinsWith(text);
    expect(res.body.postIds).toEqual([
      {
        status: 'success',
        id: pin?.id,
        postUrl: `https://www.pinterest.com/pin/${pin?.id}/`,
        platform: 'pinterest',
      },
    ]);
    expect(pin?.body).toMatchObject({
      board_id: world.board.id,
      title: 'Launch',
      link: 'https://example.com/launch',
      media_source: { source_type: 'image_url', url: media.url('/photo.jpg') },
    });
    // Pinterest fetches the image itself: the connector never downloads it, the preflight did as Pinterest's bot.
    expect(world.fake.requests.some((r) => r.path.includes('photo.jpg'))).toBe(false);
    expect(media.requests).toContain('/robots.txt');
  });

  it('a board that does not exist is 622 with Pinterest’s words, not retried', async () => {
    const res = await post(`Nowhere ${randomUUID()}`, { pinterestOptions: { boardId: '404404' } });
    expect(res.status).toBe(400);
    expect((res.body.errors as Body[])[0]).toMatchObject({
      code: 622,
      platform: 'pinterest',
      details: 'code 40: Board not found.',
    });
    expect(await attemptsOf(t, res.body.id as string)).toEqual([
      { number: 1, outcome: 'failed', error_code: 622 },
    ]);
  });

  it('an account under review (2626) is 627; PUT /api/post/retry then publishes it exactly once', async () => {
    const text = `Reviewed ${randomUUID()}`;
    world.fake.script({ method: 'POST', path: '/v5/pins', reply: UNDER_REVIEW });
    const res = await post(text);
    expect(res.status).toBe(403);
    expect((res.body.errors as Body[])[0]).toMatchObject({ code: 627, platform: 'pinterest' });
    expect(pinsWith(text)).toHaveLength(0);

    const retried = await t.request('PUT', '/api/post/retry', { id: res.body.id });
    expect(retried.status).toBe(200);
    const again = await t.request('PUT', '/api/post/retry', { id: res.body.id });
    expect(again.body).toMatchObject({ code: 615 });
    expect(pinsWith(text)).toHaveLength(1);
    expect(await attemptsOf(t, res.body.id as string)).toEqual([
      { number: 1, outcome: 'failed', error_code: 627 },
      { number: 2, outcome: 'published', error_code: null },
    ]);
  });

  it('an answer lost after Pinterest created the pin is 626 (unconfirmed), never re-sent on its own', async () => {
    const text = `Lost ${randomUUID()}`;
    world.fake.dropNextCreate = true;
    const res = await post(text);
    expect(res.status).toBe(502);
    expect((res.body.errors as Body[])[0]).toMatchObject({ code: 626, platform: 'pinterest' });
    // Only an explicit includeUnconfirmed may send it again: a plain retry has nothing to do.
    const retried = await t.request('PUT', '/api/post/retry', { id: res.body.id });
    expect(retried.body).toMatchObject({ code: 615 });
    expect(pinsWith(text)).toHaveLength(1);
  });

  it('DELETE /api/post deletes the pin', async () => {
    const text = `Short-lived ${randomUUID()}`;
    const res = await post(text);
    const [pin] = pinsWith(text);
    const deleted = await t.request('DELETE', '/api/post', { id: res.body.id });
    expect(deleted.status).toBe(200);
    expect(deleted.body.pinterest).toMatchObject({ action: 'delete', status: 'success', id: pin?.id });
    expect(pinsWith(text)).toHaveLength(0);
  });
});
