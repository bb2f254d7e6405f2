import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { PART_NAME, STORED_NAME } from './media-names.ts';

export { PART_NAME, STORED_NAME, storedName } from './media-names.ts';

/**
 * Where converted, fixed and uploaded media live. Herald serves them at GET
 * /media/:file (no auth), so a name must be unguessable (media-names.ts).
 *
 * Two implementations: local disk (HERALD_DATA_DIR/media, below) and an S3-compatible
 * bucket (s3-store.ts). The cleanup (media-cleanup.ts) needs only `list` and `delete`.
 */
export interface MediaStore {
  readonly kind: 'local' | 's3';
  put(name: string, bytes: Buffer): Promise<void>;
  /**
   * Stores a local file (streamed, never read whole). `move`: the caller gives the file
   * up (a temporary file), so the local store may rename it instead of copying.
   */
  putFile(name: string, file: string, contentType: string, options?: { move?: boolean }): Promise<void>;
  get(name: string): Promise<Buffer | undefined>;
  /** Size and write time, undefined when absent. */
  stat(name: string): Promise<(StoredEntry & { size: number }) | undefined>;
  /** Bytes [start, end] (inclusive; whole file without a range), streamed. */
  read(name: string, range?: { start: number; end: number }): Promise<Readable | undefined>;
  /** The file on local disk (local store only), for ffprobe and ffmpeg to read in place. */
  localPath?(name: string): string | undefined;
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

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

export function localMediaStore(dir: string): MediaStore {
  const partialOf = (file: string) => `${file}.${process.pid}.${Date.now()}.part`;
  const refuseName = (name: string) => {
    if (!STORED_NAME.test(name)) throw new Error(`media store: refusing the name ${name}`);
  };
  return {
    kind: 'local',
    async put(name, bytes) {
      refuseName(name);
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, name);
      // Write then rename: a network fetching meanwhile never reads half a file. The
      // rename keeps the mtime of the write just made, so a re-stored file is young again.
      const partial = partialOf(file);
      await writeFile(partial, bytes);
      await rename(partial, file);
    },
    async putFile(name, source, _contentType, options) {
      refuseName(name);
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, name);
      if (options?.move) {
        try {
          await rename(source, file);
          return;
        } catch (err) {
          // Another file system (EXDEV): copied below instead.
          if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
        }
      }
      const partial = partialOf(file);
      await copyFile(source, partial);
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
    async stat(name) {
      if (!STORED_NAME.test(name)) return undefined;
      try {
        const info = await stat(path.join(dir, name));
        return { name, lastModified: info.mtime, size: info.size };
      } catch (err) {
        if (isMissing(err)) return undefined;
        throw err;
      }
    },
    async read(name, range) {
      if (!STORED_NAME.test(name)) return undefined;
      const stream = createReadStream(path.join(dir, name), range ?? {});
      // Opening is asynchronous: a missing file shows as the stream's first error.
      return await new Promise<Readable | undefined>((resolve, reject) => {
        stream.once('open', () => resolve(stream));
        stream.once('error', (err) => (isMissing(err) ? resolve(undefined) : reject(err)));
      });
    },
    localPath(name) {
      return STORED_NAME.test(name) ? path.join(dir, name) : undefined;
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
