/**
 * What any answer (or its absence) from Reddit looks like to the connector. Reddit
 * reports most refusals inside an HTTP 200, as `json.errors` triples
 * `[CODE, message, field]`; those and HTTP errors both come back as `RedditError`.
 */

export interface RedditError {
  kind: 'reddit';
  /** HTTP status: 200 for a `json.errors` refusal. */
  status: number;
  /** The triple's CODE (`SUBREDDIT_NOTALLOWED`, `RATELIMIT`…), absent for an HTTP error. */
  code?: string;
  /** The triple's field (`sr`, `title`, `ratelimit`…). */
  field?: string;
  message: string;
  /** `json.ratelimit`: seconds to wait, sent with RATELIMIT. */
  ratelimitSeconds?: number;
  headers: Headers;
}

/** No answer. `mayHaveArrived` is false only when the connection was certainly never made. */
export interface NetworkFailure {
  kind: 'network';
  mayHaveArrived: boolean;
  reason: string;
}

export type RedditFailure = RedditError | NetworkFailure;
export type RedditResult<T> =
  | { ok: true; value: T; headers: Headers }
  | { ok: false; failure: RedditFailure };

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Connection-stage errors: the request cannot have reached Reddit.
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
    // Reddit's 429 and 5xx pages are often HTML: the status alone will classify them.
    return undefined;
  }
}

/** The first `json.errors` triple of a 200 answer, if Reddit refused. */
export function jsonError(body: unknown, headers: Headers): RedditError | undefined {
  const json = isObject(body) && isObject(body.json) ? body.json : undefined;
  const first = json && Array.isArray(json.errors) ? json.errors[0] : undefined;
  if (!Array.isArray(first)) return undefined;
  const [code, message, field] = first as unknown[];
  const error: RedditError = { kind: 'reddit', status: 200, message: String(message ?? ''), headers };
  if (typeof code === 'string') error.code = code;
  if (typeof field === 'string') error.field = field;
  if (typeof json?.ratelimit === 'number') error.ratelimitSeconds = json.ratelimit;
  return error;
}

export function httpError(status: number, body: unknown, headers: Headers, fallback: string): RedditError {
  const message = isObject(body) && typeof body.message === 'string' ? body.message : fallback;
  return { kind: 'reddit', status, message, headers };
}
