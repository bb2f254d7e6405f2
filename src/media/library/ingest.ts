import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HeraldError } from '../../errors/herald-error.ts';
import { type MediaType, sniffMediaType } from '../sniff.ts';

/**
 * An incoming file written to a temporary file as it arrives: never whole in memory,
 * whatever its size. The first bytes are kept to read its type; the size is counted
 * and the stream cut past `maxBytes` (691). The caller stores the file and removes it.
 */

export interface Ingested {
  file: string;
  size: number;
  type: MediaType;
  sha256: string;
  remove(): Promise<void>;
}

/** Enough for every magic number sniff.ts reads (an ftyp box with its brands). */
const SNIFF_BYTES = 4096;

export class TooLarge extends Error {
  constructor(readonly limit: number) {
    super(`larger than ${limit} bytes`);
  }
}

export async function ingest(
  source: Readable,
  tmpDir: string,
  maxBytes: number,
  options: { truncatedFlag?: () => boolean } = {},
): Promise<Ingested> {
  await mkdir(tmpDir, { recursive: true });
  const file = path.join(tmpDir, `upload-${randomBytes(12).toString('hex')}.part`);
  const remove = () => rm(file, { force: true });
  let size = 0;
  let head = Buffer.alloc(0);
  const hash = createHash('sha256');
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) return callback(new TooLarge(maxBytes));
      if (head.length < SNIFF_BYTES)
        head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(source, counter, createWriteStream(file));
  } catch (err) {
    await remove();
    // Ours, or @fastify/multipart's own cut at its fileSize limit.
    if (err instanceof TooLarge || (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new HeraldError({ code: 691, params: { limit: maxBytes } });
    throw err;
  }
  // @fastify/multipart marks a file cut at its fileSize limit instead of failing the stream.
  if (options.truncatedFlag?.()) {
    await remove();
    throw new HeraldError({ code: 691, params: { limit: maxBytes } });
  }
  const type = sniffMediaType(head);
  if (!type || size === 0) {
    await remove();
    throw new HeraldError({ code: 690, details: `${size} bytes, not a known image or video format` });
  }
  return { file, size, type, sha256: hash.digest('hex'), remove };
}
