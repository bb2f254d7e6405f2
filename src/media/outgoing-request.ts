import { fetchCallOf } from '../net/fetch-call.ts';

/** A `fetch` call as it goes on the wire: URL, method, headers (lower-case names) and body bytes. */
export interface Outgoing {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

/**
 * What `new Request(resource, init)` would send, serialised. A `Request` is built only where
 * its serialisation is needed (a `FormData` and its boundary, a `Blob`, a stream, a `Request`
 * given) or where it would refuse the call (a bad URL, method or header: its `TypeError`). The
 * calls to a user's server are small JSON or form bodies, and building a `Request` for each
 * (its transferable signal, its body stream) was about 4 % of a fan-out delivery's CPU. On the
 * direct path, as a `Request` does: the method normalised, the headers combined under lower-case
 * names, and the body's default `content-type` (text, `URLSearchParams`) when none is given.
 */
export async function outgoingOf(
  resource: Parameters<typeof fetch>[0],
  init?: RequestInit,
): Promise<Outgoing> {
  const direct = directOf(resource, init);
  if (direct) return direct;
  const request = new Request(resource, init);
  const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
  return { url: request.url, method: request.method, headers: Object.fromEntries(request.headers), body };
}

function directOf(
  resource: Parameters<typeof fetch>[0],
  init: RequestInit | undefined,
): Outgoing | undefined {
  const call = fetchCallOf(resource, init);
  if (!call) return undefined;
  const body = call.body === undefined ? undefined : Buffer.from(call.body);
  return { url: call.url.href, method: call.method, headers: Object.fromEntries(call.headers), body };
}
