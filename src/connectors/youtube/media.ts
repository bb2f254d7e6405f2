/**
 * Reading the video and the thumbnail from their URLs. The video is streamed
 * chunk by chunk (never held whole); a resumed upload asks the source for the
 * rest with a Range request, or skips what YouTube already holds.
 */

export interface Source {
  /** Bytes of the whole file, when the source says. */
  size: number | undefined;
  type: string;
  chunks: ChunkReader;
}

export type Opened = { ok: true; source: Source } | { ok: false; details: string };

function mimeOf(headers: Headers): string {
  return (headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Total size from `Content-Range: bytes a-b/total` of a 206, or Content-Length of a 200. */
function sizeOf(response: Response, offset: number): number | undefined {
  const range = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '');
  if (response.status === 206 && range) return Number(range[1]);
  const length = response.headers.get('content-length');
  if (length === null || !/^\d+$/.test(length)) return undefined;
  return response.status === 206 ? offset + Number(length) : Number(length);
}

/** Hands out the stream in chunks of `size` bytes and knows which one is the last. */
export class ChunkReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private buffered: Uint8Array[] = [];
  private length = 0;
  private ended = false;

  constructor(stream: ReadableStream<Uint8Array>) {
    this.reader = stream.getReader();
  }

  /** Drops the first `count` bytes (a source that ignored our Range header). */
  async skip(count: number): Promise<boolean> {
    let left = count;
    while (left > 0) {
      const next = await this.take(Math.min(left, 1 << 20));
      if ('error' in next || next.bytes.byteLength === 0) return false;
      left -= next.bytes.byteLength;
    }
    return true;
  }

  /**
   * The next `size` bytes (fewer at the end); `last` once nothing follows them. A
   * source that fails mid-way gives `error`; `tooLarge` when it passed the media
   * fetcher's size cap (HERALD_MEDIA_MAX_BYTES), which reading on must not get around.
   */
  async take(
    size: number,
  ): Promise<{ bytes: Uint8Array<ArrayBuffer>; last: boolean } | { error: string; tooLarge: boolean }> {
    // Read one byte past the chunk so the last chunk is known before it is sent.
    while (this.length <= size && !this.ended) {
      try {
        const { done, value } = await this.reader.read();
        if (done) this.ended = true;
        else {
          this.buffered.push(value);
          this.length += value.byteLength;
        }
      } catch (error) {
        await this.cancel();
        const tooLarge = (error as { failure?: unknown } | null)?.failure === 'too-large';
        return { error: error instanceof Error ? error.message : String(error), tooLarge };
      }
    }
    const all = Buffer.concat(this.buffered);
    const bytes = new Uint8Array(all.subarray(0, size));
    const rest = all.subarray(size);
    this.buffered = rest.byteLength > 0 ? [rest] : [];
    this.length = rest.byteLength;
    return { bytes, last: this.ended && this.length === 0 };
  }

  async cancel(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }
}

/** Opens the video at `offset`; a source without Range support is read from the start and skipped. */
export async function openVideo(
  fetchFn: typeof fetch,
  url: string,
  offset: number,
  signal?: AbortSignal,
): Promise<Opened> {
  let response: Response;
  try {
    const headers: Record<string, string> = offset > 0 ? { range: `bytes=${offset}-` } : {};
    response = await fetchFn(url, { headers, signal });
  } catch (error) {
    return { ok: false, details: `${url}: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    return { ok: false, details: `${url}: HTTP ${response.status}` };
  }
  const chunks = new ChunkReader(response.body);
  if (offset > 0 && response.status !== 206 && !(await chunks.skip(offset))) {
    return { ok: false, details: `${url}: the file is shorter than the ${offset} bytes already uploaded` };
  }
  const type = mimeOf(response.headers);
  return {
    ok: true,
    source: { size: sizeOf(response, offset), type: type.startsWith('video/') ? type : 'video/*', chunks },
  };
}

export const THUMBNAIL_MAX_BYTES = 2 * 1024 * 1024;
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/jpg']);

export type Thumbnail =
  | { ok: true; bytes: Uint8Array<ArrayBuffer>; type: 'image/png' | 'image/jpeg' }
  | { ok: false; reason: string; details: string };

function refused(reason: string, details: string): Thumbnail {
  return { ok: false, reason, details };
}

/** PNG and JPEG by their first bytes: what YouTube reads, whatever the headers claimed. */
function typeOfBytes(bytes: Uint8Array): 'image/png' | 'image/jpeg' | undefined {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return undefined;
}

/**
 * The seed's checks before anything is sent: reachable, PNG or JPG, 2 MB or less.
 * The file is read at most to 2 MB + 1 byte, so an oversized one is never downloaded whole.
 */
export async function fetchThumbnail(
  fetchFn: typeof fetch,
  url: string,
  signal?: AbortSignal,
): Promise<Thumbnail> {
  let response: Response;
  try {
    response = await fetchFn(url, { signal });
  } catch (error) {
    return refused(
      'the URL could not be reached',
      `${url}: ${error instanceof Error ? error.message : error}`,
    );
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    return refused(`the URL answered HTTP ${response.status}`, url);
  }
  const type = mimeOf(response.headers);
  if (type !== '' && type !== 'application/octet-stream' && !IMAGE_TYPES.has(type)) {
    await response.body.cancel();
    return refused(`the file is not a PNG or JPG (${type})`, url);
  }
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > THUMBNAIL_MAX_BYTES) {
    await response.body.cancel();
    return refused('the file is larger than 2 MB', `${url}: ${declared} bytes`);
  }
  const chunks = new ChunkReader(response.body);
  const read = await chunks.take(THUMBNAIL_MAX_BYTES);
  if ('error' in read) return refused('the download failed', `${url}: ${read.error}`);
  const { bytes, last } = read;
  if (!last) {
    await chunks.cancel();
    return refused('the file is larger than 2 MB', url);
  }
  const actual = typeOfBytes(bytes);
  if (!actual) return refused('the file is not a PNG or JPG', `${url}: ${type || 'no content-type'}`);
  return { ok: true, bytes, type: actual };
}
