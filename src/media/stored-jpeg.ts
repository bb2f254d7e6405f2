import type { ErrorSpec } from '../errors/build.ts';
import { ConversionError, convertToJpeg } from './convert.ts';
import { downloadFailed, MediaFetchError } from './fetch-error.ts';
import { IMAGE_DOWNLOAD_MAX_BYTES } from './media-rules.ts';
import type { MediaService } from './media-service.ts';
import { storedName } from './media-store.ts';
import { fetchMedia } from './safe-fetch.ts';
import { sniffMediaType } from './sniff.ts';

/** A media step that failed, with the catalog error it means for the target. */
export class MediaStepFailure extends Error {
  /**
   * @param mayChange the cause may be gone by a later post time (the origin was down,
   *   answered 404 or 5xx, the store failed): a scheduled post is not refused for it ahead.
   */
  constructor(
    readonly error: ErrorSpec,
    readonly mayChange = error.code === 451 || error.code === 452,
  ) {
    super(error.details ?? `media step failed with ${error.code}`);
    this.name = 'MediaStepFailure';
  }
}

/** Origin answers that may be different later: not there yet, overloaded, down. */
export const statusMayChange = (status: number | null): boolean =>
  status === null || status === 404 || status === 408 || status === 429 || status >= 500;

export interface StoredJpeg {
  /** Where the networks fetch it: `<HERALD_PUBLIC_URL>/media/<name>`. */
  url: string;
  width: number;
  height: number;
  bytes: number;
}

/**
 * Downloads the source, converts it to JPEG and stores it (seed 002's three failures:
 * 451 download, 450 conversion or over the size cap, 452 store). Cached per source URL
 * so the networks of one post share one conversion.
 */
export function storeAsJpeg(service: MediaService, url: string, signal?: AbortSignal): Promise<StoredJpeg> {
  return service.convertCache.load(url, () => convertAndStore(service, url, signal));
}

async function download(service: MediaService, url: string, signal?: AbortSignal): Promise<Buffer> {
  try {
    const maxBytes = Math.min(service.policy.maxBytes, IMAGE_DOWNLOAD_MAX_BYTES);
    const res = await fetchMedia(service.policy, url, { maxBytes, ...(signal ? { signal } : {}) });
    if (res.status !== 200) throw new MediaStepFailure(downloadFailed(`HTTP ${res.status} from origin`));
    return res.body;
  } catch (err) {
    if (err instanceof MediaStepFailure) throw err;
    if (err instanceof MediaFetchError && err.failure === 'too-large')
      throw new MediaStepFailure({ code: 450, details: err.message });
    throw new MediaStepFailure(downloadFailed(err instanceof MediaFetchError ? err.message : String(err)));
  }
}

async function convertAndStore(
  service: MediaService,
  url: string,
  signal?: AbortSignal,
): Promise<StoredJpeg> {
  if (!service.secret)
    throw new MediaStepFailure({ code: 452, details: 'this process has no media store key' });
  const source = await download(service, url, signal);
  const type = sniffMediaType(source);
  if (!type?.startsWith('image/'))
    throw new MediaStepFailure({ code: 450, details: 'the downloaded file is not an image' });
  let jpeg: Awaited<ReturnType<typeof convertToJpeg>>;
  try {
    jpeg = await convertToJpeg(source, type);
  } catch (err) {
    const reason = err instanceof ConversionError ? err.message : String(err);
    throw new MediaStepFailure({ code: 450, details: reason });
  }
  const name = storedName(service.secret, source);
  try {
    await service.store.put(name, jpeg.bytes);
  } catch (err) {
    throw new MediaStepFailure({
      code: 452,
      details: `the media store refused the file: ${(err as Error).message}`,
    });
  }
  return {
    url: `${service.publicUrl}/media/${name}`,
    width: jpeg.width,
    height: jpeg.height,
    bytes: jpeg.bytes.length,
  };
}
