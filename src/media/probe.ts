import sharp from 'sharp';
import type { ErrorSpec } from '../errors/build.ts';
import { PROBE_RANGE_END } from './crawler-check.ts';
import { causeOf, downloadFailed } from './fetch-error.ts';
import { isImageType, type MediaType, sniffMediaType } from './sniff.ts';

/**
 * What an image is, read from its bytes: type (magic numbers), displayed size (EXIF
 * orientation applied) and file size. Usually the first 512 KiB hold the header; when
 * they do not (a large EXIF block first), the whole file is read.
 */

export interface ImageProbe {
  url: string;
  type: MediaType;
  /** As displayed: width and height swapped for EXIF orientations 5–8. */
  width: number;
  height: number;
  /** File size when the server said it (Content-Range/Content-Length) or the whole file was read. */
  bytes: number | null;
}

export type ProbeResult = { ok: true; image: ImageProbe } | { ok: false; reason: string; error: ErrorSpec };

/** Displayed dimensions from a (possibly partial) image. */
export async function dimensionsOf(bytes: Buffer): Promise<{ width: number; height: number } | undefined> {
  try {
    const meta = await sharp(bytes).metadata();
    const { width, height } = meta.autoOrient ?? meta;
    return width && height ? { width, height } : undefined;
  } catch {
    return undefined;
  }
}

/** Total size from `Content-Range: bytes 0-524288/2000000`, or Content-Length of a whole answer. */
export function totalSizeOf(status: number, headers: Headers): number | null {
  const range = /\/(\d+)\s*$/.exec(headers.get('content-range') ?? '');
  if (status === 206 && range) return Number(range[1]);
  const length = headers.get('content-length');
  return status === 200 && length && /^\d+$/.test(length) ? Number(length) : null;
}

async function readPrefix(response: Response, limit: number): Promise<{ bytes: Buffer; complete: boolean }> {
  if (!response.body) return { bytes: Buffer.alloc(0), complete: true };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { bytes: Buffer.concat(chunks), complete: true };
    chunks.push(value);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return { bytes: Buffer.concat(chunks), complete: false };
    }
  }
}

const undecodable = (url: string, reason: string): ProbeResult => ({
  ok: false,
  reason,
  error: { code: 450, details: `${url}: ${reason}` },
});

/**
 * Probes an image through a fetch-shaped safe fetcher (a connector's `ctx.fetchMedia`).
 * Download failures answer 451, bytes that are no decodable image 450.
 */
export async function probeImage(
  url: string,
  fetchMedia: typeof fetch,
  options: { signal?: AbortSignal } = {},
): Promise<ProbeResult> {
  const get = async (range: boolean) => {
    const response = await fetchMedia(url, {
      headers: range ? { range: `bytes=0-${PROBE_RANGE_END}` } : {},
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (response.status !== 200 && response.status !== 206) {
      await response.body?.cancel();
      throw new Error(`HTTP ${response.status} from origin`);
    }
    const prefix = await readPrefix(response, range ? PROBE_RANGE_END : Number.POSITIVE_INFINITY);
    return { ...prefix, total: totalSizeOf(response.status, response.headers) };
  };
  try {
    let head = await get(true);
    const type = sniffMediaType(head.bytes);
    if (!type || !isImageType(type)) return undecodable(url, 'not an image (unrecognised bytes)');
    let size = await dimensionsOf(head.bytes);
    if (!size && !head.complete) {
      head = await get(false);
      size = await dimensionsOf(head.bytes);
    }
    if (!size) return undecodable(url, `the ${type} image could not be decoded`);
    const bytes = head.complete ? head.bytes.length : head.total;
    return { ok: true, image: { url, type, ...size, bytes } };
  } catch (err) {
    const reason = (err as Error).message.startsWith('HTTP ') ? (err as Error).message : causeOf(err);
    return { ok: false, reason, error: downloadFailed(reason) };
  }
}
