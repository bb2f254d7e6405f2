import type { ErrorSpec } from '../../errors/build.ts';
import type { AnalyticsFailure } from '../analytics-types.ts';
import type { ErrorRow } from '../types.ts';
import { classify } from './error-table.ts';
import { type GraphClient, type GraphFailure, type GraphResult, isObject } from './graph-client.ts';
import {
  headerWaitSeconds,
  META_IDENTITY_ROWS,
  type MetaClassified,
  type MetaPlatform,
  metaWords,
  signalOf,
} from './graph-errors.ts';

/**
 * What the three Meta connectors share about metrics: reading an insights answer, the
 * rows their analytics tables start with, and a failed call as an analytics failure.
 */

/**
 * Meta's insights answer as name → value. A lifetime metric has `values: [{value}]`, an
 * account metric with `metric_type=total_value` has `total_value: {value}`, a daily series
 * ends with the latest day: that one is taken.
 */
export function readInsights(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const data = Array.isArray(body.data) ? body.data : [];
  for (const entry of data) {
    if (!isObject(entry) || typeof entry.name !== 'string') continue;
    if (isObject(entry.total_value)) out[entry.name] = entry.total_value.value;
    else if (Array.isArray(entry.values) && entry.values.length > 0) {
      const last = entry.values.at(-1);
      if (isObject(last)) out[entry.name] = last.value;
    }
  }
  return out;
}

/** A count Meta sent, or 0 when the metric is absent (a Page under 100 likes, a story past 24 h). */
export function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** `{summary: {total_count}}` of an edge asked with `.summary(total_count)`. */
export function summaryCount(value: unknown): number {
  return isObject(value) && isObject(value.summary) ? count(value.summary.total_count) : 0;
}

/**
 * Rows every Meta analytics table shares, before the network's own: identity checks stay
 * 326, a missing permission to read insights is 682 (re-link granting it), a throttle is
 * a rate limit that waits as long as Meta's usage headers say.
 */
export const META_ANALYTICS_ROWS: readonly ErrorRow[] = [
  ...META_IDENTITY_ROWS,
  {
    when: { code: 10 },
    maps: { code: 682 },
    note: '(#10) Permission denied: the token lacks read_insights / instagram_manage_insights / threads_manage_insights.',
  },
  {
    when: { code: 200 },
    maps: { code: 682 },
    note: '(#200) Requires pages_read_engagement (or another read permission) on this object.',
  },
  {
    when: { code: 100, subcode: 33 },
    maps: { code: 607 },
    note: 'The object does not exist for this token (deleted, or not this account’s): not found.',
  },
  { when: { code: 4 }, maps: { code: 624 }, retry: 'after-reset', note: 'Application request limit.' },
  { when: { code: 17 }, maps: { code: 624 }, retry: 'after-reset', note: 'User request limit.' },
  { when: { code: 32 }, maps: { code: 624 }, retry: 'after-reset', note: 'Page request limit.' },
  { when: { code: 613 }, maps: { code: 624 }, retry: 'after-reset', note: 'Custom rate limit.' },
  {
    when: { code: 80002 },
    maps: { code: 624 },
    retry: 'after-reset',
    note: 'Instagram business use case limit.',
  },
];

export interface GraphAnalyticsErrors {
  platform: MetaPlatform;
  platformName: string;
  /** This network's analytics rows, checked first (they end where publishing's table takes over). */
  table: readonly ErrorRow[];
  /** The publishing classification, for everything the analytics table does not name. */
  publishing(failure: Extract<GraphFailure, { kind: 'graph' }>): MetaClassified;
}

/** Seconds before a throttled account may be asked again: Meta's headers, else undefined (the core backs off). */
function waitOf(failure: Extract<GraphFailure, { kind: 'graph' }>): number | undefined {
  return headerWaitSeconds(failure.headers);
}

/** A failed Graph call of an analytics request, as the analytics failure the envelope renders. */
export function graphAnalyticsFailure(
  failure: GraphFailure,
  errors: GraphAnalyticsErrors,
  object: { id: string; pageId?: string },
): AnalyticsFailure {
  const { platform, platformName } = errors;
  const named = { platform, params: { platformName } };
  if (failure.kind === 'network')
    return { kind: 'failed', error: { code: 625, ...named, details: failure.reason } };
  const row = classify(errors.table, signalOf(failure));
  if (!row) return { kind: 'failed', error: errors.publishing(failure).spec };
  const words = metaWords(failure.error);
  const { code } = row.maps;
  if (code === 444) {
    // The seed's body: Meta's code as errCode, the Page and the post it was asked about.
    const fields = {
      ...(failure.error.code !== undefined ? { errCode: failure.error.code } : {}),
      ...(object.pageId !== undefined ? { pageId: object.pageId } : {}),
      id: object.id,
    };
    const wait = waitOf(failure);
    return {
      kind: 'failed',
      error: { ...row.maps, platform },
      fields,
      ...(wait ? { waitSeconds: wait } : {}),
    };
  }
  if (code === 607)
    return { kind: 'failed', error: { code, params: { what: `Post ${object.id} on ${platformName}` } } };
  if (row.retry === 'after-reset') {
    const wait = waitOf(failure);
    const spec: ErrorSpec = { ...row.maps, ...named, params: { platformName, retryAfter: wait ?? 300 } };
    return { kind: 'failed', error: spec, ...(wait ? { waitSeconds: wait } : {}) };
  }
  // Herald's own codes carry Meta's words; the seed's bodies (326) print none.
  const spec: ErrorSpec = { ...row.maps, ...named, ...(code >= 600 ? { details: words } : {}) };
  return { kind: 'failed', error: spec };
}

/** Both calls' answers, or the first failure. */
export async function bothOrFailure(
  first: Promise<GraphResult>,
  second: Promise<GraphResult>,
): Promise<
  { ok: true; a: Record<string, unknown>; b: Record<string, unknown> } | { ok: false; failure: GraphFailure }
> {
  const [a, b] = await Promise.all([first, second]);
  if (!a.ok) return a;
  if (!b.ok) return b;
  return { ok: true, a: a.value, b: b.value };
}

export type { GraphClient };
