import { createHash, createHmac } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where converted media live until the networks have fetched them. Herald serves
 * them at GET /media/:file (no auth), so a name must be unguessable: it is an HMAC,
 * under Herald's secret key, of the source bytes. The same source gives the same
 * name, so a retry or a second network reuses the file instead of storing it again.
 *
 * Two implementations: local disk (HERALD_DATA_DIR/media, below) and an S3-compatible
 * bucket (s3-store.ts). The cleanup (media-cleanup.ts) needs only `list` and `delete`.
 */
export interface MediaStore {
  put(name: string, bytes: Buffer): Promise<void>;
  get(name: string): Promise<Buffer | undefined>;
  /** What the store holds that Herald wrote (stored files and write leftovers), with when each was written. */
  list(): AsyncIterable<StoredEntry>;
  /**
   * Removes one entry unless it was written after `writtenBy` (re-stored since it was
   * listed: a fresh file is never lost to a stale listing). Names that are neither
   * STORED_NAME nor PART_NAME are refused. True when this call removed it.
   */
  delete(name: string, writtenBy: Date): Promise<boolean>;
}

export interface StoredEntry {
  name: string;
  lastModified: Date;
}

/** Names Herald writes: 32 hex characters and the extension; anything else is never read. */
export const STORED_NAME = /^[0-9a-f]{32}\.jpg$/;

/** A local write that never reached its rename (the process died mid-put): `<name>.<pid>.<ms>.part`. */
export const PART_NAME = /^[0-9a-f]{32}\.jpg\.\d+\.\d+\.part$/;

export function storedName(secret: Buffer, source: Buffer): string {
  const digest = createHash('sha256').update(source).digest();
  // "jpeg-v1": a change of the conversion recipe must not serve files made by the old one.
  const mac = createHmac('sha256', secret).update('herald-media:jpeg-v1:').update(digest).digest('hex');
  return `${mac.slice(0, 32)}.jpg`;
}

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

export function localMediaStore(dir: string): MediaStore {
  return {
    async put(name, bytes) {
      if (!STORED_NAME.test(name)) throw new Error(`media store: refusing the name ${name}`);
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, name);
      // Write then rename: a network fetching meanwhile never reads half a file. The
      // rename keeps the mtime of the write just made, so a re-stored file is young again.
      const partial = `${file}.${process.pid}.${Date.now()}.part`;
      await writeFile(partial, bytes);
      await rename(partial, file);
    },
    async get(name) {
      if (!STORED_NAME.test(name)) return undefined;
      try {
        return await readFile(path.join(dir, name));
      } catch (err) {
        if (isMissing(err)) return undefined;
        throw err;
      }
    },
    async *list() {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (err) {
        if (isMissing(err)) return;
        throw err;
      }
      for (const name of names) {
        if (!STORED_NAME.test(name) && !PART_NAME.test(name)) continue;
        try {
          yield { name, lastModified: (await stat(path.join(dir, name))).mtime };
        } catch (err) {
          // Renamed or removed since readdir: nothing to report.
          if (!isMissing(err)) throw err;
        }
      }
    },
    async delete(name, writtenBy) {
      if (!STORED_NAME.test(name) && !PART_NAME.test(name))
        throw new Error(`media store: refusing to delete ${name}`);
      const file = path.join(dir, name);
      try {
        // Checked again just before the unlink: a put since the listing made it young.
        if ((await stat(file)).mtime > writtenBy) return false;
        await unlink(file);
        return true;
      } catch (err) {
        if (isMissing(err)) return false;
        throw err;
      }
    },
  };
}
