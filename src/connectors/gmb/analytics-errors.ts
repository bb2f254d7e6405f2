import type { AnalyticsFailure } from '../analytics-types.ts';
import { classify } from '../shared/error-table.ts';
import type { ErrorRow } from '../types.ts';
import {
  classifyError,
  describe,
  PLATFORM_NAME,
  RATE_LIMIT_RETRY_S,
  signalOf,
  unreachableSpec,
} from './errors.ts';
import type { GmbFailure } from './wire.ts';

/**
 * Business Profile's errors on reads where they differ from publishing: a local post
 * Google does not have (NOT_FOUND on the post itself) is 607 rather than "the location is
 * unreachable"; PERMISSION_DENIED on a report is a token without the scope (682).
 */
export const GMB_ANALYTICS_ERRORS: readonly ErrorRow[] = [
  { when: { code: 'NOT_FOUND' }, maps: { code: 607 }, note: 'The local post (or location) does not exist.' },
  {
    when: { code: 'PERMISSION_DENIED' },
    maps: { code: 682 },
    note: 'The token may not read this location’s performance (business.manage not granted, or not a manager).',
  },
];

export function analyticsFailure(failure: GmbFailure, what: string): AnalyticsFailure {
  if (failure.kind === 'network') return { kind: 'failed', error: unreachableSpec(failure.reason) };
  const row = classify(GMB_ANALYTICS_ERRORS, signalOf(failure));
  if (row?.maps.code === 607)
    return { kind: 'failed', error: { code: 607, params: { what: `${what} on ${PLATFORM_NAME}` } } };
  if (row)
    return {
      kind: 'failed',
      error: {
        ...row.maps,
        platform: 'gmb',
        params: { platformName: PLATFORM_NAME },
        details: describe(failure),
      },
    };
  const { spec } = classifyError(failure);
  return spec.code === 624
    ? { kind: 'failed', error: spec, waitSeconds: RATE_LIMIT_RETRY_S }
    : { kind: 'failed', error: spec };
}
