import { describe, expect, it } from 'vitest';
import { buildErrorBody } from '../../errors/build.ts';
import { catalogEntry } from '../../errors/catalog/index.ts';
import {
  BACKOFF_MS,
  classifyError,
  duplicateOf,
  LINKEDIN_ERRORS,
  LINKEDIN_TOKEN_REFUSAL,
  secondsUntilUtcMidnight,
} from './errors.ts';
import { errorOf, type LinkedInError } from './wire.ts';

/** 2027-01-15 23:00:00 UTC: one hour before LinkedIn's daily windows reset. */
const NOW_MS = Date.UTC(2027, 0, 15, 23, 0, 0);

/** LinkedIn's documented bodies (platform-apis.md §8), read the way the client reads them. */
function error(status: number, body: Record<string, unknown> | undefined): LinkedInError {
  return errorOf(status, body, new Headers(), 'no body');
}

const vectors: {
  row: string;
  given: LinkedInError;
  code: number;
  retryAfterMs?: number;
  details?: string;
}[] = [
  {
    row: '401 invalid token',
    given: error(401, { status: 401, serviceErrorCode: 65600, message: 'Invalid access token' }),
    code: 623,
    details: 'HTTP 401: Invalid access token',
  },
  {
    row: '401 expired token',
    given: error(401, {
      status: 401,
      serviceErrorCode: 65602,
      code: 'EXPIRED_ACCESS_TOKEN',
      message: 'The token used in the request has expired',
    }),
    code: 623,
  },
  {
    row: '401 revoked',
    given: error(401, {
      status: 401,
      serviceErrorCode: 65601,
      code: 'REVOKED_ACCESS_TOKEN',
      message: 'The token used in the request has been revoked by the user',
    }),
    code: 623,
    details: 'REVOKED_ACCESS_TOKEN: The token used in the request has been revoked by the user',
  },
  {
    row: '403 ACCESS_DENIED',
    given: error(403, {
      status: 403,
      serviceErrorCode: 100,
      code: 'ACCESS_DENIED',
      message: 'Not enough permissions to access: partnerApiPostsExternal.CREATE.20260101',
    }),
    code: 623,
  },
  {
    row: '429 throttle',
    given: error(429, {
      message: 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
      status: 429,
    }),
    code: 624,
    retryAfterMs: 3_600_000,
  },
  {
    row: '426 NONEXISTENT_VERSION',
    given: error(426, {
      status: 426,
      code: 'NONEXISTENT_VERSION',
      message: 'Requested version 202301 is not active',
    }),
    code: 621,
    details: 'NONEXISTENT_VERSION: Requested version 202301 is not active',
  },
  {
    row: 'VERSION_MISSING',
    given: error(400, { status: 400, code: 'VERSION_MISSING', message: 'A version must be present.' }),
    code: 621,
  },
  {
    row: '422 not a duplicate',
    given: error(422, {
      status: 422,
      code: 'UNPROCESSABLE_ENTITY',
      message: 'Content is a duplicate of urn:li:share:1',
    }),
    code: 622,
    details: 'Content is a duplicate of urn:li:share:1',
  },
  {
    row: '400 field',
    given: error(400, {
      status: 400,
      code: 'FIELD_LENGTH_TOO_LONG',
      message: '/commentary: length exceeds 3000',
    }),
    code: 622,
    details: '/commentary: length exceeds 3000',
  },
  { row: '5xx', given: error(503, undefined), code: 625, retryAfterMs: BACKOFF_MS },
  {
    row: 'catch-all',
    given: error(404, { status: 404, message: 'Not Found' }),
    code: 621,
    details: 'HTTP 404: Not Found',
  },
];

describe('LinkedIn error table', () => {
  it('has exactly one vector per row', () => {
    expect(vectors).toHaveLength(LINKEDIN_ERRORS.length);
  });

  it.each(vectors.map((vector, index) => ({ ...vector, index })))(
    'row $index ($row) → $code',
    ({ given, code, retryAfterMs, details, index }) => {
      const classified = classifyError(given, NOW_MS);
      expect(classified.row).toBe(LINKEDIN_ERRORS[index]);
      expect(classified.spec).toMatchObject({ code, platform: 'linkedin' });
      expect(classified.retryAfterMs).toBe(retryAfterMs);
      if (details !== undefined) expect(classified.spec.details).toBe(details);
      expect(catalogEntry(code).platforms).toContain('linkedin');
      expect(buildErrorBody(classified.spec).message).toContain('LinkedIn');
    },
  );

  it('waits until 00:00 UTC after a throttle', () => {
    expect(secondsUntilUtcMidnight(NOW_MS)).toBe(3600);
    expect(secondsUntilUtcMidnight(Date.UTC(2027, 0, 15, 0, 0, 0))).toBe(86_400);
  });
});

describe('a 422 duplicate is the existing post', () => {
  it.each([
    [
      'no code (LinkedIn’s usual shape)',
      { message: 'Content is a duplicate of urn:li:share:6844785523593134080', status: 422 },
      'urn:li:share:6844785523593134080',
    ],
    [
      'code DUPLICATE_POST',
      { status: 422, code: 'DUPLICATE_POST', message: 'Content is a duplicate of urn:li:ugcPost:77' },
      'urn:li:ugcPost:77',
    ],
    [
      'another code is not a duplicate',
      { status: 422, code: 'UNPROCESSABLE_ENTITY', message: 'Content is a duplicate of urn:li:share:1' },
      undefined,
    ],
    ['no URN to adopt', { status: 422, message: 'Content is a duplicate' }, undefined],
  ])('%s', (_label, body, urn) => {
    expect(duplicateOf(error(422, body))).toBe(urn);
  });

  it('only a 422: the same words under another status are not a duplicate', () => {
    expect(
      duplicateOf(error(400, { status: 400, message: 'Content is a duplicate of urn:li:share:1' })),
    ).toBeUndefined();
  });
});

describe('which 401 is worth one token renewal', () => {
  it.each([
    [
      'INVALID_ACCESS_TOKEN 65600',
      401,
      { status: 401, serviceErrorCode: 65600, message: 'Invalid access token' },
      true,
    ],
    [
      'EXPIRED_ACCESS_TOKEN 65602',
      401,
      { status: 401, serviceErrorCode: 65602, code: 'EXPIRED_ACCESS_TOKEN', message: 'expired' },
      true,
    ],
    [
      'REVOKED_ACCESS_TOKEN 65601: the member revoked the app, its refresh token too',
      401,
      { status: 401, serviceErrorCode: 65601, code: 'REVOKED_ACCESS_TOKEN', message: 'revoked' },
      false,
    ],
    ['a 401 without a body', 401, undefined, false],
    [
      'a 403 ACCESS_DENIED',
      403,
      { status: 403, serviceErrorCode: 100, code: 'ACCESS_DENIED', message: 'no' },
      false,
    ],
  ])('%s → %s', (_name, status, body, renewable) => {
    expect(LINKEDIN_TOKEN_REFUSAL.renewable(status, body, new Headers())).toBe(renewable);
  });
});
