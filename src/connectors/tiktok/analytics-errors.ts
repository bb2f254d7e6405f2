import type { AnalyticsFailure } from '../analytics-types.ts';
import { classify } from '../shared/error-table.ts';
import type { ErrorRow } from '../types.ts';
import type { Failure } from './client.ts';
import { describeFailure, PLATFORM_NAME, signalOf, TIKTOK_ERRORS } from './errors.ts';

/**
 * TikTok's Display API errors where they differ from publishing: a token without
 * video.list or user.info.stats (`scope_not_authorized`) is 682, a relink granting the
 * analytics scopes, rather than publishing's 623. A per-minute cap waits a minute.
 */
export const TIKTOK_ANALYTICS_ERRORS: readonly ErrorRow[] = [
  {
    when: { code: 'scope_not_authorized' },
    maps: { code: 682 },
    note: 'video.list or user.info.stats was not granted.',
  },
  {
    when: { code: 'scope_permission_missed' },
    maps: { code: 682 },
    note: 'A read scope is missing from the token.',
  },
];

/** TikTok documents no reset header for its per-minute caps. */
const RATE_LIMIT_WAIT_S = 60;

export function analyticsFailure(failure: Failure): AnalyticsFailure {
  const row =
    classify(TIKTOK_ANALYTICS_ERRORS, signalOf(failure)) ?? classify(TIKTOK_ERRORS, signalOf(failure));
  const maps = row?.maps ?? { code: 621 };
  const details = describeFailure(failure);
  const error = {
    ...maps,
    platform: 'tiktok' as const,
    params: { platformName: PLATFORM_NAME, ...maps.params },
    details,
  };
  if (maps.code === 624)
    return {
      kind: 'failed',
      error: { ...error, params: { ...error.params, retryAfter: RATE_LIMIT_WAIT_S } },
      waitSeconds: RATE_LIMIT_WAIT_S,
    };
  return { kind: 'failed', error };
}
