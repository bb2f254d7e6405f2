/**
 * What a network sees of an MP4 or QuickTime video before decoding a frame, read from
 * its `moov` box (ISO/IEC 14496-12): the displayed size of the video track and the
 * duration. Pure: it reads bytes it is given; finding `moov` in a remote file is
 * video-probe.ts's job.
 */

export interface BoxHeader {
  type: string;
  /** Absolute offset of the box's first byte. */
  offset: number;
  /** Bytes of the header (8, or 16 with a 64-bit size). */
  headerSize: number;
  /** Whole box, header included; null for a last box that runs to the end of the file. */
  size: number | null;
}

export interface VideoTrackInfo {
  /** As displayed: the track's presentation size, swapped when its matrix turns it a quarter. */
  width: number;
  height: number;
  /** Seconds, from the movie header; null when the file does not say. */
  durationSeconds: number | null;
}

/** The box header at `at` in `bytes` (whose first byte is at absolute `base`), if all of it is there. */
export function readBoxHeader(bytes: Buffer, at: number, base = 0): BoxHeader | undefined {
  if (at < 0 || at + 8 > bytes.length) return undefined;
  const size32 = bytes.readUInt32BE(at);
  const type = bytes.toString('latin1', at + 4, at + 8);
  if (size32 === 1) {
    if (at + 16 > bytes.length) return undefined;
    const size = Number(bytes.readBigUInt64BE(at + 8));
    return { type, offset: base + at, headerSize: 16, size };
  }
  return { type, offset: base + at, headerSize: 8, size: size32 === 0 ? null : size32 };
}

/** The direct children of a box whose payload is `bytes[start, end)`. */
function children(bytes: Buffer, start: number, end: number): { type: string; start: number; end: number }[] {
  const found: { type: string; start: number; end: number }[] = [];
  let at = start;
  while (at + 8 <= end) {
    const header = readBoxHeader(bytes, at);
    if (!header) break;
    const boxEnd = header.size === null ? end : at + header.size;
    // A size smaller than its own header, or past the parent: the tree is broken here.
    if (boxEnd < at + header.headerSize || boxEnd > end) break;
    found.push({ type: header.type, start: at + header.headerSize, end: boxEnd });
    at = boxEnd;
  }
  return found;
}

const child = (bytes: Buffer, start: number, end: number, type: string) =>
  children(bytes, start, end).find((c) => c.type === type);

/** Seconds from `mvhd` (version 0: 32-bit times; version 1: 64-bit). */
function movieDuration(bytes: Buffer, box: { start: number; end: number }): number | null {
  const version = bytes[box.start];
  const timescaleAt = box.start + 4 + (version === 1 ? 16 : 8);
  const durationAt = timescaleAt + 4;
  if (durationAt + (version === 1 ? 8 : 4) > box.end) return null;
  const timescale = bytes.readUInt32BE(timescaleAt);
  const duration = version === 1 ? Number(bytes.readBigUInt64BE(durationAt)) : bytes.readUInt32BE(durationAt);
  // All ones means "unknown" in both versions.
  if (timescale === 0 || duration === 0xffffffff || duration === Number.MAX_SAFE_INTEGER) return null;
  return duration / timescale;
}

/** Width and height of a `tkhd`, turned by its matrix (a phone's portrait video is stored landscape, rotated 90°). */
function trackSize(
  bytes: Buffer,
  box: { start: number; end: number },
): { width: number; height: number } | null {
  const version = bytes[box.start];
  // version/flags 4, times and ids (v0: 20, v1: 32), reserved 8, layer/group/volume/reserved 8.
  const matrixAt = box.start + 4 + (version === 1 ? 32 : 20) + 16;
  const sizeAt = matrixAt + 36;
  if (sizeAt + 8 > box.end) return null;
  const width = bytes.readUInt32BE(sizeAt) / 65536;
  const height = bytes.readUInt32BE(sizeAt + 4) / 65536;
  if (width <= 0 || height <= 0) return null;
  // Matrix [a b u; c d v; x y w], a/b/c/d in 16.16: a quarter turn has |b| > |a|.
  const a = Math.abs(bytes.readInt32BE(matrixAt));
  const b = Math.abs(bytes.readInt32BE(matrixAt + 4));
  const quarterTurn = b > a;
  return quarterTurn ? { width: height, height: width } : { width, height };
}

/** The handler of a `trak` (`vide`, `soun`, ...), from `mdia/hdlr`. */
function handlerOf(bytes: Buffer, trak: { start: number; end: number }): string | undefined {
  const mdia = child(bytes, trak.start, trak.end, 'mdia');
  const hdlr = mdia && child(bytes, mdia.start, mdia.end, 'hdlr');
  // version/flags 4, pre_defined 4, then the handler type.
  if (!hdlr || hdlr.start + 12 > hdlr.end) return undefined;
  return bytes.toString('latin1', hdlr.start + 8, hdlr.start + 12);
}

/**
 * Reads a whole `moov` box (header included). Undefined when it holds no video track
 * with a size (an audio-only file, or a box cut short).
 */
export function videoInfoFromMoov(moov: Buffer): VideoTrackInfo | undefined {
  const header = readBoxHeader(moov, 0);
  if (header?.type !== 'moov') return undefined;
  const end = Math.min(header.size ?? moov.length, moov.length);
  const start = header.headerSize;
  const mvhd = child(moov, start, end, 'mvhd');
  const durationSeconds = mvhd ? movieDuration(moov, mvhd) : null;
  for (const trak of children(moov, start, end).filter((c) => c.type === 'trak')) {
    if (handlerOf(moov, trak) !== 'vide') continue;
    const tkhd = child(moov, trak.start, trak.end, 'tkhd');
    const size = tkhd && trackSize(moov, tkhd);
    if (size) return { ...size, durationSeconds };
  }
  return undefined;
}
