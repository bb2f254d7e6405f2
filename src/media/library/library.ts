import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../app/context.ts';
import { insertMedia, type MediaRecord, markMediaReady } from '../../db/media.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { uploadName } from '../media-names.ts';
import { type MediaService, mediaService } from '../media-service.ts';
import { sniffMediaType } from '../sniff.ts';
import type { Ingested } from './ingest.ts';

/**
 * The media library of a profile: files it uploaded, stored in the media store and
 * served at <HERALD_PUBLIC_URL>/media/<file>. A row per file carries its profile, so
 * another profile can neither list, read the meta of, nor delete it.
 */

/** Ayrshare's answer to an upload and an entry of GET /api/media. */
export function mediaAnswer(service: Pick<MediaService, 'publicUrl'>, media: MediaRecord) {
  return {
    id: media.id,
    url: `${service.publicUrl}/media/${media.fileName}`,
    fileName: media.originalName ?? media.fileName,
    description: media.description ?? '',
    contentType: media.contentType,
    size: media.size,
    timeCreated: media.createdAt.toISOString(),
    ...(media.keepUntil ? { expiresAt: media.keepUntil.toISOString() } : {}),
  };
}

/** Keep-until of a file used (or uploaded) at `at`: the retention past it; null keeps it forever. */
export function keepUntil(app: AppContext, at: Date): Date | null {
  const { retentionMs } = app.config.media;
  return retentionMs === 0 ? null : new Date(at.getTime() + retentionMs);
}

/** Stores an ingested upload under a fresh name and records it for the profile. */
export async function storeUpload(
  app: AppContext,
  profileId: string,
  upload: Ingested,
  meta: { fileName?: string | undefined; description?: string | undefined },
): Promise<MediaRecord> {
  const service = mediaService(app);
  const name = uploadName(upload.type);
  try {
    await service.store.putFile(name, upload.file, upload.type, { move: true });
  } catch (err) {
    throw new HeraldError({
      code: 452,
      details: `the media store refused the file: ${(err as Error).message}`,
    });
  } finally {
    await upload.remove();
  }
  return insertMedia(app.pool, {
    id: randomUUID(),
    profileId,
    fileName: name,
    originalName: meta.fileName ?? null,
    description: meta.description ?? null,
    contentType: upload.type,
    size: upload.size,
    status: 'ready',
    keepUntil: keepUntil(app, new Date()),
  });
}

/**
 * A pending upload (a presigned PUT straight to the bucket: S3 tells Herald nothing) is
 * settled when looked at: the object's size, and its type from its first bytes.
 * Undefined while nothing has been uploaded.
 */
export async function settlePending(app: AppContext, media: MediaRecord): Promise<MediaRecord | undefined> {
  if (media.status === 'ready') return media;
  const store = mediaService(app).store;
  const info = await store.stat(media.fileName);
  if (!info) return undefined;
  const stream = await store.read(media.fileName, { start: 0, end: 4095 });
  const chunks: Buffer[] = [];
  for await (const chunk of stream ?? []) chunks.push(chunk as Buffer);
  const type = sniffMediaType(Buffer.concat(chunks));
  const contentType = type ?? media.expectedType ?? 'application/octet-stream';
  await markMediaReady(app.pool, media.id, contentType, info.size);
  return { ...media, status: 'ready', contentType, size: info.size };
}
