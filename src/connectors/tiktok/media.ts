/**
 * The video for a FILE_UPLOAD: TikTok wants its size at init and fixed-size chunks
 * (5–64 MB; the last one takes the remainder, up to 128 MB; a file under the chunk
 * size goes whole). The source is streamed, never held whole, when it announces its size.
 */

export const MB = 1024 * 1024;
export const DEFAULT_CHUNK_BYTES = 10 * MB;
/** A source without Content-Length is read into memory, up to one whole-file chunk. */
const MAX_UNSIZED_BYTES = 128 * MB;

export interface ChunkPlan {
  size: number;
  chunkSize: number;
  count: number;
}

export function planChunks(size: number, chunkBytes: number): ChunkPlan {
  if (size <= chunkBytes) return { size, chunkSize: size, count: 1 };
  return { size, chunkSize: chunkBytes, count: Math.floor(size / chunkBytes) };
}

/** Byte ranges of each chunk: the last one runs to the end of the file. */
export function chunkRanges(plan: ChunkPlan): { start: number; length: number }[] {
  return Array.from({ length: plan.count }, (_, index) => {
    const start = index * plan.chunkSize;
    const length = index === plan.count - 1 ? plan.size - start : plan.chunkSize;
    return { start, length };
  });
}

export interface VideoSource {
  size: number;
  type: string;
  read(length: number): Promise<Uint8Array<ArrayBuffer>>;
  close(): Promise<void>;
}

function mimeOf(headers: Headers): string {
  const type = (headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return ['video/mp4', 'video/quicktime', 'video/webm'].includes(type) ? type : 'video/mp4';
}

/** Reads exactly `length` bytes at a time from a stream. */
function exactReader(stream: ReadableStream<Uint8Array>) {
  const reader = stream.getReader();
  let parts: Uint8Array[] = [];
  let held = 0;
  return {
    async read(length: number): Promise<Uint8Array<ArrayBuffer>> {
      while (held < length) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        held += value.byteLength;
      }
      const all = Buffer.concat(parts);
      const out = new Uint8Array(all.subarray(0, length));
      const rest = all.subarray(length);
      parts = rest.byteLength > 0 ? [rest] : [];
      held = rest.byteLength;
      return out;
    },
    close: () => reader.cancel().catch(() => undefined),
  };
}

export type Opened = { ok: true; source: VideoSource } | { ok: false; details: string };

/** Total size from `Content-Range: bytes a-b/total` of a 206, or Content-Length of a 200. */
function sizeOf(response: Response): number | undefined {
  const range = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '');
  if (response.status === 206 && range) return Number(range[1]);
  const length = response.headers.get('content-length');
  return length !== null && /^\d+$/.test(length) ? Number(length) : undefined;
}

/**
 * Opens the video at `offset` (after a cut source, to read on): a Range request, or
 * the bytes before it skipped when the source ignores Range.
 */
export async function openVideo(
  fetchFn: typeof fetch,
  url: string,
  signal?: AbortSignal,
  offset = 0,
): Promise<Opened> {
  let response: Response;
  try {
    response = await fetchFn(url, {
      signal,
      ...(offset > 0 ? { headers: { range: `bytes=${offset}-` } } : {}),
    });
  } catch (error) {
    return { ok: false, details: `${url}: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    return { ok: false, details: `${url}: HTTP ${response.status}` };
  }
  const type = mimeOf(response.headers);
  const declared = sizeOf(response);
  const stream = exactReader(response.body);
  if (offset > 0 && response.status !== 206) {
    for (let left = offset; left > 0; left -= MB) {
      const skipped = await stream.read(Math.min(left, MB)).catch(() => new Uint8Array(0));
      if (skipped.byteLength === 0)
        return { ok: false, details: `${url}: could not read on from byte ${offset}` };
    }
  }
  if (declared !== undefined) return { ok: true, source: { size: declared, type, ...stream } };
  // No size announced: read it all (bounded) to learn the size TikTok needs before the first byte.
  const whole = await stream.read(MAX_UNSIZED_BYTES + 1).catch((error: unknown) => String(error));
  await stream.close();
  if (typeof whole === 'string') return { ok: false, details: `${url}: ${whole}` };
  if (whole.byteLength > MAX_UNSIZED_BYTES) {
    return { ok: false, details: `${url}: no Content-Length and larger than ${MAX_UNSIZED_BYTES} bytes` };
  }
  let position = 0;
  const read = async (length: number) => {
    const out = whole.slice(position, position + length);
    position += length;
    return out;
  };
  return { ok: true, source: { size: whole.byteLength, type, read, close: async () => undefined } };
}
