import type { AnalyticsFailure } from '../analytics-types.ts';
import { classify } from '../shared/error-table.ts';
import type { ErrorRow } from '../types.ts';
import {
  classifyError,
  PLATFORM_NAME,
  secondsUntilUtcMidnight,
  signalOf,
  unreachableSpec,
} from './errors.ts';
import type { LinkedInFailure } from './wire.ts';

/**
 * LinkedIn's analytics errors where they differ from publishing, by which account asks
 * (the call decides: member analytics or organization statistics) and by status only.
 * A member profile without r_member_postAnalytics gets 403 ACCESS_DENIED from
 * memberCreatorPostAnalytics: the seed's 475 (relink; posting is unaffected). An
 * organization without the admin role or scope is 682. The rest is publishing's table.
 */
export const MEMBER_ANALYTICS_ERRORS: readonly ErrorRow[] = [
  {
    when: { status: 403 },
    maps: { code: 475 },
    note: 'memberCreatorPostAnalytics 403 ACCESS_DENIED: the profile was linked without r_member_postAnalytics.',
  },
];

export const ORGANIZATION_ANALYTICS_ERRORS: readonly ErrorRow[] = [
  {
    when: { status: 403 },
    maps: { code: 682 },
    note: 'organizationalEntityShareStatistics 403: no ADMINISTRATOR role or no rw_organization_admin scope.',
  },
];

export type Asker = 'member' | 'organization';

export function analyticsFailure(
  failure: LinkedInFailure,
  asker: Asker,
  nowMs = Date.now(),
): AnalyticsFailure {
  if (failure.kind === 'network') return { kind: 'failed', error: unreachableSpec(failure.reason) };
  const table = asker === 'member' ? MEMBER_ANALYTICS_ERRORS : ORGANIZATION_ANALYTICS_ERRORS;
  const row = classify(table, signalOf(failure));
  if (row?.maps.code === 475) return { kind: 'failed', error: { code: 475, platform: 'linkedin' } };
  if (row) {
    const details = `${failure.code ?? `HTTP ${failure.status}`}: ${failure.message}`;
    return {
      kind: 'failed',
      error: { ...row.maps, platform: 'linkedin', params: { platformName: PLATFORM_NAME }, details },
    };
  }
  const { spec } = classifyError(failure, nowMs);
  return spec.code === 624
    ? { kind: 'failed', error: spec, waitSeconds: secondsUntilUtcMidnight(nowMs) }
    : { kind: 'failed', error: spec };
}
