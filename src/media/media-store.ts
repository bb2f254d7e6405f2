import { createHash, createHmac } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where converted media live until the networks have fetched them. Herald serves
 * them at GET /media/:file (no auth), so a name must be unguessable: it is an HMAC,
 * under Herald's secret key, of the source bytes. The same source gives the same
 * name, so a retry or a second network reuses the file instead of storing it again.
 *
 * Local disk only for now (HERALD_DATA_DIR/media); an S3-compatible store would
 * implement the same interface.
 */
export interface MediaStore {
  put(name: string, bytes: Buffer): Promise<void>;
  get(name: string): Promise<Buffer | undefined>;
}

/** Names Herald writes: 32 hex characters and the extension; anything else is never read. */
export const STORED_NAME = /^[0-9a-f]{32}\.jpg$/;

export function storedName(secret: Buffer, source: Buffer): string {
  const digest = createHash('sha256').update(source).digest();
  // "jpeg-v1": a change of the conversion recipe must not serve files made by the old one.
  const mac = createHmac('sha256', secret).update('herald-media:jpeg-v1:').update(digest).digest('hex');
  return `${mac.slice(0, 32)}.jpg`;
}

export function localMediaStore(dir: string): MediaStore {
  return {
    async put(name, bytes) {
      if (!STORED_NAME.test(name)) throw new Error(`media store: refusing the name ${name}`);
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, name);
      // Write then rename: a network fetching meanwhile never reads half a file.
      const partial = `${file}.${process.pid}.${Date.now()}.part`;
      await writeFile(partial, bytes);
      await rename(partial, file);
    },
    async get(name) {
      if (!STORED_NAME.test(name)) return undefined;
      try {
        return await readFile(path.join(dir, name));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
  };
}
