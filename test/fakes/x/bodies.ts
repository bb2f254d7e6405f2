import type { Reply } from '../http.ts';

/**
 * X's error bodies exactly as shared/reference/platform-apis.md §5 records them
 * (problem+json with a `type` URI; the v1.1 `errors[]` shape for leftovers).
 * The host in `type` varies (api.twitter.com / api.x.com) as it does at X.
 */

const PROBLEMS = 'https://api.twitter.com/2/problems';

export const X_BODIES = {
  duplicate: (): Reply => ({
    status: 403,
    body: {
      detail: 'You are not allowed to create a Tweet with duplicate content.',
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
    },
  }),
  notPermitted: (): Reply => ({
    status: 403,
    body: {
      detail: 'You are not permitted to perform this action.',
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
    },
  }),
  tooManyRequests: (resetEpochSeconds: number): Reply => ({
    status: 429,
    body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
    headers: {
      'x-rate-limit-limit': '100',
      'x-rate-limit-remaining': '0',
      'x-rate-limit-reset': String(resetEpochSeconds),
    },
  }),
  usageCapped: (): Reply => ({
    status: 429,
    body: {
      title: 'UsageCapExceeded',
      detail: 'Usage cap exceeded: Monthly product cap',
      type: `${PROBLEMS}/usage-capped`,
      period: 'Monthly',
      scope: 'Product',
    },
  }),
  credits: (accountId: string): Reply => ({
    status: 402,
    body: {
      account_id: Number(accountId),
      title: 'CreditsDepleted',
      detail: `Your enrolled account [${accountId}] does not have any credits to fulfill this request.`,
      type: `${PROBLEMS}/credits`,
    },
  }),
  unauthorized: (): Reply => ({
    status: 401,
    body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
  }),
  oauth1Permissions: (): Reply => ({
    status: 403,
    body: {
      title: 'Forbidden',
      status: 403,
      detail:
        'Your client app is not configured with the appropriate oauth1 app permissions for this endpoint.',
      type: 'https://api.x.com/2/problems/oauth1-permissions',
    },
  }),
  suspended: (): Reply => ({
    status: 403,
    body: {
      detail: 'The user used for authentication is suspended',
      title: 'Forbidden',
      status: 403,
      type: `${PROBLEMS}/user-suspended`,
    },
  }),
  locked: (): Reply => ({
    status: 403,
    body: {
      errors: [
        {
          code: 326,
          message:
            'To protect our users from spam and other malicious activity, this account is temporarily locked. Please log in to https://twitter.com to unlock your account.',
        },
      ],
    },
  }),
  invalid: (message: string, parameters: Record<string, string[]>): Reply => ({
    status: 400,
    body: {
      errors: [{ parameters, message }],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: `${PROBLEMS}/invalid-request`,
    },
  }),
  /** An app whose access does not include the endpoint (a legacy Free app reading). */
  clientForbidden: (): Reply => ({
    status: 403,
    body: {
      client_id: '27943882',
      detail:
        'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.',
      registration_url: 'https://developer.twitter.com/en/docs/projects/overview',
      title: 'Client Forbidden',
      required_enrollment: 'Appropriate Level of API Access',
      reason: 'client-not-enrolled',
      type: `${PROBLEMS}/client-forbidden`,
    },
  }),
  notFound: (id: string): Reply => ({
    status: 404,
    body: {
      title: 'Not Found Error',
      detail: `Could not find tweet with id: [${id}].`,
      type: `${PROBLEMS}/resource-not-found`,
    },
  }),
};
