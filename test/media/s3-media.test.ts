import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import { connectorFor } from '../../src/app/connectors.ts';
import type { PublishInput } from '../../src/connectors/types.ts';
import { TEST_MEDIA_ALLOW } from '../fakes/media-server/loopback-fetch.ts';
import { FAKE_S3_KEY, type FakeS3, startFakeS3 } from '../fakes/s3/fake-s3.ts';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { type MediaServer, startMediaServer } from '../helpers/media-server.ts';

/**
 * HERALD_MEDIA_STORE=s3 end to end: a WebP posted to Instagram (a sandbox account with
 * media checks on; a spy on its publish stands in for the network) is converted, the
 * JPEG lands in the bucket of an S3 server on loopback that verifies every SigV4
 * signature, and GET /media/:file serves it, from this process and from an API-only
 * process with its own data folder. The hourly cleanup, run as the worker's own task,
 * deletes it once old.
 */

const PUBLIC_URL = 'http://herald.test:8080';
const BUCKET = 'herald-media';
const PREFIX = 'herald/media/';
const SECRET_OF_ANOTHER = 'wrong-secret-must-not-leak-0123456789';

let s3: FakeS3;
let media: MediaServer;
let t: TestHerald;
let publish: MockInstance<(input: PublishInput) => unknown>;
const lines: string[] = [];

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    HERALD_MEDIA_ALLOW: TEST_MEDIA_ALLOW,
    HERALD_SANDBOX_MEDIA_CHECKS: 'true',
    HERALD_PUBLIC_URL: PUBLIC_URL,
    HERALD_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'herald-s3-')),
    HERALD_MEDIA_STORE: 's3',
    HERALD_S3_ENDPOINT: s3.endpoint,
    HERALD_S3_BUCKET: BUCKET,
    HERALD_S3_ACCESS_KEY_ID: FAKE_S3_KEY.accessKeyId,
    HERALD_S3_SECRET_ACCESS_KEY: FAKE_S3_KEY.secretAccessKey,
    HERALD_S3_PREFIX: 'herald/media',
    ...extra,
  };
}

const objects = () => s3.bucket(BUCKET) ?? new Map();

beforeAll(async () => {
  s3 = await startFakeS3({ buckets: [BUCKET] });
  const webp = await sharp({ create: { width: 1080, height: 1080, channels: 3, background: '#3366cc' } })
    .webp()
    .toBuffer();
  media = await startMediaServer({ '/photo.webp': { body: webp, type: 'image/webp' } });
  t = await startTestHerald({ env: env(), logTo: (line) => lines.push(line) });
  await linkSandbox(t, ['instagram']);
  const connector = connectorFor('instagram', true);
  if (!connector) throw new Error('no Instagram sandbox');
  publish = vi.spyOn(connector, 'publish') as MockInstance<(input: PublishInput) => unknown>;
});
afterAll(async () => {
  await t?.stop();
  await Promise.all([s3?.close(), media?.close()]);
});

describe('the S3 media store, end to end', () => {
  let file = '';

  it('a WebP posted to Instagram becomes a JPEG in the bucket, served at HERALD_PUBLIC_URL/media/:file', async () => {
    const res = await t.request('POST', '/api/post', {
      post: 'S3 store',
      platforms: ['instagram'],
      mediaUrls: [media.url('/photo.webp')],
    });
    expect(res.status).toBe(200);
    const sent = (publish.mock.calls.at(-1)?.[0] as PublishInput | undefined)?.media[0]?.url ?? '';
    expect(sent).toMatch(/^http:\/\/herald\.test:8080\/media\/[0-9a-f]{32}\.jpg$/);
    file = sent.slice(`${PUBLIC_URL}/media/`.length);

    const stored = objects().get(`${PREFIX}${file}`);
    expect(stored?.contentType).toBe('image/jpeg');
    expect([...(stored?.body.subarray(0, 3) ?? [])]).toEqual([0xff, 0xd8, 0xff]);
    // Nothing on local disk: the bucket is the store.
    expect(existsSync(path.join(t.herald.app.config.dataDir, 'media'))).toBe(false);
    // Every request Herald made was signed correctly (the fake refuses any other).
    expect(s3.requests.filter((r) => r.error)).toEqual([]);

    const served = await t.herald.server?.inject({ method: 'GET', url: `/media/${file}` });
    expect(served?.statusCode).toBe(200);
    expect(served?.headers['content-type']).toBe('image/jpeg');
    expect(served?.rawPayload.equals(stored?.body ?? Buffer.alloc(0))).toBe(true);
  });

  it('an API process on another machine (its own data folder) serves the file a worker stored', async () => {
    const api = await startTestHerald({ env: env(), role: 'api', databaseUrl: t.databaseUrl });
    try {
      const served = await api.herald.server?.inject({ method: 'GET', url: `/media/${file}` });
      expect(served?.statusCode).toBe(200);
      expect(served?.rawPayload.equals(objects().get(`${PREFIX}${file}`)?.body ?? Buffer.alloc(0))).toBe(
        true,
      );
      const missing = await api.herald.server?.inject({ method: 'GET', url: `/media/${'0'.repeat(32)}.jpg` });
      expect(missing?.statusCode).toBe(404);
    } finally {
      await api.stop();
    }
  });

  it('the worker’s hourly cleanup task deletes the file once it is older than the retention', async () => {
    const stored = objects().get(`${PREFIX}${file}`);
    if (!stored) throw new Error('the file is not in the bucket');
    stored.lastModified = new Date(Date.now() - 8 * 86_400_000);
    // The task the cron adds every hour, added now: the worker picks it up at once.
    await t.herald.app.pool.query("SELECT graphile_worker.add_job('media_cleanup')");
    await vi.waitFor(() => expect(objects().has(`${PREFIX}${file}`)).toBe(false), { timeout: 10_000 });
    const served = await t.herald.server?.inject({ method: 'GET', url: `/media/${file}` });
    expect(served?.statusCode).toBe(404);
    await vi.waitFor(() => expect(lines.join('\n')).toContain('"deleted":1'));
  });

  it('a bucket that refuses the key fails the target with 452, naming S3’s status and code, and no secret', async () => {
    const refused = await startTestHerald({
      env: env({ HERALD_S3_SECRET_ACCESS_KEY: SECRET_OF_ANOTHER }),
      logTo: (line) => lines.push(line),
    });
    try {
      await linkSandbox(refused, ['instagram']);
      const res = await refused.request('POST', '/api/post', {
        post: 'S3 store refused',
        platforms: ['instagram'],
        mediaUrls: [media.url('/photo.webp')],
      });
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          code: 452,
          platform: 'instagram',
          details: expect.stringMatching(
            /^the media store refused the file: S3 answered 403 SignatureDoesNotMatch to PUT herald-media\/herald\/media\/[0-9a-f]{32}\.jpg: /,
          ),
        }),
      ]);
      expect(JSON.stringify(res.body)).not.toContain(SECRET_OF_ANOTHER);
    } finally {
      await refused.stop();
    }
    expect(lines.length).toBeGreaterThan(3);
    const all = lines.join('\n');
    for (const secret of [SECRET_OF_ANOTHER, FAKE_S3_KEY.secretAccessKey]) expect(all).not.toContain(secret);
  });
});
