import type { AnalyticsFailure } from '../analytics-types.ts';
import { classify } from '../shared/error-table.ts';
import type { ErrorRow } from '../types.ts';
import type { XrpcFailure } from './client.ts';
import { classifyFailure, PLATFORM_NAME, retryAfterSeconds, signalOf, unreachableSpec } from './errors.ts';

/**
 * Bluesky's reads go to the AppView through the PDS: a post it cannot find is `NotFound`
 * (getPosts itself answers an empty list), 607. Everything else is the publishing table
 * (ExpiredToken refreshed once, RateLimitExceeded waits until `ratelimit-reset`).
 */
export const BLUESKY_ANALYTICS_ERRORS: readonly ErrorRow[] = [
  { when: { code: 'NotFound' }, maps: { code: 607 }, note: 'The AppView has no such post.' },
];

export function analyticsFailure(failure: XrpcFailure, id: string, nowMs = Date.now()): AnalyticsFailure {
  if (failure.kind === 'network') return { kind: 'failed', error: unreachableSpec(failure.reason) };
  const row = classify(BLUESKY_ANALYTICS_ERRORS, signalOf(failure));
  if (row)
    return { kind: 'failed', error: { code: 607, params: { what: `Post ${id} on ${PLATFORM_NAME}` } } };
  const { spec } = classifyFailure(failure, nowMs);
  return spec.code === 624
    ? { kind: 'failed', error: spec, waitSeconds: retryAfterSeconds(failure.headers, nowMs) }
    : { kind: 'failed', error: spec };
}
