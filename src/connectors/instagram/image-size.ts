import { dimensionsOf } from '../../media/probe.ts';

/**
 * Herald's own knowledge of an image's size, for naming the ratio Instagram refused
 * (code 138, aspectRatio) when Meta refuses an image the media step let through. The
 * header is read from the first bytes through the core's safe media fetcher.
 */

export interface ImageSize {
  width: number;
  height: number;
}

/** Enough for the header of nearly every JPEG, EXIF block included (the media step reads as much). */
const HEAD_BYTES = 524_288;

async function head(response: Response): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  while (size < HEAD_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel();
  return Buffer.concat(chunks);
}

/**
 * The displayed size of the image at `url`, from at most its first 512 KiB; undefined when
 * it cannot be had (refused by the fetcher, unreachable, undecodable). Never throws.
 */
export async function measureImage(
  url: string,
  fetchMedia: typeof fetch,
  signal?: AbortSignal,
): Promise<ImageSize | undefined> {
  try {
    const response = await fetchMedia(url, { headers: { range: `bytes=0-${HEAD_BYTES - 1}` }, signal });
    if (!response.ok) {
      await response.body?.cancel();
      return undefined;
    }
    return await dimensionsOf(await head(response));
  } catch {
    // Unreachable, refused or aborted: the ratio stays unknown and the generic 138 answers.
    return undefined;
  }
}
