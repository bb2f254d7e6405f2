import type { Reply } from '../http.ts';

/** Google's standard error body (platform-apis.md §14): `{error: {code, message, status, details?}}`. */
export function googleError(status: number, grpcStatus: string, message: string, details?: unknown[]): Reply {
  return {
    status,
    body: { error: { code: status, message, status: grpcStatus, ...(details ? { details } : {}) } },
  };
}

export const UNAUTHENTICATED: Reply = googleError(
  401,
  'UNAUTHENTICATED',
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
);
export const PERMISSION_DENIED: Reply = googleError(
  403,
  'PERMISSION_DENIED',
  'The caller does not have permission',
);
export const NOT_FOUND: Reply = googleError(404, 'NOT_FOUND', 'Requested entity was not found.');

/** A ValidationError naming the refused field, as §14 shows it. */
export function invalidArgument(field: string, message: string): Reply {
  return googleError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.', [
    {
      '@type': 'type.googleapis.com/google.mybusiness.v4.ValidationError',
      errorDetails: [{ code: 3, field, message }],
    },
  ]);
}

/**
 * §14 says only "RESOURCE_EXHAUSTED (429)". The ErrorInfo detail is Google's standard
 * quota detail (google.rpc.ErrorInfo, reason RATE_LIMIT_EXCEEDED, metadata as strings);
 * an unapproved project's limit is "0" (§14: unapproved projects have 0 QPM).
 */
export function resourceExhausted(limit: string): Reply {
  return googleError(
    429,
    'RESOURCE_EXHAUSTED',
    "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute' of service 'mybusiness.googleapis.com' for consumer 'project_number:123456789'.",
    [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'RATE_LIMIT_EXCEEDED',
        domain: 'googleapis.com',
        metadata: {
          service: 'mybusiness.googleapis.com',
          consumer: 'projects/123456789',
          quota_metric: 'mybusiness.googleapis.com/default_requests',
          quota_limit: 'DefaultRequestsPerMinutePerProject',
          quota_limit_value: limit,
        },
      },
    ],
  );
}

export const BACKEND_ERROR: Reply = googleError(503, 'UNAVAILABLE', 'The service is currently unavailable.');
