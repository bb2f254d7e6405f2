import { Type } from 'typebox';
import type { ErrorSpec } from '../../errors/build.ts';
import { weightedLength } from '../../posts/text-length.ts';
import { options } from '../shared/options.ts';
import type { Declaration, PublishInput } from '../types.ts';
import { isLegacyLink, LEGACY_LINK, missingKeys } from './byo-keys.ts';
import { tweetTexts } from './thread.ts';

const NAME = 'X/Twitter';
/** X's limit per tweet, in weighted characters. */
export const TWEET_LIMIT = 280;
/** With `longPost` (X Premium): the longest tweet X takes. Also the core's cap on the whole text. */
export const LONG_POST_LIMIT = 25_000;

/**
 * Rules checked before anything is stored, and again by the connector at publish
 * time (then with the stored credentials and the keys sealed in the job).
 */
function validate(input: PublishInput): ErrorSpec[] {
  const errors: ErrorSpec[] = [];
  const limit = input.options.longPost === true ? LONG_POST_LIMIT : TWEET_LIMIT;
  for (const segment of tweetTexts(input.text, input.options)) {
    const length = weightedLength(segment);
    if (length > limit) {
      errors.push({
        code: 132,
        platform: 'twitter',
        params: { platformName: NAME, length, limit, unit: 'weighted characters' },
      });
      break;
    }
  }
  if (input.options.poll !== undefined && input.media.length > 0) {
    errors.push({
      code: 136,
      platform: 'twitter',
      params: { platformName: NAME, reason: 'a post with a poll cannot carry media' },
    });
  }
  if (input.options.poll !== undefined && input.options.quoteTweetId !== undefined) {
    errors.push({
      code: 620,
      platform: 'twitter',
      params: { optionsField: 'twitterOptions', problem: 'poll and quoteTweetId cannot be combined' },
    });
  }
  // A sandbox account asks for the keys too: it refuses exactly what X would (seed 002: 419, 423).
  errors.push(...byoKeyProblems(input.account.credentials, input.requestSecrets));
  return errors;
}

/** 423 for an account linked the legacy way, else 419 when a BYO key header is missing. */
function byoKeyProblems(
  credentials: Readonly<Record<string, unknown>>,
  secrets: Readonly<Record<string, string>> | undefined,
): ErrorSpec[] {
  if (isLegacyLink(credentials)) return [LEGACY_LINK];
  const missing = missingKeys(secrets);
  return missing ? [missing] : [];
}

export const twitterDeclaration: Declaration = {
  id: 'twitter',
  name: NAME,
  optionsField: 'twitterOptions',
  optionsAliases: ['xOptions'],
  optionsSchema: options(
    {
      thread: Type.Optional(Type.Boolean()),
      threadNumber: Type.Optional(Type.Boolean()),
      longPost: Type.Optional(Type.Boolean()),
      altText: Type.Optional(Type.Array(Type.String({ maxLength: 1000 }))),
      poll: Type.Optional(
        Type.Object(
          {
            duration: Type.Integer({ minimum: 5, maximum: 10080 }),
            options: Type.Array(Type.String({ maxLength: 25 }), { minItems: 2, maxItems: 4 }),
          },
          { additionalProperties: false },
        ),
      ),
      quoteTweetId: Type.Optional(Type.String()),
    },
    [
      'mediaUrls',
      'replySettings',
      'subscribersOnly',
      'blockCountries',
      'allowCountries',
      'longVideo',
      'subTitleUrl',
      'subTitleLanguage',
      'subTitleName',
    ],
  ),
  // 280 per tweet (25,000 with longPost) is checked by validate, per thread segment.
  text: {
    limit: LONG_POST_LIMIT,
    unit: 'weighted',
    perPost: {
      limit: TWEET_LIMIT,
      note: `each tweet of a twitterOptions.thread; ${LONG_POST_LIMIT} with twitterOptions.longPost`,
    },
  },
  requestSecrets: ['x-twitter-oauth1-api-key', 'x-twitter-oauth1-api-secret'],
  media: { maxImages: 4, maxVideos: 1, mix: false },
  capabilities: { delete: true, reconcile: false },
  credentials: [
    {
      name: 'accessToken',
      description:
        'OAuth 1.0a Access Token of the X account, generated (Keys and tokens) for the same X Developer App whose key and secret every request sends in the X-Twitter-OAuth1-Api-Key / X-Twitter-OAuth1-Api-Secret headers; the app needs Read and write permission. Linking checks it with GET /2/users/me, so send the headers when linking too.',
      secret: true,
      required: true,
    },
    {
      name: 'accessTokenSecret',
      description: 'OAuth 1.0a Access Token Secret paired with accessToken.',
      secret: true,
      required: true,
    },
  ],
  validate,
  // Linking and deleting sign their X calls with the request's keys: without both, 419 first.
  validateAccess: byoKeyProblems,
  sandboxPost: ({ numeric, username }) => ({
    id: numeric,
    postUrl: `https://x.com/${username}/status/${numeric}`,
  }),
  // A comment is a reply tweet: 280 weighted characters, one image.
  comments: { text: { limit: TWEET_LIMIT, unit: 'weighted' }, maxImages: 1 },
};
