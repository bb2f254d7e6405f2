/**
 * YouTube's error answers exactly as platform-apis.md §6 shows them:
 * `{error: {code, message, errors: [{message, domain, reason}], status?}}`.
 */

export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function googleError(
  status: number,
  domain: string,
  reason: string,
  message: string,
  extra: { grpcStatus?: string; location?: string; details?: unknown[] } = {},
): FakeAnswer {
  const item: Record<string, string> = { message, domain, reason };
  if (extra.location) Object.assign(item, { location: extra.location, locationType: 'header' });
  const error: Record<string, unknown> = { code: status, message, errors: [item] };
  if (extra.grpcStatus) error.status = extra.grpcStatus;
  if (extra.details) error.details = extra.details;
  return { status, body: { error } };
}

const QUOTA_MESSAGE =
  'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.';

/** The answers tests script with `failNext`, named after YouTube's reasons. */
export const YOUTUBE_FAILURES = {
  quotaExceeded: () => googleError(403, 'youtube.quota', 'quotaExceeded', QUOTA_MESSAGE),
  uploadLimitExceeded: () =>
    googleError(
      400,
      'youtube.video',
      'uploadLimitExceeded',
      'The user has exceeded the number of videos they may upload.',
    ),
  uploadsPerDay: () =>
    googleError(
      429,
      'global',
      'rateLimitExceeded',
      "Quota exceeded for quota metric 'Video Uploads' and limit 'Video Uploads per day' of service 'youtube.googleapis.com' for consumer 'project_number:123456789'.",
      { grpcStatus: 'RESOURCE_EXHAUSTED' },
    ),
  /**
   * A Cloud project Google has not approved for the API: Google's standard quota error
   * (RESOURCE_EXHAUSTED with a google.rpc.ErrorInfo, metadata as strings) whose limit is "0".
   */
  zeroQuota: () =>
    googleError(
      429,
      'global',
      'rateLimitExceeded',
      "Quota exceeded for quota metric 'Queries' and limit 'Queries per day' of service 'youtube.googleapis.com' for consumer 'project_number:123456789'.",
      {
        grpcStatus: 'RESOURCE_EXHAUSTED',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'RATE_LIMIT_EXCEEDED',
            domain: 'googleapis.com',
            metadata: {
              service: 'youtube.googleapis.com',
              consumer: 'projects/123456789',
              quota_metric: 'youtube.googleapis.com/default',
              quota_limit: 'defaultPerDayPerProject',
              quota_limit_value: '0',
            },
          },
        ],
      },
    ),
  rateLimitExceeded: () =>
    googleError(
      403,
      'usageLimits',
      'rateLimitExceeded',
      'The request cannot be completed because you have exceeded your rate limit.',
    ),
  authError: () =>
    googleError(401, 'global', 'authError', 'Invalid Credentials', {
      grpcStatus: 'UNAUTHENTICATED',
      location: 'Authorization',
    }),
  backendError: () => googleError(503, 'global', 'backendError', 'Backend Error'),
  ingestTimeout: () =>
    googleError(504, 'global', 'backendError', 'Deadline exceeded', { grpcStatus: 'DEADLINE_EXCEEDED' }),
  invalidTitle: () =>
    googleError(
      400,
      'youtube.video',
      'invalidTitle',
      'The request metadata specifies an invalid or empty video title.',
    ),
  thumbnailForbidden: () =>
    googleError(
      403,
      'youtube.thumbnail',
      'forbidden',
      "The authenticated user doesn't have permissions to upload and set custom video thumbnails.",
    ),
} as const;
