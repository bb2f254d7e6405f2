import type { ErrorSpec } from '../../errors/build.ts';
import type { Platform } from '../../platforms.ts';
import type { ErrorRow, ErrorSignal, PublishOutcome } from '../types.ts';
import { classify } from './error-table.ts';
import type { GraphError, GraphErrorBody, NetworkFailure } from './graph-client.ts';
import { isObject } from './graph-client.ts';

/**
 * What the three Meta connectors share about errors: the structured signal of a Graph
 * error, the rows every Meta table starts with, Meta's words for `details`, and the
 * wait a throttled call must honour. Meta's `message` never decides anything.
 */

export type MetaPlatform = Extract<Platform, 'facebook' | 'instagram' | 'threads'>;

export function signalOf(failure: GraphError): ErrorSignal {
  const signal: ErrorSignal = { status: failure.status, headers: failure.headers };
  if (failure.error.code !== undefined) signal.code = failure.error.code;
  if (failure.error.subcode !== undefined) signal.subcode = failure.error.subcode;
  return signal;
}

/**
 * Meta asks for identity verification on any of its networks (Pages, Instagram, Threads):
 * 326, HTTP 403, and never a relink prompt (relinking does not clear it). First in every table.
 */
export const META_IDENTITY_ROWS: readonly ErrorRow[] = [
  {
    when: { subcode: 4854002 },
    maps: { code: 326 },
    note: '368/4854002: "Confirm your identity before you can publish" (Meta identity verification).',
  },
  {
    when: { subcode: 1404078 },
    maps: { code: 326 },
    note: '1404078: Page Publishing Authorization, an identity check on Meta’s side.',
  },
];

/** Server errors: Meta's own code 1/2 bodies often come with 500, a proxy's without a body. */
export const SERVER_STATUSES: readonly number[] = Array.from({ length: 100 }, (_, i) => 500 + i);

/** Transient on every Meta network (code 1, code 2, any 5xx): retried with backoff, as 625. */
export const META_TRANSIENT_ROWS: readonly ErrorRow[] = [
  { when: { code: 1 }, maps: { code: 625 }, retry: 'backoff', note: 'Unknown error (transient).' },
  { when: { code: 2 }, maps: { code: 625 }, retry: 'backoff', note: 'Service temporarily unavailable.' },
  {
    when: { status: SERVER_STATUSES },
    maps: { code: 625 },
    retry: 'backoff',
    note: 'Meta or a proxy failed.',
  },
];

/**
 * Meta's text for `details`: the end-user title and message joined as the seeds print them
 * ("Media download has failed.: The media could not be fetched…"), else the developer message.
 */
export function metaWords(error: GraphErrorBody): string {
  if (error.userTitle && error.userMsg) return `${error.userTitle}: ${error.userMsg}`;
  return error.userMsg ?? error.message;
}

function retryAfterHeader(headers: Headers, nowMs: number): number | undefined {
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - nowMs) / 1000));
}

/**
 * `X-Business-Use-Case-Usage` is a JSON string keyed by business object id; each entry's
 * `estimated_time_to_regain_access` is in minutes. The longest wait wins.
 */
export function bucWaitSeconds(headers: Headers): number | undefined {
  const raw = headers.get('x-business-use-case-usage');
  if (!raw) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // A header we cannot read gives no wait; the caller falls back.
    return undefined;
  }
  if (!isObject(parsed)) return undefined;
  let minutes = 0;
  for (const entries of Object.values(parsed)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      const value = isObject(entry) ? entry.estimated_time_to_regain_access : undefined;
      if (typeof value === 'number' && value > minutes) minutes = value;
    }
  }
  return minutes > 0 ? minutes * 60 : undefined;
}

/** Seconds to wait, from the headers Meta sent: `Retry-After`, then the BUC estimate. */
export function headerWaitSeconds(headers: Headers, nowMs = Date.now()): number | undefined {
  return retryAfterHeader(headers, nowMs) ?? bucWaitSeconds(headers);
}

export interface GraphClassified {
  row: ErrorRow;
  spec: ErrorSpec;
}

/** A classified failure with what a connector may still need to complete its spec. */
export interface MetaClassified extends GraphClassified {
  signal: ErrorSignal;
  /** Meta's words (metaWords of an answer, or a container's status text). */
  words: string | undefined;
}

/** The table's row for a Graph error, as a catalog spec with the network's name as parameter. */
export function classifyGraph(
  table: readonly ErrorRow[],
  failure: GraphError,
  platform: MetaPlatform,
  platformName: string,
): GraphClassified {
  const row = classify(table, signalOf(failure));
  if (!row) throw new Error(`${platform} error table has no catch-all row`);
  return { row, spec: { ...row.maps, platform, params: { platformName } } };
}

/** Meta could not be reached: Herald's "temporarily unavailable", with the cause. */
export function unreachableSpec(platform: MetaPlatform, platformName: string, reason: string): ErrorSpec {
  return { code: 625, platform, params: { platformName }, details: reason };
}

/** A retry after this delay is safe when the call that failed could not have published. */
export const BACKOFF_MS = 30_000;

export type Failed = Extract<PublishOutcome, { kind: 'failed' }>;

/** A failure after which nothing can have been published: retried after a delay. */
export function retryLater(platform: MetaPlatform, platformName: string, reason: string): Failed {
  return { kind: 'failed', error: unreachableSpec(platform, platformName, reason), retryAfterMs: BACKOFF_MS };
}

/**
 * A call that failed without an answer. Before the publishing call nothing can exist
 * yet, so it is retried; the publishing call itself may have landed, so it is unknown.
 */
export function networkOutcome(
  failure: NetworkFailure,
  platform: MetaPlatform,
  platformName: string,
  publishing: boolean,
): PublishOutcome {
  if (publishing && failure.mayHaveArrived) return { kind: 'unknown', reason: failure.reason };
  return retryLater(platform, platformName, failure.reason);
}
