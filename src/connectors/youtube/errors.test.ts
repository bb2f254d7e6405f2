import { describe, expect, it } from 'vitest';
import { YOUTUBE_FAILURES } from '../../../test/fakes/youtube/errors.ts';
import { buildErrorBody, httpStatusOf } from '../../errors/build.ts';
import { catalogEntry } from '../../errors/catalog/index.ts';
import { type ApiFailure, apiFailure, type Failure } from './client.ts';
import { classifyFailure, THUMBNAIL_ERRORS, thumbnailWarning, YOUTUBE_ERRORS } from './errors.ts';

function api(status: number, reason?: string, grpcStatus?: string): ApiFailure {
  const failure: ApiFailure = { kind: 'api', status, message: `message of ${reason ?? status}` };
  if (reason !== undefined) failure.reason = reason;
  if (grpcStatus !== undefined) failure.grpcStatus = grpcStatus;
  return failure;
}

function socket(...codes: string[]): Failure {
  return { kind: 'network', codes, reason: 'fetch failed' };
}

/** One vector per row, in table order: what YouTube (or the socket) says, and the catalog code. */
const vectors: {
  row: string;
  given: Failure;
  code: number;
  variant?: string;
  retryAfterMs?: number;
  details?: string;
}[] = [
  { row: 'ECONNRESET', given: socket('ECONNRESET'), code: 454, retryAfterMs: 30_000 },
  { row: 'ETIMEDOUT', given: socket('ETIMEDOUT'), code: 454, retryAfterMs: 30_000 },
  { row: 'ESOCKETTIMEDOUT', given: socket('ESOCKETTIMEDOUT'), code: 454, retryAfterMs: 30_000 },
  { row: 'EPIPE', given: socket('EPIPE'), code: 454, retryAfterMs: 30_000 },
  // undici wraps the cause: the nested code is the one the table names.
  { row: 'UND_ERR_SOCKET', given: socket('UND_ERR_SOCKET'), code: 454, retryAfterMs: 30_000 },
  {
    row: 'UND_ERR_HEADERS_TIMEOUT',
    given: socket('UND_ERR_HEADERS_TIMEOUT'),
    code: 454,
    retryAfterMs: 30_000,
  },
  { row: 'UND_ERR_BODY_TIMEOUT', given: socket('UND_ERR_BODY_TIMEOUT'), code: 454, retryAfterMs: 30_000 },
  {
    row: 'UND_ERR_CONNECT_TIMEOUT',
    given: socket('UND_ERR_CONNECT_TIMEOUT'),
    code: 454,
    retryAfterMs: 30_000,
  },
  { row: 'no answer', given: socket('ENOTFOUND'), code: 454, retryAfterMs: 30_000 },
  { row: '504', given: api(504, 'backendError'), code: 453, retryAfterMs: 90_000 },
  {
    row: 'DEADLINE_EXCEEDED',
    given: api(500, 'backendError', 'DEADLINE_EXCEEDED'),
    code: 453,
    retryAfterMs: 90_000,
  },
  {
    row: 'ZERO_QUOTA',
    given: { ...api(429, 'rateLimitExceeded', 'RESOURCE_EXHAUSTED'), zeroQuota: true },
    code: 646,
    details: 'rateLimitExceeded: message of rateLimitExceeded',
  },
  {
    row: 'quotaExceeded',
    given: api(403, 'quotaExceeded'),
    code: 628,
    details: 'quotaExceeded: message of quotaExceeded',
  },
  { row: 'uploadLimitExceeded', given: api(400, 'uploadLimitExceeded'), code: 629 },
  {
    row: '429 RESOURCE_EXHAUSTED',
    given: api(429, 'rateLimitExceeded', 'RESOURCE_EXHAUSTED'),
    code: 628,
    variant: 'uploads',
  },
  { row: '429', given: api(429), code: 624, retryAfterMs: 60_000, details: 'Retry-After: 60' },
  { row: 'rateLimitExceeded', given: api(403, 'rateLimitExceeded'), code: 624, retryAfterMs: 60_000 },
  { row: 'userRateLimitExceeded', given: api(403, 'userRateLimitExceeded'), code: 624, retryAfterMs: 60_000 },
  { row: 'youtubeSignupRequired', given: api(401, 'youtubeSignupRequired'), code: 176 },
  { row: 'authError', given: api(401, 'authError', 'UNAUTHENTICATED'), code: 623 },
  {
    row: 'invalid_grant',
    given: api(400, 'invalid_grant'),
    code: 623,
    details: 'invalid_grant: message of invalid_grant',
  },
  { row: '401', given: api(401), code: 623, details: 'HTTP 401: message of 401' },
  {
    row: 'insufficientPermissions',
    given: api(403, 'insufficientPermissions', 'PERMISSION_DENIED'),
    code: 623,
    details: 'insufficientPermissions: message of insufficientPermissions',
  },
  {
    row: 'invalidTitle',
    given: api(400, 'invalidTitle'),
    code: 176,
    details: 'invalidTitle: message of invalidTitle',
  },
  { row: 'invalidDescription', given: api(400, 'invalidDescription'), code: 176 },
  { row: 'invalidTags', given: api(400, 'invalidTags'), code: 176 },
  { row: 'invalidCategoryId', given: api(400, 'invalidCategoryId'), code: 176 },
  { row: 'invalidPublishAt', given: api(400, 'invalidPublishAt'), code: 176 },
  { row: 'mediaBodyRequired', given: api(400, 'mediaBodyRequired'), code: 176 },
  { row: '5xx', given: api(503, 'backendError'), code: 454, retryAfterMs: 30_000 },
  {
    row: 'catch-all',
    given: api(404, 'videoNotFound'),
    code: 176,
    details: 'videoNotFound: message of videoNotFound',
  },
];

describe('youtube error table', () => {
  it('has exactly one vector per row', () => {
    expect(vectors).toHaveLength(YOUTUBE_ERRORS.length);
  });

  it.each(vectors.map((vector, index) => ({ ...vector, index })))(
    'row $index ($row) → $code',
    ({ given, code, variant, retryAfterMs, details, index }) => {
      const classified = classifyFailure(given);
      expect(classified.row).toBe(YOUTUBE_ERRORS[index]);
      expect(classified.spec).toMatchObject({ code, platform: 'youtube' });
      expect(classified.spec.variant).toBe(variant);
      expect(classified.retryAfterMs).toBe(retryAfterMs);
      const body = buildErrorBody(classified.spec);
      expect(body.platform).toBe('youtube');
      if (details !== undefined) expect(body.details).toBe(details);
      expect(catalogEntry(code).platforms).toContain('youtube');
    },
  );

  it('453 and 454 bodies are the seed’s, field for field (no details) with HTTP 504 and 503', () => {
    const timeout = buildErrorBody(classifyFailure(api(504)).spec);
    expect(timeout).toEqual({
      action: 'post',
      status: 'error',
      code: 453,
      message:
        'YouTube upload timed out (Google ingest). This is typically transient; please retry in 1–2 minutes.',
      retryAvailable: true,
      platform: 'youtube',
    });
    expect(httpStatusOf(453)).toBe(504);
    expect(buildErrorBody(classifyFailure(socket('ECONNRESET')).spec)).toEqual({
      action: 'post',
      status: 'error',
      code: 454,
      message: 'YouTube upload service temporarily unavailable. Please retry.',
      retryAvailable: true,
      platform: 'youtube',
    });
    expect(httpStatusOf(454)).toBe(503);
  });

  it('the quota codes say which quota', () => {
    expect(buildErrorBody(classifyFailure(api(403, 'quotaExceeded')).spec).message).toMatch(
      /daily API quota/,
    );
    expect(
      buildErrorBody(classifyFailure(api(429, 'rateLimitExceeded', 'RESOURCE_EXHAUSTED')).spec).message,
    ).toMatch(/daily video upload quota/);
    expect(buildErrorBody(classifyFailure(api(400, 'uploadLimitExceeded')).spec).message).toMatch(
      /this channel/,
    );
  });

  it('classifies a socket error by the first code the table names, wherever it sits in the causes', () => {
    expect(classifyFailure(socket('UND_ERR_SOCKET', 'ECONNRESET')).row.when.code).toBe('UND_ERR_SOCKET');
    expect(classifyFailure(socket('ERR_WHATEVER', 'ETIMEDOUT')).row.when.code).toBe('ETIMEDOUT');
  });

  it('never reads the message', () => {
    const sneaky = api(400, 'somethingNew');
    sneaky.message = 'quotaExceeded uploadLimitExceeded ECONNRESET';
    expect(classifyFailure(sneaky).spec.code).toBe(176);
  });
});

describe('youtube thumbnail table (every outcome is a 307 warning)', () => {
  const thumbnailVectors: { given: Failure; variant?: string; reason?: string }[] = [
    { given: api(403, 'forbidden') },
    { given: api(413), variant: 'invalid', reason: 'YouTube found the file larger than 2 MB' },
    {
      given: api(400, 'imageFormatUnsupported'),
      variant: 'invalid',
      reason: 'YouTube does not accept this image format',
    },
    { given: api(400, 'invalidImage'), variant: 'invalid', reason: 'YouTube could not read the image' },
    { given: api(400, 'imageTooTall'), variant: 'invalid', reason: 'the image is too tall for YouTube' },
    { given: api(400, 'imageTooWide'), variant: 'invalid', reason: 'the image is too wide for YouTube' },
    { given: socket('ECONNRESET'), variant: 'invalid', reason: 'YouTube refused it' },
  ];

  it('has exactly one vector per row', () => {
    expect(thumbnailVectors).toHaveLength(THUMBNAIL_ERRORS.length);
  });

  it.each(thumbnailVectors)('$given.kind $given.status $given.reason', ({ given, variant, reason }) => {
    const warning = thumbnailWarning(given);
    expect(warning).toMatchObject({ code: 307, feature: 'thumbnail' });
    expect(warning.variant).toBe(variant);
    expect(warning.params?.reason).toBe(reason);
    expect(warning.details).toBeTruthy();
  });
});

describe('a Cloud project Google has not approved (quota 0)', () => {
  it('is read from the ErrorInfo whatever the status, and answers 646: not retryable, never retried', async () => {
    const { status, body } = YOUTUBE_FAILURES.zeroQuota();
    const failure = await apiFailure(new Response(JSON.stringify(body), { status }));
    expect(failure.zeroQuota).toBe(true);
    const classified = classifyFailure(failure);
    expect(classified.spec.code).toBe(646);
    expect(classified.retryAfterMs).toBeUndefined();
    const rendered = buildErrorBody(classified.spec);
    expect(rendered.retryAvailable).toBeUndefined();
    expect(rendered.message).toBe(
      'The Google Cloud project of Herald’s YouTube OAuth client has a quota of 0 for this API: Google has not approved the project yet. Retrying cannot succeed until Google approves it.',
    );
  });

  it('a spent quota (a limit above 0) is not mistaken for it', async () => {
    const { status, body } = YOUTUBE_FAILURES.uploadsPerDay();
    const failure = await apiFailure(new Response(JSON.stringify(body), { status }));
    expect(failure.zeroQuota).toBeUndefined();
    expect(classifyFailure(failure).spec.code).toBe(628);
  });
});
