import { createHmac, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { MemoryLocker, Server as TusServer, type Upload } from '@tus/server';
import { NodeRequest, sendNodeResponse } from 'srvx/node';
import type { AppContext } from '../../app/context.ts';
import { mediaService } from '../media-service.ts';
import { ingest } from './ingest.ts';
import { mediaAnswer, storeUpload } from './library.ts';
import { type TusRefusal, tusRefusal } from './tus-refusals.ts';

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
/** The error @tus/server refused a request for (its onResponseError hook), by the request it was handed. */
const REFUSALS = new WeakMap<object, unknown>();

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
  if (!profileId) throw new Error('a tus request reached @tus/server without a profile');
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
    // Kept for serveTus, which answers every refusal in catalog form.
    async onResponseError(req, error) {
      REFUSALS.set(req, error);
    },
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
        throw err; // a HeraldError is the upload's refusal (690, 691, …); anything else is unexpected (612)
      }
    },
  });
}

/**
 * Hands one authenticated request to @tus/server and sends its answer; a refusal (any
 * status from 400) goes out as a catalog body instead of tus's plain text, with tus's
 * headers (Tus-Resumable, CORS) kept.
 */
export async function serveTus(
  tus: TusServer,
  raw: IncomingMessage,
  res: ServerResponse,
  refusalBody: (refusal: TusRefusal, status: number) => { status: number; body: unknown },
  context: { uploadId: string; maxBytes: number; requestId: string },
): Promise<void> {
  const request = new NodeRequest({ req: raw, res });
  const answer = await tus.handleWeb(request);
  if (answer.status < 400) {
    await sendNodeResponse(res, answer);
    return;
  }
  const refusal = tusRefusal(REFUSALS.get(request), answer.status, context);
  const { status, body } = refusalBody(refusal, answer.status);
  const headers = new Headers(answer.headers);
  const text = JSON.stringify(body);
  headers.set('content-type', 'application/json; charset=utf-8');
  headers.set('content-length', String(Buffer.byteLength(text)));
  await sendNodeResponse(res, new Response(raw.method === 'HEAD' ? null : text, { status, headers }));
}
