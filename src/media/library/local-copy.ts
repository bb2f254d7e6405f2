import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { downloadFailed, MediaFetchError } from '../fetch-error.ts';
import { type MediaService, ownMediaName } from '../media-service.ts';
import { type MediaType, sniffMediaType } from '../sniff.ts';
import { MediaStepFailure } from '../stored-jpeg.ts';
import { ingest } from './ingest.ts';

/**
 * A media URL as a file on this machine, for ffprobe and ffmpeg (which must never fetch
 * anything themselves): a file Herald stores on local disk is read in place; one in the
 * bucket, or a user's URL, is streamed to a temporary file (the safe fetcher's SSRF and
 * size rules apply). `identity` names the source for the fixed file's name: the stored
 * name (immutable), else the SHA-256 of the bytes.
 */

export interface LocalCopy {
  file: string;
  size: number;
  type: MediaType | undefined;
  identity: string;
  /** The stored name when the URL is Herald's own. */
  ownName?: string;
  release(): Promise<void>;
}

async function sniffFile(file: string): Promise<{ size: number; type: MediaType | undefined }> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return { size: (await handle.stat()).size, type: sniffMediaType(head.subarray(0, bytesRead)) };
  } finally {
    await handle.close();
  }
}

export async function localCopy(
  service: MediaService,
  url: string,
  signal?: AbortSignal,
): Promise<LocalCopy> {
  const own = ownMediaName(service.publicUrl, url);
  const inPlace = own ? service.store.localPath?.(own) : undefined;
  if (own && inPlace) {
    const info = await sniffFile(inPlace).catch(() => undefined);
    if (!info) throw new MediaStepFailure(downloadFailed(`${url}: not in Herald's media store`));
    return { file: inPlace, ...info, identity: own, ownName: own, release: async () => {} };
  }
  let body: Readable;
  if (own) {
    const stream = await service.store.read(own);
    if (!stream) throw new MediaStepFailure(downloadFailed(`${url}: not in Herald's media store`));
    body = stream;
  } else {
    let response: Response;
    try {
      response = await service.fetchMedia(url, signal ? { signal } : {});
    } catch (err) {
      if (err instanceof MediaFetchError && err.failure === 'refused')
        throw new MediaStepFailure(downloadFailed(err.message));
      throw new MediaStepFailure(downloadFailed(`${url}: ${(err as Error).message}`), true);
    }
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel();
      throw new MediaStepFailure(downloadFailed(`${url}: HTTP ${response.status} from origin`), true);
    }
    body = Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>);
  }
  try {
    const copy = await ingest(body, service.tmpDir, service.policy.maxBytes);
    return {
      file: copy.file,
      size: copy.size,
      type: copy.type,
      identity: own ?? copy.sha256,
      ...(own ? { ownName: own } : {}),
      release: copy.remove,
    };
  } catch (err) {
    if (err instanceof MediaFetchError)
      throw new MediaStepFailure(downloadFailed(`${url}: ${err.message}`), true);
    throw err;
  }
}
