import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../app/context.ts';
import { insertMedia, markMediaReady, takeUploadToken } from '../../db/media.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { EXTENSIONS, uploadName } from '../media-names.ts';
import { mediaService } from '../media-service.ts';
import type { MediaStore } from '../media-store.ts';
import type { S3MediaStore } from '../s3-store.ts';
import type { MediaType } from '../sniff.ts';
import { ingest } from './ingest.ts';
import { keepUntil } from './library.ts';

/**
 * GET /api/media/uploadUrl: a URL to PUT one large file to, valid once for 30 minutes
 * (Ayrshare's terms). With the local store it is Herald's own `PUT /media/upload/<token>`
 * (the token is 256 random bits; its SHA-256 is stored and cleared by the PUT that uses
 * it); with the S3 store, a presigned PUT straight to the bucket, so the bytes never pass
 * through Herald (S3 cannot make a presigned URL single-use: it stays valid until it expires).
 */

export const UPLOAD_URL_TTL_SECONDS = 30 * 60;

const SHORT_TYPES: Readonly<Record<string, MediaType>> = {
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  qt: 'video/quicktime',
  webm: 'video/webm',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  avif: 'image/avif',
};
const KNOWN = new Set<string>(Object.keys(EXTENSIONS));

/** Ayrshare's `contentType` (`mp4`, `mov`, `png`, `jpg`... or a MIME type), else the file name's extension. */
export function declaredType(contentType: string | undefined, fileName: string): MediaType | undefined {
  const given = contentType?.trim().toLowerCase();
  if (given) return KNOWN.has(given) ? (given as MediaType) : SHORT_TYPES[given];
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext ? SHORT_TYPES[ext] : undefined;
}

const isPresigning = (store: MediaStore): store is S3MediaStore =>
  store.kind === 's3' && 'presignPut' in store;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export async function issueUploadUrl(
  app: AppContext,
  profileId: string,
  fileName: string,
  type: MediaType,
): Promise<{ uploadUrl: string; accessUrl: string; contentType: string }> {
  const service = mediaService(app);
  const name = uploadName(type);
  const expires = new Date(Date.now() + UPLOAD_URL_TTL_SECONDS * 1000);
  const token = randomBytes(32).toString('base64url');
  const store = service.store;
  const uploadUrl = isPresigning(store)
    ? await store.presignPut(name, type, UPLOAD_URL_TTL_SECONDS)
    : `${service.publicUrl}/media/upload/${token}`;
  await insertMedia(app.pool, {
    id: randomUUID(),
    profileId,
    fileName: name,
    originalName: fileName,
    description: null,
    contentType: null,
    size: null,
    status: 'pending',
    expectedType: type,
    uploadTokenHash: store.kind === 's3' ? null : hashOf(token),
    uploadExpiresAt: expires,
    keepUntil: keepUntil(app, expires),
  });
  return { uploadUrl, accessUrl: `${service.publicUrl}/media/${name}`, contentType: type };
}

/** The signed PUT to Herald itself: the token taken once, the body streamed to the store. */
export async function receiveSignedPut(
  app: AppContext,
  token: string,
  contentType: string | undefined,
  body: Readable,
): Promise<{ id: string; url: string }> {
  const service = mediaService(app);
  const media = await takeUploadToken(app.pool, hashOf(token));
  if (!media) throw new HeraldError({ code: 692 });
  const expected = media.expectedType ?? '';
  const sent = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (sent !== expected)
    throw new HeraldError({ code: 693, params: { expected }, details: `Content-Type: ${sent || '(none)'}` });
  const upload = await ingest(body, service.tmpDir, app.config.media.maxBytes);
  try {
    if (upload.type !== expected)
      throw new HeraldError({ code: 693, params: { expected }, details: `the bytes are ${upload.type}` });
    await service.store.putFile(media.fileName, upload.file, upload.type, { move: true });
  } catch (err) {
    if (err instanceof HeraldError) throw err;
    throw new HeraldError({
      code: 452,
      details: `the media store refused the file: ${(err as Error).message}`,
    });
  } finally {
    await upload.remove();
  }
  await markMediaReady(app.pool, media.id, upload.type, upload.size);
  return { id: media.id, url: `${service.publicUrl}/media/${media.fileName}` };
}
