import { describe, expect, it } from 'vitest';
import { buildErrorBody, httpStatusOf } from '../../errors/build.ts';
import {
  type Asker,
  analyticsFailure,
  MEMBER_ANALYTICS_ERRORS,
  ORGANIZATION_ANALYTICS_ERRORS,
} from './analytics-errors.ts';
import type { LinkedInError } from './wire.ts';

const error = (status: number, code?: string, serviceErrorCode?: number): LinkedInError => ({
  kind: 'linkedin',
  status,
  message: 'Not enough permissions to access: memberCreatorPostAnalytics.FINDER-entity.20260101',
  headers: new Headers(),
  ...(code ? { code } : {}),
  ...(serviceErrorCode ? { serviceErrorCode } : {}),
});

const vectors: { row: string; asker: Asker; given: LinkedInError; code: number }[] = [
  { row: 'member 403 ACCESS_DENIED', asker: 'member', given: error(403, 'ACCESS_DENIED', 100), code: 475 },
  {
    row: 'organization 403 ACCESS_DENIED',
    asker: 'organization',
    given: error(403, 'ACCESS_DENIED', 100),
    code: 682,
  },
  {
    row: 'falls through: 401 revoked',
    asker: 'member',
    given: error(401, 'REVOKED_ACCESS_TOKEN', 65601),
    code: 623,
  },
  { row: 'falls through: 429 throttle', asker: 'organization', given: error(429), code: 624 },
  { row: 'falls through: 500', asker: 'member', given: error(500), code: 625 },
];

describe('LinkedIn analytics error tables', () => {
  it('one vector per row of each table', () => {
    expect(vectors.filter((v) => !v.row.startsWith('falls')).length).toBe(
      MEMBER_ANALYTICS_ERRORS.length + ORGANIZATION_ANALYTICS_ERRORS.length,
    );
  });

  it.each(vectors)('$row → $code', ({ row, given, asker, code }) => {
    const answer = analyticsFailure(given, asker, Date.parse('2026-01-10T23:00:00Z'));
    expect(answer.error.code).toBe(code);
    expect(answer).toEqual(ANSWERS[row]);
  });

  it('475 is the seed’s body exactly: HTTP 403, a relink, no details and no platform key', () => {
    const body = buildErrorBody(analyticsFailure(error(403, 'ACCESS_DENIED', 100), 'member').error);
    expect(httpStatusOf(475)).toBe(403);
    expect(body).toEqual({
      action: 'authorization',
      status: 'error',
      code: 475,
      message:
        'Your LinkedIn profile is missing the analytics permissions. Please re-link your LinkedIn profile to enable analytics.',
      resolution: { relink: true, platform: 'linkedin' },
    });
  });

  it('a daily throttle waits until UTC midnight', () => {
    const now = Date.UTC(2026, 0, 10, 23, 0, 0);
    expect(analyticsFailure(error(429), 'member', now).waitSeconds).toBe(3600);
  });
});

/** The whole answer of each vector: the code, and what the client is told with it (platform, params, details, wait). */
const ANSWERS: Record<string, unknown> = {
  'member 403 ACCESS_DENIED': { kind: 'failed', error: { code: 475, platform: 'linkedin' } },
  'organization 403 ACCESS_DENIED': {
    kind: 'failed',
    error: {
      code: 682,
      platform: 'linkedin',
      params: { platformName: 'LinkedIn' },
      details:
        'ACCESS_DENIED: Not enough permissions to access: memberCreatorPostAnalytics.FINDER-entity.20260101',
    },
  },
  'falls through: 401 revoked': {
    kind: 'failed',
    error: {
      code: 623,
      platform: 'linkedin',
      params: { platformName: 'LinkedIn' },
      details:
        'REVOKED_ACCESS_TOKEN: Not enough permissions to access: memberCreatorPostAnalytics.FINDER-entity.20260101',
    },
  },
  'falls through: 429 throttle': {
    kind: 'failed',
    error: { code: 624, platform: 'linkedin', params: { platformName: 'LinkedIn', retryAfter: 3600 } },
    waitSeconds: 3600,
  },
  'falls through: 500': {
    kind: 'failed',
    error: {
      code: 625,
      platform: 'linkedin',
      params: { platformName: 'LinkedIn' },
      details:
        'HTTP 500: Not enough permissions to access: memberCreatorPostAnalytics.FINDER-entity.20260101',
    },
  },
};
