import { readFileSync } from 'node:fs';
import sharp from 'sharp';

/**
 * Small images made at test time with sharp (the HEIC one is committed: sharp cannot
 * encode HEVC; it was made once with libheif's `heif-enc -q 50` from an 800×600 JPEG
 * whose left half is red and right half blue).
 */
export interface MediaFixtures {
  /** 1080×1350 (4:5): a valid Instagram feed image. */
  jpeg: Buffer;
  /** 1440×2158: too tall for an Instagram feed (seed 001's example ratio). */
  tallJpeg: Buffer;
  png: Buffer;
  /** 800×600 WebP, with an alpha channel that must land on white. */
  webp: Buffer;
  /** 640×480 AVIF. */
  avif: Buffer;
  /** 800×600 HEIC (HEVC), left half red, right half blue. */
  heic: Buffer;
  /** RIFF/WEBP magic, then garbage: sniffed as WebP, cannot be decoded. */
  corruptWebp: Buffer;
  /** Real encoder output (test/fixtures/media/README.md): 9:16, 4 s, moov first. */
  verticalMp4: Buffer;
  /** 16:9, 4 s, moov after mdat. */
  landscapeMp4: Buffer;
  /** QuickTime stored 640×360 with a 90° matrix: displayed 360×640. */
  rotatedMov: Buffer;
  /** 9:16, 1 s, with an audio track. */
  shortMp4: Buffer;
  /** The landscape video with a 3 MiB `free` box before its moov: moov far past the first 512 KiB. */
  farMoovMp4: Buffer;
  /** HEVC 320×240, 2 s, 25 fps, AAC audio, moov first. */
  hevcMp4: Buffer;
  /** The HEVC video with a 3 MiB `free` box before its moov (moov far past the first 512 KiB). */
  farMoovHevcMp4: Buffer;
}

export const HEIC_FIXTURE = new URL('../../fixtures/media/halves-800x600.heic', import.meta.url);
const media = (name: string) => readFileSync(new URL(`../../fixtures/media/${name}`, import.meta.url));

/** A `free` box of `size` bytes inserted just before the file's moov (after mdat): offsets into mdat stay right. */
function withFreeBeforeMoov(file: Buffer, size: number): Buffer {
  let at = 0;
  while (file.toString('latin1', at + 4, at + 8) !== 'moov') at += file.readUInt32BE(at);
  const free = Buffer.alloc(size);
  free.writeUInt32BE(size, 0);
  free.write('free', 4, 'latin1');
  return Buffer.concat([file.subarray(0, at), free, file.subarray(at)]);
}

/** A fast-start file rewritten with its moov last: chunk offsets move back by the moov's size. */
function moovLast(file: Buffer): Buffer {
  const boxes: { type: string; at: number; size: number }[] = [];
  for (let at = 0; at < file.length; at += file.readUInt32BE(at))
    boxes.push({ type: file.toString('latin1', at + 4, at + 8), at, size: file.readUInt32BE(at) });
  const moov = boxes.find((b) => b.type === 'moov');
  if (!moov) throw new Error('no moov');
  const copy = Buffer.from(file.subarray(moov.at, moov.at + moov.size));
  // Every stco entry (32-bit chunk offsets) shifts by the moov's size: it no longer precedes mdat.
  for (let i = copy.indexOf('stco'); i >= 0; i = copy.indexOf('stco', i + 4)) {
    const count = copy.readUInt32BE(i + 8);
    for (let e = 0; e < count; e += 1) {
      const at = i + 12 + e * 4;
      copy.writeUInt32BE(copy.readUInt32BE(at) - moov.size, at);
    }
  }
  const rest = Buffer.concat(boxes.filter((b) => b !== moov).map((b) => file.subarray(b.at, b.at + b.size)));
  return Buffer.concat([rest, copy]);
}

const solid = (width: number, height: number, channels: 3 | 4, background: Record<string, number>) =>
  sharp({ create: { width, height, channels, background } });

let cached: Promise<MediaFixtures> | undefined;

export function mediaFixtures(): Promise<MediaFixtures> {
  cached ??= (async () => {
    const [jpeg, tallJpeg, png, webp, avif] = await Promise.all([
      solid(1080, 1350, 3, { r: 30, g: 120, b: 200 }).jpeg().toBuffer(),
      solid(1440, 2158, 3, { r: 200, g: 120, b: 30 }).jpeg().toBuffer(),
      solid(64, 48, 3, { r: 10, g: 200, b: 10 }).png().toBuffer(),
      solid(800, 600, 4, { r: 0, g: 0, b: 255, alpha: 0.5 }).webp().toBuffer(),
      solid(640, 480, 3, { r: 250, g: 200, b: 0 }).avif({ effort: 0 }).toBuffer(),
    ]);
    const corruptWebp = Buffer.concat([
      Buffer.from('RIFF'),
      Buffer.from([0xff, 0x0f, 0, 0]),
      Buffer.from('WEBPVP8 '),
      Buffer.alloc(4000, 0x5a),
    ]);
    const landscapeMp4 = media('landscape-640x360-moov-last.mp4');
    const hevcMp4 = media('hevc-320x240-with-audio.mp4');
    return {
      jpeg,
      tallJpeg,
      png,
      webp,
      avif,
      heic: readFileSync(HEIC_FIXTURE),
      corruptWebp,
      verticalMp4: media('vertical-360x640.mp4'),
      landscapeMp4,
      rotatedMov: media('rotated-portrait.mov'),
      shortMp4: media('short-360x640-with-audio.mp4'),
      farMoovMp4: withFreeBeforeMoov(landscapeMp4, 3 * 1024 * 1024),
      hevcMp4,
      farMoovHevcMp4: withFreeBeforeMoov(moovLast(hevcMp4), 3 * 1024 * 1024),
    };
  })();
  return cached;
}
