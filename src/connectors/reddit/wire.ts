import { isObject, type NetworkFailure } from '../shared/wire.ts';

export { isObject, type NetworkFailure, networkFailure, readJson } from '../shared/wire.ts';

/**
 * What any answer (or its absence) from Reddit looks like to the connector. Reddit
 * reports refusals as `json.errors` triples `[CODE, message, field]`, inside an HTTP
 * 200 (most checks) or an HTTP 400 (a subreddit's post requirements, flair required…);
 * some endpoints answer `{reason, explanation, fields}` instead. Those and bare HTTP
 * errors all come back as `RedditError`, the code read from the structure whatever
 * the status.
 */

export interface RedditError {
  kind: 'reddit';
  /** HTTP status of the answer (200 for most `json.errors` refusals). */
  status: number;
  /** The triple's CODE (`SUBREDDIT_NOTALLOWED`, `RATELIMIT`…) or the `reason`; absent for a bare HTTP error. */
  code?: string;
  /** The triple's field (`sr`, `title`, `ratelimit`…). */
  field?: string;
  message: string;
  /** The other triples of the same answer (Reddit lists every requirement a post broke). */
  others?: { code: string; message: string; field?: string }[];
  /** `json.ratelimit`: seconds to wait, sent with RATELIMIT. */
  ratelimitSeconds?: number;
  headers: Headers;
}

export type RedditFailure = RedditError | NetworkFailure;
export type RedditResult<T> =
  | { ok: true; value: T; headers: Headers }
  | { ok: false; failure: RedditFailure };

function tripleOf(value: unknown): { code: string; message: string; field?: string } | undefined {
  if (!Array.isArray(value) || typeof value[0] !== 'string') return undefined;
  const [code, message, field] = value as unknown[];
  return {
    code: code as string,
    message: String(message ?? '').trim(),
    ...(typeof field === 'string' && field !== '' ? { field } : {}),
  };
}

/** The `json.errors` triples of an answer, if Reddit refused (whatever the HTTP status). */
export function jsonError(body: unknown, headers: Headers, status = 200): RedditError | undefined {
  const json = isObject(body) && isObject(body.json) ? body.json : undefined;
  const triples = (json && Array.isArray(json.errors) ? json.errors : []).flatMap((t: unknown) => {
    const triple = tripleOf(t);
    return triple ? [triple] : [];
  });
  const [first, ...others] = triples;
  if (!first) return undefined;
  const error: RedditError = { kind: 'reddit', status, code: first.code, message: first.message, headers };
  if (first.field !== undefined) error.field = first.field;
  if (others.length > 0) error.others = others;
  if (typeof json?.ratelimit === 'number') error.ratelimitSeconds = json.ratelimit;
  return error;
}

/**
 * A non-2xx answer: its `json.errors` triples when it has them, else the `{reason,
 * explanation, fields}` shape of Reddit's HTTP errors, else its `message`.
 */
export function httpError(status: number, body: unknown, headers: Headers, fallback: string): RedditError {
  const triples = jsonError(body, headers, status);
  if (triples) return triples;
  if (!isObject(body)) return { kind: 'reddit', status, message: fallback, headers };
  const message =
    typeof body.explanation === 'string'
      ? body.explanation
      : typeof body.message === 'string'
        ? body.message
        : fallback;
  const error: RedditError = { kind: 'reddit', status, message, headers };
  if (typeof body.reason === 'string' && body.reason !== '') error.code = body.reason;
  const field = Array.isArray(body.fields) ? body.fields[0] : undefined;
  if (typeof field === 'string' && field !== '') error.field = field;
  return error;
}
