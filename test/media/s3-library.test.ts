import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MediaFixtures, mediaFixtures } from '../fakes/media-server/fixtures.ts';
import { FAKE_S3_KEY, type FakeS3, startFakeS3 } from '../fakes/s3/fake-s3.ts';
import { API_KEY, startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { multipartBody } from '../helpers/multipart.ts';

/**
 * The media library on HERALD_MEDIA_STORE=s3, against the S3 fake that verifies every
 * SigV4 signature (headers, and presigned query strings): GET /api/media/uploadUrl gives a
 * presigned PUT straight to the bucket, which the library then lists; uploads are
 * streamed to the bucket; /media/:file serves byte ranges from it.
 */
const BUCKET = 'herald-media';
let s3: FakeS3;
let t: TestHerald;
let f: MediaFixtures;

beforeAll(async () => {
  s3 = await startFakeS3({ buckets: [BUCKET] });
  f = await mediaFixtures();
  t = await startTestHerald({
    env: {
      HERALD_PUBLIC_URL: 'https://herald.example',
      HERALD_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'herald-s3-library-')),
      HERALD_MEDIA_STORE: 's3',
      HERALD_S3_ENDPOINT: s3.endpoint,
      HERALD_S3_BUCKET: BUCKET,
      HERALD_S3_ACCESS_KEY_ID: FAKE_S3_KEY.accessKeyId,
      HERALD_S3_SECRET_ACCESS_KEY: FAKE_S3_KEY.secretAccessKey,
      HERALD_S3_PREFIX: 'herald/media',
    },
  });
});
afterAll(async () => {
  await t?.stop();
  await s3?.close();
});

const inject = (options: InjectOptions) => {
  if (!t.herald.server) throw new Error('no API role');
  return t.herald.server.inject(options);
};

describe('the library on an S3 bucket', () => {
  it('uploadUrl is a presigned PUT to the bucket: it works with its Content-Type, and only with it', async () => {
    const res = await t.request('GET', '/api/media/uploadUrl?fileName=clip.mp4&contentType=mp4&source=npm');
    expect(res.status).toBe(200);
    const { uploadUrl, accessUrl, contentType } = res.body as {
      uploadUrl: string;
      accessUrl: string;
      contentType: string;
    };
    expect(contentType).toBe('video/mp4');
    expect(uploadUrl.startsWith(`${s3.endpoint}/${BUCKET}/herald/media/`)).toBe(true);
    const url = new URL(uploadUrl);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('1800');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-type;host');
    const key = url.pathname.slice(`/${BUCKET}/`.length);

    // Another type than the one signed: S3 refuses the signature, nothing is stored.
    const wrong = await fetch(uploadUrl, {
      method: 'PUT',
      headers: { 'content-type': 'image/png' },
      body: 'x',
    });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    // A signature changed by one character: refused too.
    const forged = uploadUrl.replace(
      /X-Amz-Signature=([0-9a-f])/,
      (_m, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`,
    );
    expect(
      (await fetch(forged, { method: 'PUT', headers: { 'content-type': 'video/mp4' }, body: 'x' })).status,
    ).toBe(403);
    expect(s3.bucket(BUCKET)?.has(key)).toBe(false);

    const put = await fetch(uploadUrl, {
      method: 'PUT',
      headers: { 'content-type': 'video/mp4' },
      body: new Uint8Array(f.verticalMp4),
    });
    expect(put.status).toBe(200);
    expect(s3.bucket(BUCKET)?.get(key)?.body.equals(f.verticalMp4)).toBe(true);

    // The library learns of it when it next looks (S3 tells nobody).
    const list = await t.request('GET', '/api/media');
    const entry = (list.body as unknown as Record<string, unknown>[]).find((m) => m.url === accessUrl);
    expect(entry).toMatchObject({
      fileName: 'clip.mp4',
      contentType: 'video/mp4',
      size: f.verticalMp4.length,
    });

    const part = await inject({
      method: 'GET',
      url: new URL(accessUrl).pathname,
      headers: { range: 'bytes=4-11' },
    });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 4-11/${f.verticalMp4.length}`);
    expect(part.rawPayload.toString('latin1')).toBe('ftypisom');
  });

  it('a multipart upload is streamed into the bucket (a signed, unhashed-payload PUT)', async () => {
    const { payload, headers } = multipartBody([
      { name: 'file', filename: 'rotated.mov', type: 'video/quicktime', data: f.rotatedMov },
    ]);
    const res = await inject({
      method: 'POST',
      url: '/api/media/upload',
      payload,
      headers: { ...headers, authorization: `Bearer ${API_KEY}` },
    });
    expect(res.statusCode).toBe(200);
    const key = `herald/media/${String(res.json().url).split('/media/')[1]}`;
    expect(s3.bucket(BUCKET)?.get(key)).toMatchObject({ contentType: 'video/quicktime' });
    expect(s3.bucket(BUCKET)?.get(key)?.body.equals(f.rotatedMov)).toBe(true);
    const meta = await t.request('GET', `/api/media/meta?url=${encodeURIComponent(res.json().url)}`);
    expect(meta.body).toMatchObject({ type: 'video', width: 360, height: 640 });
  });
});
