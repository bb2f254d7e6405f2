import { mkdtempSync, rmSync } from 'node:fs';
import { utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

/**
 * s3rver 3.7.1 (an independent S3 implementation, files in a temp folder) on
 * 127.0.0.1, to check the store's requests and its reading of S3's XML against a
 * server not written for Herald. On Node 20 it falls short in two ways, which the
 * fake (fake-s3.ts) covers instead:
 * - it does not verify SigV4 signatures at all ("Signature version 4 calculation is
 *   unimplemented": any secret is accepted), and
 * - a truncated ListObjectsV2 answers 500 InternalError: its continuation tokens are
 *   DES-encrypted, which OpenSSL 3 refuses ("digital envelope routines::unsupported").
 */

/** s3rver's built-in account (its only one). */
export const S3RVER_KEY = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface S3rverHost {
  endpoint: string;
  /** Every key in a bucket, read from s3rver's own store (not through S3). */
  keys(bucket: string): Promise<string[]>;
  /** Sets an object's LastModified (s3rver reads it from its file's mtime). */
  backdate(bucket: string, key: string, to: Date): Promise<void>;
  close(): Promise<void>;
}

export async function startS3rver(buckets: string[]): Promise<S3rverHost> {
  const directory = mkdtempSync(path.join(tmpdir(), 'herald-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    keys: async (bucket) => (await server.store.listObjects(bucket, {})).objects.map((o) => o.key).sort(),
    backdate: (bucket, key, to) => utimes(server.store.getResourcePath(bucket, key, 'object'), to, to),
    async close() {
      // fetch keeps connections alive; close() alone would wait for them.
      server.httpServer?.closeAllConnections();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
