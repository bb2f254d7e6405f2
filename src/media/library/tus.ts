import { createHmac, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { MemoryLocker, Server as TusServer, type Upload } from '@tus/server';
import type { AppContext } from '../../app/context.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { mediaService } from '../media-service.ts';
import { ingest } from './ingest.ts';
import { mediaAnswer, storeUpload } from './library.ts';

/**
 * Resumable uploads (the tus 1.0 protocol, @tus/server) under POST /api/media/tus:
 * a client creates an upload, PATCHes it in pieces, and after a dropped connection asks
 * (HEAD) how far it got and goes on from there. Pieces land in HERALD_DATA_DIR/tus;
 * the finished file is moved into the media store and the library like any upload, and
 * the last PATCH answers Ayrshare's `{id, url, fileName, description}`.
 *
 * Every request is authenticated first (the API key; the route sits under /api). An
 * upload belongs to the profile that created it: its id ends with an HMAC, under
 * Herald's secret key, of the profile and the id's random part, so another profile's
 * PATCH, HEAD or DELETE finds nothing (404) even with the id in hand.
 */

export const TUS_PATH = '/api/media/tus';
/** The profile of each request handed to @tus/server, set by the route after authentication. */
const PROFILES = new WeakMap<IncomingMessage, string>();

export function forProfile(raw: IncomingMessage, profileId: string): void {
  PROFILES.set(raw, profileId);
}

const tag = (secret: Buffer, profileId: string, random: string) =>
  createHmac('sha256', secret).update(`tus:${profileId}:${random}`).digest('hex').slice(0, 24);

export function uploadIdFor(secret: Buffer, profileId: string): string {
  const random = randomBytes(16).toString('hex');
  return `${random}${tag(secret, profileId, random)}`;
}

/** Whether this upload id was made for this profile. */
export function ownsUpload(secret: Buffer, profileId: string, id: string): boolean {
  if (!/^[0-9a-f]{56}$/.test(id)) return false;
  return tag(secret, profileId, id.slice(0, 32)) === id.slice(32);
}

/** @tus/server hands hooks srvx's Request, which keeps the Node request it wraps. */
const profileOf = (req: unknown): string => {
  const raw = (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
  const profileId = raw ? PROFILES.get(raw) : undefined;
  if (!profileId) throw { status_code: 500, body: 'upload without a profile\n' };
  return profileId;
};

export function createTusServer(app: AppContext): TusServer {
  const service = mediaService(app);
  const secret = app.secretKey;
  const datastore = new FileStore({ directory: path.join(app.config.dataDir, 'tus') });
  return new TusServer({
    path: TUS_PATH,
    relativeLocation: true,
    datastore,
    locker: new MemoryLocker(),
    maxSize: app.config.media.maxBytes,
    namingFunction: (req) => uploadIdFor(secret, profileOf(req)),
    async onUploadCreate(req, upload) {
      // Server-side facts in the metadata, whatever the client put there.
      return { metadata: { ...upload.metadata, heraldProfile: profileOf(req) } };
    },
    async onUploadFinish(_req, upload: Upload) {
      const profileId = upload.metadata?.heraldProfile ?? '';
      const file = path.join(app.config.dataDir, 'tus', upload.id);
      try {
        const copy = await ingest(createReadStream(file), service.tmpDir, app.config.media.maxBytes);
        const media = await storeUpload(app, profileId, copy, {
          fileName: upload.metadata?.filename ?? upload.metadata?.fileName ?? undefined,
          description: upload.metadata?.description ?? undefined,
        });
        // The pieces are in the store now: the tus copy goes.
        await datastore.remove(upload.id).catch(() => undefined);
        return {
          status_code: 200,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(mediaAnswer(service, media)),
        };
      } catch (err) {
        await datastore.remove(upload.id).catch(() => undefined);
        const code = err instanceof HeraldError ? err.spec.code : 452;
        throw {
          status_code: code === 690 ? 415 : code === 691 ? 413 : 500,
          body: `upload refused (${code})\n`,
        };
      }
    },
  });
}
