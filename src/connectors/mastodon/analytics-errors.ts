import type { AnalyticsFailure } from '../analytics-types.ts';
import { classify } from '../shared/error-table.ts';
import type { ErrorRow } from '../types.ts';
import { classifyError, PLATFORM_NAME, refusedSpec, retryAfterSeconds, unreachableSpec } from './errors.ts';
import type { MastodonFailure } from './wire.ts';

/**
 * Mastodon's errors on reads where they differ from publishing: 404 "Record not found"
 * is 607; 403 on a read is a token without `read:statuses` / `read:accounts` (682, "This
 * action is outside the authorized scopes"). By status only, as the instance sends no code.
 */
export const MASTODON_ANALYTICS_ERRORS: readonly ErrorRow[] = [
  {
    when: { status: 404 },
    maps: { code: 607 },
    note: '"Record not found": no such status, or not visible to this account.',
  },
  { when: { status: 403 }, maps: { code: 682 }, note: 'A token without the read scopes.' },
];

export function analyticsFailure(failure: MastodonFailure, id: string, nowMs = Date.now()): AnalyticsFailure {
  if (failure.kind === 'refused') return { kind: 'failed', error: refusedSpec(failure.reason) };
  if (failure.kind === 'network') return { kind: 'failed', error: unreachableSpec(failure.reason) };
  const row = classify(MASTODON_ANALYTICS_ERRORS, { status: failure.status });
  if (row?.maps.code === 607)
    return { kind: 'failed', error: { code: 607, params: { what: `Status ${id} on ${PLATFORM_NAME}` } } };
  if (row)
    return {
      kind: 'failed',
      error: {
        ...row.maps,
        platform: 'mastodon',
        params: { platformName: PLATFORM_NAME },
        details: `HTTP ${failure.status}: ${failure.message}`,
      },
    };
  const { spec } = classifyError(failure, nowMs);
  return spec.code === 624
    ? { kind: 'failed', error: spec, waitSeconds: retryAfterSeconds(failure.headers, nowMs) }
    : { kind: 'failed', error: spec };
}
