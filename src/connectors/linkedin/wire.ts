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

/** No answer. `mayHaveArrived` is false only when the connection was certainly never made. */
export interface NetworkFailure {
  kind: 'network';
  mayHaveArrived: boolean;
  reason: string;
}

export type LinkedInFailure = LinkedInError | NetworkFailure;
export type LinkedInResult<T> =
  | { ok: true; value: T; headers: Headers }
  | { ok: false; failure: LinkedInFailure };

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Connection-stage errors: the request cannot have reached LinkedIn.
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function errorCodes(error: unknown): string[] {
  if (!isObject(error) && !(error instanceof Error)) return [];
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof code === 'string' ? [code] : [];
  const nested = Array.isArray(errors) ? errors.flatMap(errorCodes) : [];
  return [...own, ...nested, ...(cause === undefined ? [] : errorCodes(cause))];
}

export function networkFailure(error: unknown): { ok: false; failure: NetworkFailure } {
  const codes = errorCodes(error);
  const neverConnected = codes.length > 0 && codes.every((code) => NEVER_CONNECTED.has(code));
  const reason = [error instanceof Error ? error.message : String(error), ...codes].join(' ');
  return { ok: false, failure: { kind: 'network', mayHaveArrived: !neverConnected, reason } };
}

export async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // A proxy's HTML page: the status alone will classify it.
    return undefined;
  }
}

export function errorOf(status: number, body: unknown, headers: Headers, fallback: string): LinkedInError {
  const error: LinkedInError = { kind: 'linkedin', status, message: fallback, headers };
  if (!isObject(body)) return error;
  if (typeof body.message === 'string') error.message = body.message;
  if (typeof body.code === 'string') error.code = body.code;
  if (typeof body.serviceErrorCode === 'number') error.serviceErrorCode = body.serviceErrorCode;
  return error;
}
