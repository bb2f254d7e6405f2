import { createServer, type Server, type Socket } from 'node:net';
import { AwsClient } from 'aws4fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_S3_KEY, type FakeS3, startFakeS3 } from '../../test/fakes/s3/fake-s3.ts';
import { S3RVER_KEY, type S3rverHost, startS3rver } from '../../test/fakes/s3/s3rver.ts';
import { cleanupMedia } from './media-cleanup.ts';
import type { MediaStore } from './media-store.ts';
import { normalizePrefix, type S3StoreOptions, s3MediaStore } from './s3-store.ts';

/**
 * The S3 store against two S3 servers on 127.0.0.1: s3rver (an independent
 * implementation, so the requests and the XML reading are not checked only against
 * Herald's own fake) and the fake (test/fakes/s3), which verifies SigV4 signatures and
 * pages listings, the two things s3rver 3.7.1 cannot do on Node 20 (see s3rver.ts).
 */

const DAY = 86_400_000;
const RETENTION = 7 * DAY;
const BUCKET = 'herald-media';
const PREFIX = 'herald/media/';
const name = (c: string) => `${c.repeat(32)}.jpg`;
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);

interface Backend {
  endpoint: string;
  key: { accessKeyId: string; secretAccessKey: string };
  keys(): Promise<string[]>;
  backdate(key: string, to: Date): Promise<void>;
  close(): Promise<void>;
}

async function fakeBackend(): Promise<Backend & { fake: FakeS3 }> {
  const fake = await startFakeS3({ buckets: [BUCKET] });
  const objects = () => fake.bucket(BUCKET) ?? new Map();
  return {
    fake,
    endpoint: fake.endpoint,
    key: FAKE_S3_KEY,
    keys: async () => [...objects().keys()].sort(),
    async backdate(key, to) {
      const object = objects().get(key);
      if (object) object.lastModified = to;
    },
    close: () => fake.close(),
  };
}

async function s3rverBackend(): Promise<Backend> {
  const host: S3rverHost = await startS3rver([BUCKET]);
  return {
    endpoint: host.endpoint,
    key: S3RVER_KEY,
    keys: () => host.keys(BUCKET),
    backdate: (key, to) => host.backdate(BUCKET, key, to),
    close: () => host.close(),
  };
}

function storeFor(backend: Backend, overrides: Partial<S3StoreOptions> = {}): MediaStore {
  return s3MediaStore({
    endpoint: backend.endpoint,
    bucket: BUCKET,
    region: 'us-east-1',
    ...backend.key,
    prefix: PREFIX,
    ...overrides,
  });
}

/** Objects Herald did not write, put with a plain signed request. */
async function putForeign(backend: Backend, key: string): Promise<void> {
  const client = new AwsClient({ ...backend.key, region: 'us-east-1', service: 's3', retries: 0 });
  const res = await client.fetch(`${backend.endpoint}/${BUCKET}/${key}`, { method: 'PUT', body: 'not ours' });
  expect(res.status, key).toBe(200);
}

const FOREIGN = [`${PREFIX}readme.txt`, `${PREFIX}deeper/${name('9')}`, `other/${name('8')}`, name('7')];

describe.each([
  ['s3rver', s3rverBackend],
  ['the SigV4-verifying fake', fakeBackend],
])('S3 store against %s', (_label, start) => {
  let backend: Backend;
  let store: MediaStore;
  beforeAll(async () => {
    backend = await start();
    store = storeFor(backend);
    for (const key of FOREIGN) await putForeign(backend, key);
  });
  afterAll(() => backend?.close());

  it('puts and gets a file under the prefix; a missing or foreign name is undefined', async () => {
    await store.put(name('a'), JPEG);
    expect(await backend.keys()).toContain(`${PREFIX}${name('a')}`);
    expect(await store.get(name('a'))).toEqual(JPEG);
    expect(await store.get(name('f'))).toBeUndefined();
    expect(await store.get('readme.txt')).toBeUndefined();
    await expect(store.put('readme.txt', JPEG)).rejects.toThrow(/refusing the name/);
  });

  it('lists only Herald’s names directly under the prefix, with their dates', async () => {
    await store.put(name('b'), JPEG);
    const listed = [];
    for await (const entry of store.list()) listed.push(entry);
    expect(listed.map((e) => e.name).sort()).toEqual([name('a'), name('b')]);
    for (const entry of listed)
      expect(Math.abs(entry.lastModified.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('deletes, unless the object was written after the cutoff; a second delete finds nothing', async () => {
    await store.put(name('c'), JPEG);
    expect(await store.delete(name('c'), new Date(Date.now() - DAY))).toBe(false);
    expect(await store.get(name('c'))).toEqual(JPEG);
    expect(await store.delete(name('c'), new Date(Date.now() + 60_000))).toBe(true);
    expect(await store.get(name('c'))).toBeUndefined();
    expect(await store.delete(name('c'), new Date(Date.now() + 60_000))).toBe(false);
    await expect(store.delete('readme.txt', new Date())).rejects.toThrow(/refusing to delete/);
  });

  it('cleanup deletes only Herald’s files past the retention; a re-stored file is young again', async () => {
    await store.put(name('d'), JPEG);
    await store.put(name('e'), JPEG);
    await backend.backdate(`${PREFIX}${name('d')}`, new Date(Date.now() - RETENTION - DAY));
    await backend.backdate(`${PREFIX}${name('e')}`, new Date(Date.now() - RETENTION - DAY));
    for (const key of FOREIGN) await backend.backdate(key, new Date(Date.now() - 365 * DAY));
    await store.put(name('e'), JPEG); // stored again: a fresh LastModified

    expect(await cleanupMedia(store, { retentionMs: RETENTION })).toEqual({ deleted: 1, leftovers: 0 });
    const keys = await backend.keys();
    expect(keys).not.toContain(`${PREFIX}${name('d')}`);
    expect(keys).toContain(`${PREFIX}${name('e')}`);
    for (const key of FOREIGN) expect(keys).toContain(key);
  });

  it('works at the bucket’s root (no prefix) without touching deeper keys', async () => {
    const root = storeFor(backend, { prefix: '' });
    await root.put(name('0'), JPEG);
    const listed = [];
    for await (const entry of root.list()) listed.push(entry.name);
    expect(listed.sort()).toEqual([name('0'), name('7')]);
  });

  it('a missing bucket is an error naming NoSuchBucket, not "not found"', async () => {
    const lost = storeFor(backend, { bucket: 'no-such-bucket' });
    await expect(lost.get(name('a'))).rejects.toThrow(
      /^S3 answered 404 NoSuchBucket to GET no-such-bucket\//,
    );
    await expect(lost.put(name('a'), JPEG)).rejects.toThrow(/404 NoSuchBucket/);
  });
});

describe('S3 store against the SigV4-verifying fake', () => {
  let backend: Awaited<ReturnType<typeof fakeBackend>>;
  beforeAll(async () => {
    backend = await fakeBackend();
  });
  afterAll(() => backend?.close());

  it('a wrong secret: S3 refuses with 403 SignatureDoesNotMatch and the store says so, without the secret', async () => {
    const wrong = storeFor(backend, { secretAccessKey: 'not-the-secret-0123456789' });
    const error = await wrong.put(name('a'), JPEG).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      `S3 answered 403 SignatureDoesNotMatch to PUT ${BUCKET}/${PREFIX}${name('a')}: The request signature we calculated does not match the signature you provided. Check your key and signing method.`,
    );
    expect((error as Error).message).not.toContain('not-the-secret');
    // A refused GET is an error too, never "not found".
    await expect(wrong.get(name('a'))).rejects.toThrow(/403 SignatureDoesNotMatch/);
    expect(await backend.keys()).toEqual([]);
  });

  it('an unknown key id and a wrong region are refused as S3 refuses them', async () => {
    await expect(storeFor(backend, { accessKeyId: 'NOSUCHKEY' }).put(name('a'), JPEG)).rejects.toThrow(
      /^S3 answered 403 InvalidAccessKeyId to PUT/,
    );
    await expect(storeFor(backend, { region: 'eu-west-1' }).put(name('a'), JPEG)).rejects.toThrow(
      /^S3 answered 400 AuthorizationHeaderMalformed to PUT .*the region 'eu-west-1' is wrong; expecting 'us-east-1'/,
    );
  });

  it('lists every page through continuation tokens, and cleans up while paging', async () => {
    const store = storeFor(backend, { pageSize: 2 });
    const names = ['1', '2', '3', '4', '5'].map(name);
    for (const n of names) await store.put(n, JPEG);
    await putForeign(backend, `${PREFIX}readme.txt`);
    const before = backend.fake.requests.length;

    const listed = [];
    for await (const entry of store.list()) listed.push(entry.name);
    expect(listed).toEqual(names);
    const lists = backend.fake.requests.slice(before).filter((r) => r.query.get('list-type') === '2');
    // 6 keys under the prefix, 2 a page: 3 pages, each after the first with the previous page's token.
    expect(lists).toHaveLength(3);
    expect(lists.map((r) => r.query.get('max-keys'))).toEqual(['2', '2', '2']);
    expect(lists.map((r) => r.query.has('continuation-token'))).toEqual([false, true, true]);

    // The clock is injected: nothing is old yet, then everything is.
    expect(await cleanupMedia(store, { retentionMs: RETENTION, now: Date.now() + RETENTION - DAY })).toEqual({
      deleted: 0,
      leftovers: 0,
    });
    expect(await cleanupMedia(store, { retentionMs: RETENTION, now: Date.now() + RETENTION + DAY })).toEqual({
      deleted: 5,
      leftovers: 0,
    });
    expect(await backend.keys()).toEqual([`${PREFIX}readme.txt`]);
  });

  it('an unreachable endpoint and a silent one are errors naming the cause', async () => {
    // Accepts connections and never answers.
    const held: Socket[] = [];
    const silent: Server = createServer((socket) => {
      held.push(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      await expect(
        storeFor(backend, { endpoint: `http://127.0.0.1:${port}`, timeoutMs: 100 }).put(name('a'), JPEG),
      ).rejects.toThrow(`S3 PUT ${BUCKET}/${PREFIX}${name('a')}: no answer in time`);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
    // Nothing listens on port 2 (fetch refuses 9 and 1 as "bad ports" before connecting).
    await expect(storeFor(backend, { endpoint: 'http://127.0.0.1:2' }).get(name('a'))).rejects.toThrow(
      `S3 GET ${BUCKET}/${PREFIX}${name('a')}: ECONNREFUSED`,
    );
  });

  it('the fake refuses what S3 refuses: no signature, a body changed after signing', async () => {
    const url = `${backend.endpoint}/${BUCKET}/${PREFIX}${name('x')}`;
    const anonymous = await fetch(url, { method: 'PUT', body: 'x' });
    expect([anonymous.status, await anonymous.text()]).toEqual([
      403,
      expect.stringContaining('AccessDenied'),
    ]);
    const client = new AwsClient({ ...FAKE_S3_KEY, region: 'us-east-1', service: 's3', retries: 0 });
    const signed = await client.sign(url, {
      method: 'PUT',
      body: 'original',
      headers: { 'x-amz-content-sha256': '0d5a3ff3ea4a2d4a6b57bcc2a9a8a3d2d8c1bf6e8cd7edd0c0ae4a1e25a1b0b3' },
    });
    const tampered = await fetch(signed.url, { method: 'PUT', headers: signed.headers, body: 'changed' });
    expect(await tampered.text()).toContain('<Code>XAmzContentSHA256Mismatch</Code>');
  });
});

describe('normalizePrefix', () => {
  it.each([
    [undefined, ''],
    ['', ''],
    ['/', ''],
    ['herald', 'herald/'],
    ['/herald/media/', 'herald/media/'],
  ])('%s → %s', (raw, prefix) => expect(normalizePrefix(raw)).toBe(prefix));
});
