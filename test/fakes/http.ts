import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Loopback HTTP plumbing of the fakes of X, LinkedIn and Reddit: requests as data,
 * scripted answers, one listener on 127.0.0.1 port 0. (It lives here because the
 * brief that wrote these fakes owned only their folders; it belongs in test/fakes/.)
 */

export interface FakeRequest {
  method: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** The path and query exactly as sent (what an OAuth signature covers). */
  rawUrl: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Scripted only, where a fake supports it: the call is handled as usual (what it
   * creates exists) and then the connection is dropped: the answer never arrives.
   */
  lose?: true;
}

/** The scripted "handled, then lost" answer (see `Reply.lose`). */
export const LOST: Reply = { status: 0, lose: true };

export interface ScriptedReply {
  method: string;
  path: string | RegExp;
  /** Matching calls to let through before answering (default 0). */
  skip?: number;
  /** How many matching calls to answer (default 1). */
  times?: number;
  reply: Reply;
}

export class Scripts {
  private readonly queue: (ScriptedReply & { skip: number; times: number })[] = [];

  add(script: ScriptedReply): void {
    this.queue.push({ ...script, skip: script.skip ?? 0, times: script.times ?? 1 });
  }

  /** The scripted answer for this call, if one is due; calls it lets through count down `skip`. */
  take(method: string, path: string): Reply | undefined {
    for (const script of this.queue) {
      const hit =
        script.method === method &&
        (typeof script.path === 'string' ? script.path === path : script.path.test(path));
      if (!hit || script.times <= 0) continue;
      if (script.skip > 0) {
        script.skip -= 1;
        return undefined;
      }
      script.times -= 1;
      return script.reply;
    }
    return undefined;
  }
}

export function send(res: ServerResponse, reply: Reply): void {
  const body =
    reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  const type = typeof reply.body === 'string' ? 'text/html' : 'application/json';
  res.writeHead(reply.status, { ...(body ? { 'content-type': type } : {}), ...reply.headers }).end(body);
}

export async function readRequest(req: IncomingMessage): Promise<FakeRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? '/', 'http://fake');
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body: Buffer.concat(chunks),
    rawUrl: req.url ?? '/',
  };
}

/** Multipart form fields, parsed the way a server would (undici's parser). */
export async function formOf(request: FakeRequest): Promise<FormData> {
  const type = request.headers['content-type'] ?? '';
  return new Response(new Uint8Array(request.body), { headers: { 'content-type': type } }).formData();
}

export function jsonOf(request: FakeRequest): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(request.body.toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export async function listen(
  handle: (request: FakeRequest, res: ServerResponse) => Promise<void>,
): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    readRequest(req)
      .then((request) => handle(request, res))
      .catch((error: unknown) =>
        send(res, { status: 500, body: { title: 'fake error', detail: String(error) } }),
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
