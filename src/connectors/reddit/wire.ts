import { isObject, type NetworkFailure } from '../shared/wire.ts';

export { isObject, type NetworkFailure, networkFailure, readJson } from '../shared/wire.ts';

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

export type RedditFailure = RedditError | NetworkFailure;
export type RedditResult<T> =
  | { ok: true; value: T; headers: Headers }
  | { ok: false; failure: RedditFailure };

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
