/** A `fetch` call as the Fetch standard reads it, when its body needs no `Request` to serialise. */
export interface FetchCall {
  url: URL;
  method: string;
  /** Combined, with the body's default `content-type` when the caller gave none. */
  headers: Headers;
  body: string | Uint8Array | undefined;
}

/** The methods the Fetch standard upper-cases; any other keeps its case. */
const NORMALISED = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
const FORBIDDEN = new Set(['CONNECT', 'TRACE', 'TRACK']);
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * A string or URL with a body that is absent, text, bytes or `URLSearchParams`, read as fetch
 * and `Request` read it: the method normalised, the body's default type. Undefined for
 * anything else and for anything they refuse (a bad URL, credentials in it, a bad method or
 * header, a body on GET/HEAD), so the caller lets fetch or `Request` answer it with their own
 * error. Shared by the connectors' fetch (request-fetch.ts) and the calls to a user's server
 * (media/outgoing-request.ts).
 */
export function fetchCallOf(
  input: Parameters<typeof fetch>[0],
  init: RequestInit | undefined,
): FetchCall | undefined {
  if (typeof input !== 'string' && !(input instanceof URL)) return undefined;
  if (init && 'duplex' in init) return undefined;
  const raw = init?.body ?? undefined;
  let body: string | Uint8Array | undefined;
  let defaultType: string | undefined;
  if (raw === undefined) body = undefined;
  else if (typeof raw === 'string') {
    body = raw;
    defaultType = 'text/plain;charset=UTF-8';
  } else if (raw instanceof URLSearchParams) {
    body = raw.toString();
    defaultType = 'application/x-www-form-urlencoded;charset=UTF-8';
  } else if (raw instanceof Uint8Array) body = raw;
  else return undefined;
  if (!URL.canParse(String(input))) return undefined;
  const url = new URL(String(input));
  if (url.username || url.password) return undefined;
  const given = init?.method ?? 'GET';
  const upper = given.toUpperCase();
  if (FORBIDDEN.has(upper) || !TOKEN.test(given)) return undefined;
  const method = NORMALISED.has(upper) ? upper : given;
  if (body !== undefined && (method === 'GET' || method === 'HEAD')) return undefined;
  let headers: Headers;
  try {
    headers = new Headers(init?.headers);
  } catch {
    return undefined;
  }
  if (defaultType && !headers.has('content-type')) headers.set('content-type', defaultType);
  return { url, method, headers, body };
}
