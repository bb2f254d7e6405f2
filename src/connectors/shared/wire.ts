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

function errorCodes(error: unknown): string[] {
  if (!isObject(error) && !(error instanceof Error)) return [];
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof code === 'string' ? [code] : [];
  const nested = Array.isArray(errors) ? errors.flatMap(errorCodes) : [];
  return [...own, ...nested, ...(cause === undefined ? [] : errorCodes(cause))];
}

/** A thrown fetch error as data, classified by the error `code`s of its causes (never its text). */
export function networkFailure(error: unknown): { ok: false; failure: NetworkFailure } {
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
