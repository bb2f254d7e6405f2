import { Worker } from 'node:worker_threads';
import sharp, { type Metadata, type Sharp } from 'sharp';
import type { MediaType } from './sniff.ts';

/**
 * Re-encodes an image as a clean JPEG (seed 002, "Image Format Conversion"): EXIF
 * orientation applied to the pixels, transparency laid over white, metadata (EXIF,
 * GPS, XMP) dropped, sRGB. sharp decodes WebP and AVIF; its prebuilt libvips has no
 * HEVC decoder, so HEIC is decoded by libheif (heic-decode, WebAssembly) in a worker
 * thread and only encoded by sharp.
 */

export const JPEG_QUALITY = 88;
/** Past this many pixels the image is refused before decoding (a 100 MP RGBA frame is 400 MB). */
export const MAX_PIXELS = 100_000_000;

export class ConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConversionError';
  }
}

export interface Jpeg {
  bytes: Buffer;
  width: number;
  height: number;
}

interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/**
 * One HEIC decode at a time per process: a 12 MP decode holds about 500 MiB, and a
 * carousel of HEIC photos would otherwise hold that many times over.
 */
let heicQueue: Promise<unknown> = Promise.resolve();

function decodeHeicInTurn(bytes: Buffer): Promise<Pixels> {
  const turn = heicQueue.then(() => decodeHeic(bytes));
  heicQueue = turn.catch(() => undefined);
  return turn;
}

function decodeHeic(bytes: Buffer): Promise<Pixels> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./heic-worker.mjs', import.meta.url), { workerData: bytes });
    worker.once('message', (message: Pixels | { error: string }) => {
      void worker.terminate();
      if ('error' in message) reject(new ConversionError(`HEIC decoding failed: ${message.error}`));
      else resolve(message);
    });
    worker.once('error', (err) => reject(new ConversionError(`HEIC decoding failed: ${err.message}`)));
  });
}

async function checkPixels(bytes: Buffer): Promise<void> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch (err) {
    throw new ConversionError(`unreadable image: ${(err as Error).message}`);
  }
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels > MAX_PIXELS)
    throw new ConversionError(`the image has ${pixels} pixels, more than the ${MAX_PIXELS} Herald converts`);
}

function encode(image: Sharp): Promise<Jpeg> {
  return image
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: JPEG_QUALITY })
    .toBuffer({ resolveWithObject: true })
    .then(({ data, info }) => ({ bytes: data, width: info.width, height: info.height }));
}

export async function convertToJpeg(bytes: Buffer, type: MediaType): Promise<Jpeg> {
  await checkPixels(bytes);
  try {
    if (type === 'image/heic' || type === 'image/heif') {
      // HEIF holding AV1 (or JPEG) decodes in sharp; HEVC needs libheif's own decoder.
      const viaSharp = await encode(sharp(bytes, { failOn: 'error' }).autoOrient()).catch(() => undefined);
      if (viaSharp) return viaSharp;
      const { width, height, data } = await decodeHeicInTurn(bytes);
      return await encode(
        sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), {
          raw: { width, height, channels: 4 },
        }),
      );
    }
    return await encode(sharp(bytes, { failOn: 'error' }).autoOrient());
  } catch (err) {
    if (err instanceof ConversionError) throw err;
    throw new ConversionError(`the image could not be decoded: ${(err as Error).message}`);
  }
}
