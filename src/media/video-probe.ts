import { readBoxHeader, type VideoTrackInfo, videoInfoFromMoov } from './mp4-boxes.ts';

/**
 * Finds the `moov` box of a remote MP4/QuickTime file with ranged reads and reads the
 * video's displayed size and duration from it. A phone writes `moov` after the media
 * data (`mdat`), often hundreds of megabytes in: the walk hops from box header to box
 * header instead of downloading what lies between, so a 300 MB reel costs three small
 * requests, not 300 MB.
 */

/** Reads bytes [start, end] of the file; undefined when the origin will not answer a range. */
export type RangeReader = (start: number, end: number) => Promise<Buffer | undefined>;

/** Top-level boxes walked before giving up (real files have 3–6). */
const MAX_TOP_LEVEL_BOXES = 32;
/** Ranged requests at most, after the first bytes Herald already has. */
const MAX_READS = 6;
/** Read at each hop, so the small boxes after `mdat` (`free`, `moov` of a short clip) come in one request. */
const HOP_WINDOW = 64 * 1024;
/** A `moov` past this is not read (a 15-minute reel's is a few MB). */
export const MOOV_MAX_BYTES = 32 * 1024 * 1024;

export type MoovResult =
  | { found: true; info: VideoTrackInfo | undefined; moovFirst: boolean }
  | { found: false; reason: string };

/**
 * `prefix` holds the file's first bytes (from offset 0); `total` is the file size when
 * known. Never throws for a malformed file: it says why nothing was found.
 */
export async function findMoov(prefix: Buffer, total: number | null, read: RangeReader): Promise<MoovResult> {
  let window = { base: 0, bytes: prefix };
  let reads = 0;
  let sawMediaData = false;
  const inWindow = (start: number, length: number) =>
    start >= window.base && start + length <= window.base + window.bytes.length;
  const load = async (start: number, length: number): Promise<boolean> => {
    if (inWindow(start, length)) return true;
    if (reads >= MAX_READS) return false;
    reads += 1;
    const bytes = await read(start, start + length - 1);
    if (!bytes) return false;
    window = { base: start, bytes };
    return inWindow(start, Math.min(length, bytes.length));
  };

  let offset = 0;
  for (let boxes = 0; boxes < MAX_TOP_LEVEL_BOXES; boxes += 1) {
    if (total !== null && offset >= total) return { found: false, reason: 'the file has no moov box' };
    const remaining = total === null ? HOP_WINDOW : Math.min(HOP_WINDOW, total - offset);
    let header = inWindow(offset, 8)
      ? readBoxHeader(window.bytes, offset - window.base, window.base)
      : undefined;
    if (!header) {
      if (!(await load(offset, remaining))) return { found: false, reason: unreadable(reads) };
      header = readBoxHeader(window.bytes, offset - window.base, window.base);
    }
    if (!header) return { found: false, reason: 'a box header is cut short' };
    const size = header.size ?? (total === null ? null : total - offset);
    if (header.type === 'moov') {
      if (size === null || size > MOOV_MAX_BYTES)
        return { found: false, reason: `the moov box is larger than ${MOOV_MAX_BYTES} bytes` };
      if (!(await load(offset, size))) return { found: false, reason: unreadable(reads) };
      const start = offset - window.base;
      const info = videoInfoFromMoov(window.bytes.subarray(start, start + size));
      return { found: true, info, moovFirst: !sawMediaData };
    }
    if (size === null) return { found: false, reason: 'the last box runs to the end of the file; no moov' };
    if (size < header.headerSize)
      return { found: false, reason: `a ${header.type} box has an impossible size` };
    if (header.type === 'mdat') sawMediaData = true;
    offset += size;
  }
  return { found: false, reason: `no moov box in the first ${MAX_TOP_LEVEL_BOXES} boxes` };
}

const unreadable = (reads: number) =>
  reads >= MAX_READS
    ? `no moov box within ${MAX_READS} ranged reads`
    : 'the origin did not answer a byte-range request for the rest of the file';
