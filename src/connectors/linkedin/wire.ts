import { isObject, type NetworkFailure } from '../shared/wire.ts';

export { isObject, type NetworkFailure, networkFailure, readJson } from '../shared/wire.ts';

/**
 * What any answer (or its absence) from LinkedIn looks like to the connector. The
 * client never throws for LinkedIn's answer: failures come back as data.
 */

/** LinkedIn answered with an error status: its documented error fields, as sent. */
export interface LinkedInError {
  kind: 'linkedin';
  status: number;
  /** `code` (`ACCESS_DENIED`, `VERSION_MISSING`, `DUPLICATE_POST`…), absent on some errors. */
  code?: string;
  serviceErrorCode?: number;
  message: string;
  headers: Headers;
}

export type LinkedInFailure = LinkedInError | NetworkFailure;
export type LinkedInResult<T> =
  | { ok: true; value: T; headers: Headers }
  | { ok: false; failure: LinkedInFailure };

export function errorOf(status: number, body: unknown, headers: Headers, fallback: string): LinkedInError {
  const error: LinkedInError = { kind: 'linkedin', status, message: fallback, headers };
  if (!isObject(body)) return error;
  if (typeof body.message === 'string') error.message = body.message;
  if (typeof body.code === 'string') error.code = body.code;
  if (typeof body.serviceErrorCode === 'number') error.serviceErrorCode = body.serviceErrorCode;
  return error;
}
