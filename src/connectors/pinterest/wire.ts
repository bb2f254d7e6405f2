import { isObject, type NetworkFailure } from '../shared/wire.ts';

export { isObject, type NetworkFailure, networkFailure, readJson } from '../shared/wire.ts';

/**
 * What any answer (or its absence) from Pinterest looks like to the connector. Errors
 * are `{code, message}` with a numeric code (platform-apis.md §12); the client never
 * throws for Pinterest's answer.
 */

export interface PinterestError {
  kind: 'pinterest';
  status: number;
  /** Pinterest's numeric code (1 invalid parameters, 2 authentication failed, 40 board not found…). */
  code?: number;
  message: string;
  headers: Headers;
}

export type PinterestFailure = PinterestError | NetworkFailure;
export type PinterestResult<T> = { ok: true; value: T } | { ok: false; failure: PinterestFailure };

export function errorOf(status: number, body: unknown, headers: Headers, fallback: string): PinterestError {
  const error: PinterestError = { kind: 'pinterest', status, message: fallback, headers };
  if (!isObject(body)) return error;
  if (typeof body.message === 'string') error.message = body.message;
  if (typeof body.code === 'number' && Number.isInteger(body.code)) error.code = body.code;
  return error;
}
