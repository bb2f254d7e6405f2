import type { AnalyticsFailure } from '../analytics-types.ts';
import { classify } from '../shared/error-table.ts';
import type { ErrorRow } from '../types.ts';
import {
  classifyProblem,
  describe,
  PLATFORM_NAME,
  retryAfterSeconds,
  signalOf,
  unreachableSpec,
} from './errors.ts';
import type { XFailure } from './wire.ts';

/**
 * X's errors on the analytics calls where they differ from publishing: an identity failure
 * is the seed's long 272 (analytics variant: `resolution` and X's own words in `details`)
 * instead of the post path's minimal body; a post X cannot find is 607. The rest is the
 * publishing table (402 → 416, 429 → 624, …).
 */
export const X_ANALYTICS_ERRORS: readonly ErrorRow[] = [
  {
    when: { code: 'user-suspended' },
    maps: { code: 272, variant: 'analytics' },
    note: '403 user-suspended: "The user used for authentication is suspended" (relinking will not help).',
  },
  {
    when: { code: 64 },
    maps: { code: 272, variant: 'analytics' },
    note: 'v1.1 64: the account is suspended.',
  },
  {
    when: { code: 326 },
    maps: { code: 272, variant: 'analytics' },
    note: 'v1.1 326: the account is locked (unlock on x.com).',
  },
  {
    when: { status: 401 },
    maps: { code: 272, variant: 'analytics' },
    note: '401: the BYO keys belong to another app than the stored tokens, or the tokens were revoked.',
  },
  {
    when: { code: 'resource-not-found' },
    maps: { code: 607 },
    note: 'The post does not exist (or was deleted): not found.',
  },
];

export function analyticsFailure(failure: XFailure, id: string, nowMs = Date.now()): AnalyticsFailure {
  if (failure.kind === 'network') return { kind: 'failed', error: unreachableSpec(failure.reason) };
  const row = classify(X_ANALYTICS_ERRORS, signalOf(failure));
  if (row?.maps.code === 607)
    return { kind: 'failed', error: { code: 607, params: { what: `Post ${id} on ${PLATFORM_NAME}` } } };
  if (row) {
    // The seed's details are X's own words, as X sent them ("The user used for authentication is suspended").
    const details = failure.detail ?? failure.title ?? describe(failure);
    return { kind: 'failed', error: { ...row.maps, platform: 'twitter', details } };
  }
  const { spec } = classifyProblem(failure, 'other', nowMs);
  return spec.code === 624
    ? { kind: 'failed', error: spec, waitSeconds: retryAfterSeconds(failure.headers, nowMs) }
    : { kind: 'failed', error: spec };
}
