/**
 * What any answer (or its absence) from X looks like to the connector. The client
 * never throws for X's answer: failures come back as data, so the error table decides.
 */

/** X answered with an error status; the problem+json (or v1.1) fields it sent, as sent. */
export interface XProblem {
  kind: 'x';
  status: number;
  /** problem+json `type` URI (`about:blank`, `https://api.x.com/2/problems/credits`, …). */
  type?: string;
  title?: string;
  detail?: string;
  /** Legacy v1.1 `errors[0].code` (64 suspended, 326 locked, 187 duplicate…). */
  v1Code?: number;
  headers: Headers;
}

/** No answer. `mayHaveArrived` is false only when the connection was certainly never made. */
export interface NetworkFailure {
  kind: 'network';
  mayHaveArrived: boolean;
  reason: string;
}

export type XFailure = XProblem | NetworkFailure;
export type XResult<T> = { ok: true; value: T; headers: Headers } | { ok: false; failure: XFailure };

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Connection-stage errors: the request cannot have reached X.
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
    // An HTML error page from a proxy, say: the status alone will classify it.
    return undefined;
  }
}

/** The problem fields of an error body, whichever of X's two shapes it has. */
export function problemOf(status: number, body: unknown, headers: Headers): XProblem {
  const problem: XProblem = { kind: 'x', status, headers };
  if (!isObject(body)) return problem;
  if (typeof body.type === 'string') problem.type = body.type;
  if (typeof body.title === 'string') problem.title = body.title;
  if (typeof body.detail === 'string') problem.detail = body.detail;
  const first = Array.isArray(body.errors) ? body.errors[0] : undefined;
  if (isObject(first)) {
    if (typeof first.code === 'number') problem.v1Code = first.code;
    if (problem.detail === undefined && typeof first.message === 'string') problem.detail = first.message;
  }
  return problem;
}
