import { describe, expect, it } from 'vitest';
import { buildErrorBody } from '../../errors/build.ts';
import { catalogEntry } from '../../errors/catalog/index.ts';
import { BACKOFF_MS, classifyError, REDDIT_ERRORS, retryAfterSeconds } from './errors.ts';
import { httpError, jsonError, type RedditError } from './wire.ts';

/** A `json.errors` refusal inside an HTTP 200, read the way the client reads it. */
function triple(
  code: string,
  message: string,
  field: string,
  json: Record<string, unknown> = {},
): RedditError {
  const error = jsonError({ json: { ...json, errors: [[code, message, field]] } }, new Headers());
  if (!error) throw new Error('not a refusal');
  return error;
}

function http(status: number, headers: Record<string, string> = {}): RedditError {
  return httpError(status, { message: 'Unauthorized', error: status }, new Headers(headers), 'x');
}

/** S3's XML refusal of the image upload, as upload.ts reads it (`<Code>`, status). */
function s3(status: number, code: string, message: string): RedditError {
  return { kind: 'reddit', status, code, message: `S3 upload: ${message}`, headers: new Headers() };
}

/** `{"type":"failed"}` on the image post's websocket, as image-post.ts reads it. */
const websocketFailed: RedditError = {
  kind: 'reddit',
  status: 200,
  code: 'failed',
  field: 'websocket',
  message: 'Reddit could not process the image',
  headers: new Headers(),
};

/** The same triples in an HTTP 400, as /api/submit answers a post that breaks the subreddit's requirements. */
function rejected(code: string, message: string, field: string): RedditError {
  return httpError(400, { json: { errors: [[code, message, field]] } }, new Headers(), 'Bad Request');
}

const vectors: { row: string; given: RedditError; code: number; retryAfterMs?: number }[] = [
  {
    row: 'SUBREDDIT_NOTALLOWED sr',
    given: triple('SUBREDDIT_NOTALLOWED', "you aren't allowed to post there.", 'sr'),
    code: 442,
  },
  {
    row: 'TITLE_BLACKLISTED_STRING',
    given: rejected('SUBMIT_VALIDATION_TITLE_BLACKLISTED_STRING', 'Title may not include "crypto"', 'title'),
    code: 443,
  },
  {
    row: 'RATELIMIT',
    given: triple('RATELIMIT', 'Take a break for 7 minutes before trying again.', 'ratelimit', {
      ratelimit: 412.3,
    }),
    code: 624,
    retryAfterMs: 413_000,
  },
  {
    row: 'SUBREDDIT_RATELIMIT',
    given: triple('SUBREDDIT_RATELIMIT', 'you are doing that too much. try again later.', 'ratelimit'),
    code: 624,
    retryAfterMs: 600_000,
  },
  {
    row: 'QUOTA_FILLED',
    given: triple(
      'QUOTA_FILLED',
      "You've submitted too many links recently. Please try again in an hour.",
      '',
    ),
    code: 624,
  },
  { row: 'HTTP 429', given: http(429, { 'x-ratelimit-reset': '120' }), code: 624, retryAfterMs: 120_000 },
  { row: 'USER_REQUIRED', given: triple('USER_REQUIRED', 'please login to do that', ''), code: 623 },
  {
    row: 'VERIFIED_USER_REQUIRED',
    given: triple('VERIFIED_USER_REQUIRED', 'you need to set a valid email address to do that.', ''),
    code: 627,
  },
  { row: '401', given: http(401), code: 623 },
  {
    row: 'S3 AccessDenied',
    given: s3(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.'),
    code: 625,
    retryAfterMs: BACKOFF_MS,
  },
  { row: '403', given: http(403), code: 623 },
  {
    row: 'SUBREDDIT_NOEXIST',
    given: triple('SUBREDDIT_NOEXIST', "that subreddit doesn't exist", 'sr'),
    code: 622,
  },
  {
    row: 'SUBREDDIT_REQUIRED',
    given: triple('SUBREDDIT_REQUIRED', 'you must specify a subreddit', 'sr'),
    code: 622,
  },
  { row: 'BAD_SR_NAME', given: triple('BAD_SR_NAME', "that name isn't going to work", 'sr'), code: 622 },
  { row: 'NO_SELFS', given: triple('NO_SELFS', "doesn't allow text posts", 'sr'), code: 622 },
  { row: 'NO_LINKS', given: triple('NO_LINKS', "doesn't allow links", 'sr'), code: 622 },
  {
    row: 'ALREADY_SUB',
    given: triple('ALREADY_SUB', 'that link has already been submitted', 'url'),
    code: 622,
  },
  { row: 'NO_URL', given: triple('NO_URL', 'a url is required', 'url'), code: 622 },
  { row: 'BAD_URL', given: triple('BAD_URL', 'you should check that url', 'url'), code: 622 },
  { row: 'DOMAIN_BANNED', given: triple('DOMAIN_BANNED', 'that domain is banned', 'url'), code: 622 },
  { row: 'TOO_LONG', given: triple('TOO_LONG', 'this is too long (max: 300)', 'title'), code: 622 },
  { row: 'NO_TEXT', given: triple('NO_TEXT', 'we need something here', 'title'), code: 622 },
  {
    row: 'TITLE_REQUIREMENT',
    given: rejected(
      'SUBMIT_VALIDATION_TITLE_REQUIREMENT',
      'You must have "dog" somewhere in your title.',
      'title',
    ),
    code: 622,
  },
  {
    row: 'TITLE_REGEX_REQUIREMENT',
    given: rejected(
      'SUBMIT_VALIDATION_TITLE_REGEX_REQUIREMENT',
      'Your title must match the pattern.',
      'title',
    ),
    code: 622,
  },
  {
    row: 'BODY_BLACKLISTED_STRING',
    given: rejected('SUBMIT_VALIDATION_BODY_BLACKLISTED_STRING', 'Post body may not include "buy"', 'text'),
    code: 622,
  },
  {
    row: 'MIN_LENGTH',
    given: rejected(
      'SUBMIT_VALIDATION_MIN_LENGTH',
      'You must have at least 10 characters in your title.',
      'title',
    ),
    code: 622,
  },
  {
    row: 'MAX_LENGTH',
    given: rejected('SUBMIT_VALIDATION_MAX_LENGTH', 'Your title is too long.', 'title'),
    code: 622,
  },
  {
    row: 'BODY_REQUIRED',
    given: rejected('SUBMIT_VALIDATION_BODY_REQUIRED', 'Post body is required.', 'text'),
    code: 622,
  },
  {
    row: 'BODY_NOT_ALLOWED',
    given: rejected('SUBMIT_VALIDATION_BODY_NOT_ALLOWED', 'Post body is not allowed.', 'text'),
    code: 622,
  },
  {
    row: 'LINK_WHITELIST',
    given: rejected('SUBMIT_VALIDATION_LINK_WHITELIST', 'Link must be from example.com.', 'url'),
    code: 622,
  },
  {
    row: 'LINK_BLACKLIST',
    given: rejected('SUBMIT_VALIDATION_LINK_BLACKLIST', 'Links from spam.example are not allowed.', 'url'),
    code: 622,
  },
  {
    row: 'REPOST',
    given: rejected('SUBMIT_VALIDATION_REPOST', 'This link was already posted here.', 'url'),
    code: 622,
  },
  {
    row: 'FLAIR_REQUIRED',
    given: rejected('SUBMIT_VALIDATION_FLAIR_REQUIRED', 'Post must contain post flair.', 'flair'),
    code: 622,
  },
  {
    row: 'S3 EntityTooLarge',
    given: s3(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size'),
    code: 622,
  },
  { row: 'websocket failed', given: websocketFailed, code: 622 },
  {
    row: '5xx',
    given: httpError(503, undefined, new Headers(), 'Service Unavailable'),
    code: 625,
    retryAfterMs: BACKOFF_MS,
  },
  {
    row: 'any other 400',
    given: rejected('SUBMIT_VALIDATION_SOMETHING_NEW', 'A requirement Herald has no row for.', 'title'),
    code: 622,
  },
  { row: 'catch-all', given: triple('INVALID_OPTION', 'that option is not valid', 'kind'), code: 621 },
];

describe('Reddit error table', () => {
  it('has exactly one vector per row', () => {
    expect(vectors).toHaveLength(REDDIT_ERRORS.length);
  });

  it.each(vectors.map((vector, index) => ({ ...vector, index })))(
    'row $index ($row) → $code',
    ({ given, code, retryAfterMs, index }) => {
      const classified = classifyError(given, 'news');
      expect(classified.row).toBe(REDDIT_ERRORS[index]);
      expect(classified.spec).toMatchObject({ code, platform: 'reddit' });
      expect(classified.retryAfterMs).toBe(retryAfterMs);
      expect(catalogEntry(code).platforms).toContain('reddit');
      expect(buildErrorBody(classified.spec).platform).toBe('reddit');
    },
  );

  it('442 and 443 are the seed’s bodies, naming the subreddit, never retried', () => {
    const banned = classifyError(vectors[0]?.given as RedditError, 'news');
    expect(banned.retryAfterMs).toBeUndefined();
    expect(buildErrorBody(banned.spec)).toEqual({
      action: 'post',
      status: 'error',
      code: 442,
      message:
        "You've been banned from posting to r/news. This post will not succeed on retry — remove it from your target subreddits.",
      platform: 'reddit',
    });
    expect(buildErrorBody(classifyError(vectors[1]?.given as RedditError, 'news').spec)).toEqual({
      action: 'post',
      status: 'error',
      code: 443,
      message:
        'r/news rejected this post because the title contains a disallowed word. Edit the title before retrying — retrying as-is will not succeed.',
      platform: 'reddit',
    });
  });

  it('a 403 from Reddit itself is still a missing scope, not an S3 lease', () => {
    expect(classifyError(http(403), 'news').spec.code).toBe(623);
  });

  it('SUBREDDIT_NOTALLOWED on another field is not a ban', () => {
    expect(classifyError(triple('SUBREDDIT_NOTALLOWED', 'nope', 'flair'), 'news').spec.code).toBe(621);
  });

  it('reads json.errors whatever the HTTP status: a 400 with a flair requirement is 622, not 621', () => {
    const error = httpError(
      400,
      {
        json: {
          errors: [
            ['SUBMIT_VALIDATION_FLAIR_REQUIRED', 'Post must contain post flair. ', 'flair'],
            ['SUBMIT_VALIDATION_MIN_LENGTH', 'You must have at least 10 characters in your title. ', 'title'],
          ],
        },
      },
      new Headers(),
      'Bad Request',
    );
    const { spec } = classifyError(error, 'news');
    expect(spec.code).toBe(622);
    expect(spec.details).toBe(
      'SUBMIT_VALIDATION_FLAIR_REQUIRED (flair): Post must contain post flair.; SUBMIT_VALIDATION_MIN_LENGTH (title): You must have at least 10 characters in your title.',
    );
  });

  it('reads the {reason, explanation, fields} shape of Reddit’s HTTP errors', () => {
    const error = httpError(
      400,
      {
        fields: ['sr'],
        explanation: "that subreddit doesn't exist",
        message: 'Bad Request',
        reason: 'SUBREDDIT_NOEXIST',
      },
      new Headers(),
      'Bad Request',
    );
    expect(error).toMatchObject({
      code: 'SUBREDDIT_NOEXIST',
      field: 'sr',
      message: "that subreddit doesn't exist",
    });
    expect(classifyError(error, 'news').spec.code).toBe(622);
  });

  it('every 624 carries the wait its catalog entry prints, and no other details', () => {
    for (const vector of vectors.filter((v) => v.code === 624)) {
      const body = buildErrorBody(classifyError(vector.given, 'news').spec);
      expect(body.details, vector.row).toMatch(/^Retry-After: \d+$/);
    }
  });

  it('classifies by the code, never by the words', () => {
    expect(
      classifyError(triple('SOMETHING_NEW', "you've been banned, take a break for 7 minutes", 'sr'), 'x').spec
        .code,
    ).toBe(621);
  });
});

describe('retryAfterSeconds: the wait Reddit states', () => {
  it.each([
    [
      'json.ratelimit first',
      triple('RATELIMIT', 'Take a break for 7 minutes', 'ratelimit', { ratelimit: 1 }),
      1,
    ],
    [
      'minutes in the text as a fallback value',
      triple('RATELIMIT', 'Take a break for 7 minutes before trying again.', 'ratelimit'),
      420,
    ],
    [
      'older wording',
      triple('RATELIMIT', 'you are doing that too much. try again in 2 minutes.', 'ratelimit'),
      120,
    ],
    ['seconds in the text', triple('RATELIMIT', 'try again in 30 seconds.', 'ratelimit'), 30],
    ['X-Ratelimit-Reset without either', http(429, { 'x-ratelimit-reset': '42' }), 42],
    ['ten minutes when nothing says', http(429), 600],
  ])('%s', (_label, error, seconds) => expect(retryAfterSeconds(error)).toBe(seconds));
});
