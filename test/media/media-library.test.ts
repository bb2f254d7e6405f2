import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MediaFixtures, mediaFixtures } from '../fakes/media-server/fixtures.ts';
import { API_KEY, startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { multipartBody } from '../helpers/multipart.ts';

let t: TestHerald;
let f: MediaFixtures;
let otherKey: string;

beforeAll(async () => {
  [t, f] = await Promise.all([
    startTestHerald({ env: { HERALD_PUBLIC_URL: 'https://herald.example' } }),
    mediaFixtures(),
  ]);
  const profile = await t.request('POST', '/api/profiles', { title: 'Other brand' });
  otherKey = String(profile.body.profileKey);
});
afterAll(async () => {
  await t?.stop();
});

const inject = (options: InjectOptions) => {
  if (!t.herald.server) throw new Error('the test Herald has no API role');
  return t.herald.server.inject(options);
};

const dataUri = (type: string, bytes: Buffer) => `data:${type};base64,${bytes.toString('base64')}`;
const nameOf = (url: unknown) => String(url).split('/media/')[1] ?? '';

describe('POST /api/media/upload', () => {
  it('refuses a call without an API key', async () => {
    for (const url of [
      '/api/media/upload',
      '/api/upload',
      '/api/media',
      '/api/media/meta?url=https://a/b.jpg',
    ]) {
      const res = await inject({
        method: url.includes('upload') ? 'POST' : 'GET',
        url,
        payload: url.includes('upload') ? {} : undefined,
      });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code, url).toBe(102);
    }
  });

  it('takes Ayrshare’s JSON form (a base64 data URI) on both paths and answers {id, url, fileName, description}', async () => {
    for (const path of ['/api/media/upload', '/api/upload']) {
      // Named .png, sent as image/png: the bytes are a JPEG, and that is what counts.
      const res = await t.request('POST', path, {
        file: dataUri('image/png', f.jpeg),
        fileName: 'photo.png',
        description: 'best image',
        source: 'npm',
      });
      expect(res.status, path).toBe(200);
      expect(res.body).toMatchObject({
        fileName: 'photo.png',
        description: 'best image',
        contentType: 'image/jpeg',
      });
      expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.url).toMatch(/^https:\/\/herald\.example\/media\/[0-9a-f]{32}\.jpg$/);
      const served = await inject({ method: 'GET', url: `/media/${nameOf(res.body.url)}` });
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe('image/jpeg');
      expect(served.rawPayload.equals(f.jpeg)).toBe(true);
      expect(served.headers['set-cookie']).toBeUndefined();
    }
  });

  it('takes multipart/form-data: file, fileName, description', async () => {
    const { payload, headers } = multipartBody([
      { name: 'description', value: 'a reel' },
      { name: 'file', filename: 'clip.mov', type: 'application/octet-stream', data: f.verticalMp4 },
    ]);
    const res = await inject({
      method: 'POST',
      url: '/api/media/upload',
      payload,
      headers: { ...headers, authorization: `Bearer ${API_KEY}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      fileName: 'clip.mov',
      description: 'a reel',
      contentType: 'video/mp4',
      size: f.verticalMp4.length,
    });
    expect(res.json().url).toMatch(/\.mp4$/);
  });

  it('refuses what is not media (690), a malformed data URI (696), an unknown multipart field (631), a missing file (604)', async () => {
    const text = await t.request('POST', '/api/media/upload', {
      file: dataUri('image/jpeg', Buffer.from('hello, world')),
    });
    expect([text.status, text.body.code]).toEqual([400, 690]);
    const bad = await t.request('POST', '/api/media/upload', { file: 'not a data uri' });
    expect([bad.status, bad.body.code]).toEqual([400, 696]);
    const none = await t.request('POST', '/api/media/upload', { fileName: 'x.jpg' });
    expect([none.status, none.body.code]).toEqual([400, 604]);
    const { payload, headers } = multipartBody([
      { name: 'caption', value: 'typo' },
      { name: 'file', filename: 'a.jpg', type: 'image/jpeg', data: f.jpeg },
    ]);
    const extra = await inject({
      method: 'POST',
      url: '/api/media/upload',
      payload,
      headers: { ...headers, authorization: `Bearer ${API_KEY}` },
    });
    expect([extra.statusCode, extra.json().code]).toEqual([400, 631]);
  });
});

describe('the library: GET /api/media, DELETE /api/media/:id, GET /api/media/meta', () => {
  it('lists only the profile’s own files, pages them, and lets no other profile read or delete them', async () => {
    const mine = await t.request('POST', '/api/media/upload', {
      file: dataUri('image/png', f.png),
      fileName: 'mine.png',
    });
    const theirs = await t.request(
      'POST',
      '/api/media/upload',
      { file: dataUri('image/jpeg', f.jpeg), fileName: 'theirs.jpg' },
      { 'profile-key': otherKey },
    );
    const list = await t.request('GET', '/api/media?source=npm');
    const ids = (list.body as unknown as { id: string }[]).map((m) => m.id);
    expect(ids).toContain(mine.body.id);
    expect(ids).not.toContain(theirs.body.id);
    const theirList = await t.request('GET', '/api/media', undefined, { 'profile-key': otherKey });
    expect((theirList.body as unknown as { id: string }[]).map((m) => m.id)).toEqual([theirs.body.id]);

    const page = await inject({
      method: 'GET',
      url: '/api/media?limit=1',
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    expect(page.json()).toHaveLength(1);
    const cursor = page.headers['x-next-cursor'];
    expect(typeof cursor).toBe('string');
    const next = await t.request('GET', `/api/media?limit=1&cursor=${cursor}`);
    expect((next.body as unknown as { id: string }[])[0]?.id).not.toBe(page.json()[0].id);

    // Another profile: not found, nothing deleted, no meta.
    const steal = await t.request('DELETE', `/api/media/${mine.body.id}`, undefined, {
      'profile-key': otherKey,
    });
    expect([steal.status, steal.body.code]).toEqual([404, 607]);
    const peek = await t.request(
      'GET',
      `/api/media/meta?url=${encodeURIComponent(String(mine.body.url))}`,
      undefined,
      {
        'profile-key': otherKey,
      },
    );
    expect([peek.status, peek.body.code]).toEqual([404, 607]);

    const meta = await t.request('GET', `/api/media/meta?url=${encodeURIComponent(String(mine.body.url))}`);
    expect(meta.body).toMatchObject({ type: 'image', width: 64, height: 48, size: f.png.length });

    const gone = await t.request('DELETE', `/api/media/${mine.body.id}`);
    expect(gone.status).toBe(200);
    const served = await inject({ method: 'GET', url: `/media/${nameOf(mine.body.url)}` });
    expect(served.statusCode).toBe(404);
    const again = await t.request('DELETE', `/api/media/${mine.body.id}`);
    expect(again.body.code).toBe(607);
  });

  it('reads a video fully: container, codecs, frame rate, rotation, moov position', async () => {
    const up = await t.request('POST', '/api/media/upload', {
      file: dataUri('video/quicktime', f.rotatedMov),
    });
    const meta = await t.request('GET', `/api/media/meta?url=${encodeURIComponent(String(up.body.url))}`);
    expect(meta.status).toBe(200);
    expect(meta.body).toMatchObject({
      type: 'video',
      codec: 'h264',
      width: 360,
      height: 640,
      rotation: 270,
      codecs: { video: 'H.264', audio: null },
    });
    expect(meta.body.frameRate).toBeCloseTo(5, 1);
    expect(meta.body.duration).toBeGreaterThan(3);
  });
});

describe('serving /media/:file', () => {
  it('answers ranges (206, 416), HEAD, the type from the bytes, a year of caching; robots.txt allows it', async () => {
    const up = await t.request('POST', '/api/media/upload', { file: dataUri('video/mp4', f.verticalMp4) });
    const url = `/media/${nameOf(up.body.url)}`;
    const part = await inject({ method: 'GET', url, headers: { range: 'bytes=0-99' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-99/${f.verticalMp4.length}`);
    expect(part.rawPayload.equals(f.verticalMp4.subarray(0, 100))).toBe(true);
    expect(part.headers['content-type']).toBe('video/mp4');
    expect(part.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const tail = await inject({ method: 'GET', url, headers: { range: 'bytes=-10' } });
    expect(tail.rawPayload.equals(f.verticalMp4.subarray(-10))).toBe(true);
    const past = await inject({ method: 'GET', url, headers: { range: `bytes=${f.verticalMp4.length}-` } });
    expect(past.statusCode).toBe(416);
    const head = await inject({ method: 'HEAD', url });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(f.verticalMp4.length));
    const robots = await inject({ method: 'GET', url: '/robots.txt' });
    expect(robots.payload).toContain('Allow: /media/');
  });
});
