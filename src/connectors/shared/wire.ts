import { URL_REFUSED } from '../../media/api-fetch.ts';

/**
 * What every HTTP client of a network shares: an answer that never came is data
 * (`NetworkFailure`), never a throw, and says whether the request may have arrived —
 * the difference between "safe to send again" and "reconcile first".
 */

/** No answer. `mayHaveArrived` is false only when the connection was certainly never made. */
export interface NetworkFailure {
  kind: 'network';
  mayHaveArrived: boolean;
  reason: string;
  /** Herald's SSRF guard refused the address (a user-supplied server): it will never connect. */
  refused?: true;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Connection-stage errors: the request cannot have reached the network.
const NEVER_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  URL_REFUSED,
]);

/** The error code of a request fetch could not even build: nothing left Herald. */
export const REQUEST_NOT_BUILT = 'ERR_REQUEST_NOT_BUILT';

/**
 * fetch refused its own arguments: a header value outside Latin-1 (a credential with an
 * accent or a line break), a URL with a user name and password. A fault in what Herald
 * was given, never the network's, so it is thrown instead of becoming a NetworkFailure
 * (which every connector answers as a retryable outage, 625): sending again cannot help.
 * The message is fixed: undici's own words can quote the URL's password.
 */
export class RequestNotBuiltError extends Error {
  readonly code = REQUEST_NOT_BUILT;
  constructor() {
    super('the request could not be built: a value it carries cannot be sent over HTTP');
    this.name = 'RequestNotBuiltError';
  }
}

/** Node's codes for a request its HTTP client refused to build (a header value, a path). */
const NOT_BUILT_CODES = new Set([
  REQUEST_NOT_BUILT,
  'ERR_INVALID_CHAR',
  'ERR_INVALID_HTTP_TOKEN',
  'ERR_HTTP_INVALID_HEADER_VALUE',
  'ERR_UNESCAPED_CHARACTERS',
  'ERR_INVALID_URL',
]);

/**
 * Whether a thrown fetch error is a request that was never built. undici reports every
 * failure once the request exists as `TypeError('fetch failed', { cause })`; a TypeError
 * with neither cause nor code is its refusal of the arguments (Fetch standard: "throw a
 * TypeError"). Node's own client says so with a code.
 */
export function isRequestNotBuilt(error: unknown): boolean {
  if (error instanceof TypeError && error.cause === undefined && !('code' in error)) return true;
  const codes = errorCodes(error);
  return codes.length > 0 && codes.every((code) => NOT_BUILT_CODES.has(code));
}

export function errorCodes(error: unknown): string[] {
  if (!isObject(error) && !(error instanceof Error)) return [];
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof code === 'string' ? [code] : [];
  const nested = Array.isArray(errors) ? errors.flatMap(errorCodes) : [];
  return [...own, ...nested, ...(cause === undefined ? [] : errorCodes(cause))];
}

/**
 * A thrown fetch error as data, classified by the error `code`s of its causes (never its
 * text). A request that was never built is not a network failure: it is thrown again.
 */
export function networkFailure(error: unknown): { ok: false; failure: NetworkFailure } {
  if (isRequestNotBuilt(error)) throw new RequestNotBuiltError();
  const codes = errorCodes(error);
  const neverConnected = codes.length > 0 && codes.every((code) => NEVER_CONNECTED.has(code));
  const reason = [error instanceof Error ? error.message : String(error), ...codes].join(' ');
  const failure: NetworkFailure = { kind: 'network', mayHaveArrived: !neverConnected, reason };
  if (codes.includes(URL_REFUSED)) failure.refused = true;
  return { ok: false, failure };
}

/** The body as JSON, or undefined when empty or not JSON (an HTML error page: the status alone classifies it). */
export async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Reads at most `limit` bytes of a body; undefined when it is longer (the rest is never read). */
export async function readCapped(
  response: Response,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
