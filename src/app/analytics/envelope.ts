import type { AnalyticsFailure } from '../../connectors/analytics-types.ts';
import { buildErrorBody, type ErrorBody, type ErrorSpec, httpStatusOf } from '../../errors/build.ts';
import type { Platform } from '../../platforms.ts';
import type { Reply } from '../post-responses.ts';
import type { CallResult } from './through-cache.ts';

/** One network's part of an analytics or history answer. */
export interface NetworkPart {
  platform: Platform;
  /** A thread (X) answers one result per post of it, in order. */
  result: CallResult | CallResult[];
}

/** A failure found before any network call (not linked, not published, no metrics). */
export function refused(spec: ErrorSpec, at: Date = new Date()): CallResult {
  return {
    ok: false,
    failure: { kind: 'failed', error: spec },
    lastUpdated: at,
    nextUpdate: at,
    fromCache: false,
  };
}

/**
 * A failure's body: the catalog's, plus the seed fields a failure about one object
 * carries (444: Meta's `errCode` after `code`, the Page and post ids after `message`).
 */
export function failureBody(failure: AnalyticsFailure, lang: string | undefined): ErrorBody {
  const body = buildErrorBody(failure.error, lang);
  const fields = failure.fields;
  if (!fields) return body;
  const out: ErrorBody = {};
  for (const [key, value] of Object.entries(body)) {
    out[key] = value;
    if (key === 'code' && fields.errCode !== undefined) out.errCode = fields.errCode;
    if (key === 'message') {
      if (fields.pageId !== undefined) out.pageId = fields.pageId;
      if (fields.id !== undefined) out.id = fields.id;
    }
  }
  return out;
}

/** `body` shapes a success (the stored network answer) as the response shows it. */
export type SuccessShape = (body: Record<string, unknown>) => Record<string, unknown>;

function partBody(
  result: CallResult,
  shape: SuccessShape,
  lang: string | undefined,
): Record<string, unknown> {
  if (!result.ok) return failureBody(result.failure, lang);
  return {
    ...shape(result.body),
    lastUpdated: result.lastUpdated.toISOString(),
    nextUpdate: result.nextUpdate.toISOString(),
  };
}

function firstFailure(parts: readonly NetworkPart[]): (CallResult & { ok: false }) | undefined {
  for (const part of parts) {
    for (const result of [part.result].flat()) if (!result.ok) return result;
  }
  return undefined;
}

/**
 * The analytics envelope. All succeeded: `{status: "success", id?, <platform>: {…,
 * lastUpdated, nextUpdate}}`, HTTP 200. One network asked and it failed on the account
 * (475, 272, 680…): that error's body alone, with its HTTP status, as the seed prints
 * them. Otherwise each network under its key, failures as their bodies, and the first
 * failure's code and times at the top (seed 002's 444 example), with its HTTP status.
 */
export function analyticsEnvelope(
  parts: readonly NetworkPart[],
  shape: SuccessShape,
  lang: string | undefined,
  id?: string,
): Reply {
  const failed = firstFailure(parts);
  const only = parts.length === 1 ? [parts[0]?.result].flat() : [];
  if (failed && only.length === 1 && !failed.failure.fields) {
    return { status: httpStatusOf(failed.failure.error.code), body: failureBody(failed.failure, lang) };
  }
  const body: Record<string, unknown> = { status: failed ? 'error' : 'success' };
  if (!failed && id !== undefined) body.id = id;
  for (const part of parts) {
    body[part.platform] = Array.isArray(part.result)
      ? part.result.map((r) => partBody(r, shape, lang))
      : partBody(part.result, shape, lang);
  }
  if (!failed) return { status: 200, body };
  body.httpErrorCode = failed.failure.error.code;
  body.lastUpdated = failed.lastUpdated.toISOString();
  body.nextUpdate = failed.nextUpdate.toISOString();
  return { status: httpStatusOf(failed.failure.error.code), body };
}
