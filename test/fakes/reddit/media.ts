import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { type FakeRequest, formOf, listen, type Reply, type ScriptedReply, Scripts } from '../http.ts';

/**
 * Reddit's native image flow (platform-apis.md §9): /api/media/asset.json leases an S3
 * POST form; the S3 double checks every lease field precedes the file (S3 ignores
 * fields after it) and answers 201 with XML `<Location>`; a `kind=image` submit gets a
 * websocket URL on which the verdict is sent once the client connects.
 */

/** What the websocket says about the next image submissions (default success). */
export type ImageVerdict = 'success' | 'failed' | 'silent';

export interface FakeUpload {
  key: string;
  location: string;
  bytes: number;
  type: string;
  filename: string;
  /** The multipart part names in the order they arrived. */
  order: string[];
}

export interface RedditMedia {
  uploads: FakeUpload[];
  verdicts: ImageVerdict[];
  /** S3's size limit for a lease. */
  maxBytes: number;
  /** Scripted answers of the S3 double (path `/`). */
  scriptUpload(script: Omit<ScriptedReply, 'method' | 'path'>): void;
  asset(form: URLSearchParams): Reply;
  isUploaded(url: string): boolean;
  /** The websocket URL that will carry this verdict (redirect only for success). */
  announce(verdict: ImageVerdict, redirect: string): string;
  close(): Promise<void>;
}

const MIME_TYPES = ['image/jpeg', 'image/png', 'image/gif'];

function s3Error(res: ServerResponse, status: number, code: string, message: string): void {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>FAKE</RequestId></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml' }).end(xml);
}

export async function startRedditMedia(): Promise<RedditMedia> {
  let counter = 0;
  const leases = new Map<string, { name: string; value: string }[]>();
  const uploads: FakeUpload[] = [];
  const pending = new Map<string, string | null>();
  const scripts = new Scripts();

  const s3 = await listen(async (request: FakeRequest, res: ServerResponse) => {
    const scripted = scripts.take(request.method, request.path);
    if (scripted) {
      res.writeHead(scripted.status, { 'content-type': 'application/xml' }).end(String(scripted.body ?? ''));
      return;
    }
    if (request.method !== 'POST' || request.path !== '/')
      return s3Error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed');
    const form = await formOf(request);
    const order = [...form.keys()];
    const file = form.get('file');
    const key = String(form.get('key') ?? '');
    const lease = leases.get(key);
    if (!(file instanceof File) || order.at(-1) !== 'file')
      return s3Error(res, 400, 'InvalidArgument', 'Bucket POST must contain a field named file, last.');
    if (!lease) return s3Error(res, 403, 'AccessDenied', 'Invalid according to Policy');
    const fileAt = order.indexOf('file');
    const missing = lease.find((f) => form.get(f.name) !== f.value || order.indexOf(f.name) > fileAt);
    if (missing) return s3Error(res, 403, 'AccessDenied', `Invalid according to Policy: ${missing.name}`);
    if (file.size > state.maxBytes)
      return s3Error(res, 400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
    const location = `${s3.origin}/${encodeURIComponent(key)}`;
    uploads.push({ key, location, bytes: file.size, type: file.type, filename: file.name, order });
    const etag = createHash('md5')
      .update(new Uint8Array(await file.arrayBuffer()))
      .digest('hex');
    res
      .writeHead(201, { 'content-type': 'application/xml', etag: `"${etag}"`, location })
      .end(
        `<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse><Location>${location}</Location><Bucket>reddit-uploaded-media</Bucket><Key>${key}</Key><ETag>"${etag}"</ETag></PostResponse>`,
      );
  });

  const sockets = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => sockets.once('listening', () => resolve()));
  const wsOrigin = `ws://127.0.0.1:${(sockets.address() as AddressInfo).port}`;
  sockets.on('connection', (socket: WebSocket, req) => {
    const message = pending.get(req.url ?? '');
    if (message) socket.send(message);
  });

  const state: RedditMedia = {
    uploads,
    verdicts: [],
    maxBytes: 20 * 1024 * 1024,
    scriptUpload: (script) => scripts.add({ ...script, method: 'POST', path: '/' }),
    asset(form) {
      const filepath = form.get('filepath') ?? '';
      const mimetype = form.get('mimetype') ?? '';
      if (!filepath || !MIME_TYPES.includes(mimetype))
        return { status: 400, body: { message: 'Bad Request', error: 400 } };
      counter += 1;
      const id = `fakeasset${counter}`;
      const key = `rte_images/${id}`;
      const fields = [
        { name: 'acl', value: 'private' },
        { name: 'key', value: key },
        { name: 'X-Amz-Algorithm', value: 'AWS4-HMAC-SHA256' },
        { name: 'success_action_status', value: '201' },
        { name: 'content-type', value: mimetype },
        { name: 'x-amz-meta-ext', value: filepath.split('.').pop() ?? '' },
        { name: 'policy', value: Buffer.from(`{"key":"${key}"}`).toString('base64') },
        { name: 'X-Amz-Signature', value: createHash('sha256').update(key).digest('hex') },
      ];
      leases.set(key, fields);
      return {
        status: 200,
        body: {
          args: { action: s3.origin, fields },
          asset: {
            asset_id: id,
            processing_state: 'incomplete',
            payload: { filepath },
            websocket_url: `${wsOrigin}/rte_images/${id}`,
          },
        },
      };
    },
    isUploaded: (url) => uploads.some((u) => u.location === url),
    announce(verdict, redirect) {
      counter += 1;
      const path = `/rte_images/submit${counter}?m=${counter}`;
      const message =
        verdict === 'success'
          ? JSON.stringify({ type: 'success', payload: { redirect } })
          : verdict === 'failed'
            ? JSON.stringify({ type: 'failed', payload: {} })
            : null;
      pending.set(path, message);
      return `${wsOrigin}${path}`;
    },
    async close() {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await s3.close();
    },
  };
  return state;
}
