import { createHmac, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { AppContext } from '../../app/context.ts';
import { findMediaByFile, insertMedia, type MediaRecord } from '../../db/media.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import type { Platform } from '../../platforms.ts';
import { ConversionError, convertToJpeg, JPEG_QUALITY } from '../convert.ts';
import { IMAGE_DOWNLOAD_MAX_BYTES } from '../media-rules.ts';
import { mediaService } from '../media-service.ts';
import { isImageType } from '../sniff.ts';
import { MediaStepFailure } from '../stored-jpeg.ts';
import { keepUntil } from './library.ts';
import { localCopy } from './local-copy.ts';

/**
 * POST /api/media/resize (Ayrshare): an image resized for a network (Herald's preset
 * sizes, below) or to given dimensions; `mode: "blur"` fits the whole image and fills
 * the rest with a blurred copy of it, otherwise the image is cropped to fill (centre).
 * The result is a JPEG in the profile's library, served like any upload.
 */

/** Each network's recommended landscape-or-portrait post size (its help pages' recommendations). */
export const RESIZE_PRESETS: Readonly<Record<Platform, { width: number; height: number }>> = {
  bluesky: { width: 1200, height: 675 },
  facebook: { width: 1200, height: 630 },
  gmb: { width: 1200, height: 900 },
  instagram: { width: 1080, height: 1350 },
  linkedin: { width: 1200, height: 627 },
  mastodon: { width: 1200, height: 675 },
  pinterest: { width: 1000, height: 1500 },
  reddit: { width: 1200, height: 630 },
  snapchat: { width: 1080, height: 1920 },
  telegram: { width: 1280, height: 720 },
  threads: { width: 1080, height: 1350 },
  tiktok: { width: 1080, height: 1920 },
  twitter: { width: 1600, height: 900 },
  youtube: { width: 1280, height: 720 },
};

export interface ResizeRequest {
  url: string;
  width: number;
  height: number;
  blur: boolean;
}

export async function resizeImage(
  app: AppContext,
  profileId: string,
  request: ResizeRequest,
): Promise<MediaRecord> {
  const service = mediaService(app);
  if (!service.secret) throw new HeraldError({ code: 452, details: 'this process has no media store key' });
  let copy: Awaited<ReturnType<typeof localCopy>>;
  try {
    copy = await localCopy(service, request.url);
  } catch (err) {
    if (err instanceof MediaStepFailure) throw new HeraldError({ ...err.error, code: 451 });
    throw err;
  }
  let output: Buffer;
  try {
    if (!copy.type || !isImageType(copy.type) || copy.size > IMAGE_DOWNLOAD_MAX_BYTES)
      throw new HeraldError({ code: 450, details: `${request.url}: not an image Herald can resize` });
    const jpeg = await convertToJpeg(await readFile(copy.file), copy.type);
    output = await render(jpeg.bytes, request);
  } catch (err) {
    if (err instanceof ConversionError) throw new HeraldError({ code: 450, details: err.message });
    throw err;
  } finally {
    await copy.release();
  }
  const mac = createHmac('sha256', service.secret)
    .update(`herald-media:resize-v1:${request.width}x${request.height}:${request.blur}:`)
    .update(copy.identity)
    .digest('hex');
  const name = `${mac.slice(0, 32)}.jpg`;
  try {
    await service.store.put(name, output);
  } catch (err) {
    throw new HeraldError({
      code: 452,
      details: `the media store refused the file: ${(err as Error).message}`,
    });
  }
  // The same image resized the same way again: the profile's existing entry.
  const existing = await findMediaByFile(app.pool, profileId, name);
  if (existing) return existing;
  return insertMedia(app.pool, {
    id: randomUUID(),
    profileId,
    fileName: name,
    originalName: `resized-${request.width}x${request.height}.jpg`,
    description: `${request.url} resized to ${request.width}×${request.height}${request.blur ? ' (blur)' : ''}`,
    contentType: 'image/jpeg',
    size: output.length,
    status: 'ready',
    keepUntil: keepUntil(app, new Date()),
  });
}

async function render(jpeg: Buffer, { width, height, blur }: ResizeRequest): Promise<Buffer> {
  if (!blur)
    return sharp(jpeg)
      .resize(width, height, { fit: 'cover', position: 'centre' })
      .jpeg({ quality: JPEG_QUALITY })
      .toBuffer();
  const background = await sharp(jpeg).resize(width, height, { fit: 'cover' }).blur(30).toBuffer();
  const foreground = await sharp(jpeg).resize(width, height, { fit: 'inside' }).toBuffer();
  return sharp(background)
    .composite([{ input: foreground, gravity: 'centre' }])
    .jpeg({ quality: JPEG_QUALITY })
    .toBuffer();
}
