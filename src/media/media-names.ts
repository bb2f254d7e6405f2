import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { MediaType } from './sniff.ts';

/**
 * Names of the files Herald stores and serves at `/media/<name>`: 32 hex characters
 * (an HMAC of the source under Herald's secret key for converted and fixed files, 128
 * random bits for uploads: unguessable either way) and the extension of the type
 * read from the bytes, which is what the file is served as.
 */

export const EXTENSIONS: Readonly<Record<MediaType, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'image/bmp': 'bmp',
  'image/tiff': 'tif',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
};

const TYPES = new Map(Object.entries(EXTENSIONS).map(([type, ext]) => [ext, type as MediaType]));
const EXT = [...TYPES.keys()].join('|');

/** Names Herald writes; anything else in the folder or bucket is never read, served or deleted. */
export const STORED_NAME = new RegExp(`^[0-9a-f]{32}\\.(?:${EXT})$`);

/** A local write that never reached its rename (the process died mid-put): `<name>.<pid>.<ms>.part`. */
export const PART_NAME = new RegExp(`^[0-9a-f]{32}\\.(?:${EXT})\\.\\d+\\.\\d+\\.part$`);

/** The type a stored name is served as. */
export function typeOfName(name: string): MediaType | undefined {
  return TYPES.get(name.slice(name.lastIndexOf('.') + 1));
}

/** A converted JPEG's name: the same source gives the same name, so a retry reuses the file. */
export function storedName(secret: Buffer, source: Buffer): string {
  const digest = createHash('sha256').update(source).digest();
  // "jpeg-v1": a change of the conversion recipe must not serve files made by the old one.
  const mac = createHmac('sha256', secret).update('herald-media:jpeg-v1:').update(digest).digest('hex');
  return `${mac.slice(0, 32)}.jpg`;
}

/** A fixed video's name: one per (source, recipe), so a retry or a second network reuses the fix. */
export function fixedName(secret: Buffer, sourceIdentity: string, recipe: string): string {
  const mac = createHmac('sha256', secret)
    .update(`herald-media:video-fix-v1:${recipe}:`)
    .update(sourceIdentity)
    .digest('hex');
  return `${mac.slice(0, 32)}.mp4`;
}

/** An upload's name: random, since two users uploading the same bytes own two files. */
export function uploadName(type: MediaType): string {
  return `${randomBytes(16).toString('hex')}.${EXTENSIONS[type]}`;
}
