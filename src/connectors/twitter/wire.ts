import { isObject, type NetworkFailure } from '../shared/wire.ts';

export { isObject, type NetworkFailure, networkFailure, readJson } from '../shared/wire.ts';

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

export type XFailure = XProblem | NetworkFailure;
export type XResult<T> = { ok: true; value: T; headers: Headers } | { ok: false; failure: XFailure };

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
    // A v2 lookup answers 200 with per-resource problems (`errors[].type`, e.g. resource-not-found).
    if (problem.type === undefined && typeof first.type === 'string') problem.type = first.type;
    if (problem.title === undefined && typeof first.title === 'string') problem.title = first.title;
    if (problem.detail === undefined && typeof first.detail === 'string') problem.detail = first.detail;
    if (problem.detail === undefined && typeof first.message === 'string') problem.detail = first.message;
  }
  return problem;
}
