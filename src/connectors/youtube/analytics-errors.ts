import type { AnalyticsFailure } from '../analytics-types.ts';
import { classify } from '../shared/error-table.ts';
import type { ErrorRow } from '../types.ts';
import type { Failure } from './client.ts';
import { classifyFailure, describeFailure, PLATFORM_NAME, signalOf } from './errors.ts';

const SERVER_ERRORS: readonly number[] = Array.from({ length: 100 }, (_, i) => 500 + i);

/**
 * YouTube's errors on reads where they differ from uploads (whose table speaks of the
 * upload service, 453/454): a token without the read or analytics scope is 682, a video
 * that does not exist 607, Google's 5xx or no answer 625. The rest is the upload table
 * (401 authError → 623 after one refresh, quotaExceeded → 628).
 */
export const YOUTUBE_ANALYTICS_ERRORS: readonly ErrorRow[] = [
  {
    when: { status: 403, code: 'insufficientPermissions' },
    maps: { code: 682 },
    note: 'The token was granted without youtube.readonly / yt-analytics.readonly.',
  },
  { when: { status: 404 }, maps: { code: 607 }, note: 'videoNotFound / channelNotFound.' },
  { when: { status: SERVER_ERRORS }, maps: { code: 625 }, note: 'backendError or any other 5xx.' },
  { when: { status: 0 }, maps: { code: 625 }, note: 'No answer from Google.' },
];

export function analyticsFailure(failure: Failure, id: string): AnalyticsFailure {
  const row = classify(YOUTUBE_ANALYTICS_ERRORS, signalOf(failure));
  const details = describeFailure(failure);
  if (row?.maps.code === 607)
    return { kind: 'failed', error: { code: 607, params: { what: `Video ${id} on ${PLATFORM_NAME}` } } };
  if (row)
    return {
      kind: 'failed',
      error: { ...row.maps, platform: 'youtube', params: { platformName: PLATFORM_NAME }, details },
    };
  return { kind: 'failed', error: classifyFailure(failure).spec };
}

/** The YouTube Analytics API answers 403 `forbidden` for a video or channel the token does not own. */
export function notOwned(failure: Failure): boolean {
  return failure.kind === 'api' && failure.status === 403 && failure.reason === 'forbidden';
}
