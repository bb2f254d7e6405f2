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
import type { RedditFailure } from './wire.ts';

/**
 * Reddit's errors on reads where they differ from publishing: a 403 is a token without
 * the `read` / `history` scope (682: re-link granting them), not a refused submit.
 */
export const REDDIT_ANALYTICS_ERRORS: readonly ErrorRow[] = [
  { when: { status: 403 }, maps: { code: 682 }, note: 'The token lacks the read or history scope.' },
];

export function analyticsFailure(failure: RedditFailure): AnalyticsFailure {
  if (failure.kind === 'network') return { kind: 'failed', error: unreachableSpec(failure.reason) };
  const row = classify(REDDIT_ANALYTICS_ERRORS, signalOf(failure));
  if (row)
    return {
      kind: 'failed',
      error: {
        ...row.maps,
        platform: 'reddit',
        params: { platformName: PLATFORM_NAME },
        details: describe(failure),
      },
    };
  const { spec } = classifyError(failure, '');
  return spec.code === 624
    ? { kind: 'failed', error: spec, waitSeconds: retryAfterSeconds(failure) }
    : { kind: 'failed', error: spec };
}
