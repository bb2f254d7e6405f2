import type { AnalyticsFailure } from '../analytics-types.ts';
import { classify } from '../shared/error-table.ts';
import type { ErrorRow } from '../types.ts';
import {
  classifyError,
  describe,
  PLATFORM_NAME,
  retryAfterSeconds,
  signalOf,
  unreachableSpec,
} from './errors.ts';
import type { PinterestFailure } from './wire.ts';

/**
 * Pinterest's read errors where they differ from publishing: 29 "not permitted" on a read
 * is a missing pins:read / user_accounts:read scope (682), and 50 "Pin not found" is 607.
 */
export const PINTEREST_ANALYTICS_ERRORS: readonly ErrorRow[] = [
  { when: { code: 29 }, maps: { code: 682 }, note: 'pins:read or user_accounts:read was not granted.' },
  { when: { code: 50 }, maps: { code: 607 }, note: 'Pin not found (deleted, or not this account’s).' },
];

export function analyticsFailure(failure: PinterestFailure, id: string): AnalyticsFailure {
  if (failure.kind === 'network') return { kind: 'failed', error: unreachableSpec(failure.reason) };
  const row = classify(PINTEREST_ANALYTICS_ERRORS, signalOf(failure));
  if (row?.maps.code === 607)
    return { kind: 'failed', error: { code: 607, params: { what: `Pin ${id} on ${PLATFORM_NAME}` } } };
  if (row)
    return {
      kind: 'failed',
      error: {
        ...row.maps,
        platform: 'pinterest',
        params: { platformName: PLATFORM_NAME },
        details: describe(failure),
      },
    };
  const { spec } = classifyError(failure);
  return spec.code === 624
    ? { kind: 'failed', error: spec, waitSeconds: retryAfterSeconds(failure.headers) }
    : { kind: 'failed', error: spec };
}
