import { Type } from 'typebox';
import type { ErrorSpec } from '../../errors/build.ts';
import { GOOGLE_REFRESH_CREDENTIALS } from '../shared/google-token.ts';
import { options } from '../shared/options.ts';
import type { Declaration, PublishInput } from '../types.ts';

/** Google's `callToAction.actionType` values (platform-apis.md §14); Ayrshare spells them lower case. */
export const ACTION_TYPES = ['LEARN_MORE', 'BOOK', 'ORDER', 'SHOP', 'SIGN_UP', 'CALL'] as const;
/** The text, as `summary`, is at most 1,500 characters. */
export const SUMMARY_LIMIT = 1500;
/** The post's language when gmbOptions gives none (the reference's example). */
export const DEFAULT_LANGUAGE = 'en';

const optionsSchema = options({
  isPhotoVideo: Type.Optional(
    Type.Boolean({ description: 'Not supported (620 when true): Herald publishes local posts.' }),
  ),
  callToAction: Type.Optional(
    Type.Object(
      { actionType: Type.String(), url: Type.Optional(Type.String()) },
      {
        additionalProperties: false,
        description:
          'actionType learn_more, book, order, shop, sign_up or call; url (http/https) except for call.',
      },
    ),
  ),
  /** Herald's extension: the post's BCP 47 language (Google's `languageCode`). */
  languageCode: Type.Optional(
    Type.String({
      pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$',
      description: 'Herald extension: the post’s language (BCP 47); default en.',
    }),
  ),
});

function invalid(problem: string): ErrorSpec {
  return { code: 620, platform: 'gmb', params: { optionsField: 'gmbOptions', problem } };
}

/** `learn_more` or `LEARN_MORE` → Google's enum value, or undefined when it is none. */
export function actionTypeOf(given: unknown): (typeof ACTION_TYPES)[number] | undefined {
  if (typeof given !== 'string') return undefined;
  const upper = given.trim().toUpperCase();
  return ACTION_TYPES.find((type) => type === upper);
}

function isWebUrl(value: unknown): boolean {
  return typeof value === 'string' && /^https?:\/\//i.test(value) && URL.canParse(value);
}

/**
 * What Herald can send as a STANDARD local post, checked before anything is stored.
 * Event and offer posts need fields neither reference documents (Ayrshare's are not
 * captured), and `isPhotoVideo` posts to the Photos section through an API the
 * reference does not cover: both are refused here rather than sent half-formed.
 */
function validate(input: PublishInput): ErrorSpec[] {
  const errors: ErrorSpec[] = [];
  const { options: given } = input;
  if (given.isPhotoVideo === true) {
    errors.push(invalid('isPhotoVideo (the Photos section) is not supported: Herald publishes local posts'));
  }
  for (const key of ['topicType', 'event', 'offer'] as const) {
    if (given[key] === undefined) continue;
    const isStandard = key === 'topicType' && String(given[key]).toUpperCase() === 'STANDARD';
    if (!isStandard) {
      errors.push(
        invalid(`${key}: event and offer posts are not supported yet; Herald publishes STANDARD posts`),
      );
    }
  }
  const cta = given.callToAction as { actionType?: unknown; url?: unknown } | undefined;
  if (cta) {
    const type = actionTypeOf(cta.actionType);
    if (!type) {
      errors.push(invalid(`callToAction.actionType must be one of ${ACTION_TYPES.join(', ').toLowerCase()}`));
    } else if (type !== 'CALL' && !isWebUrl(cta.url)) {
      errors.push(invalid(`callToAction.url (an http or https URL) is required for ${type.toLowerCase()}`));
    }
  }
  return errors;
}

export const gmbDeclaration: Declaration = {
  id: 'gmb',
  name: 'Google Business Profile',
  optionsField: 'gmbOptions',
  optionsSchema,
  text: { limit: SUMMARY_LIMIT, unit: 'characters' },
  media: { maxImages: 1, maxVideos: 0, mix: false },
  // No idempotency key and no documented lookup by anything Herald chose: a lost answer is 626.
  capabilities: { delete: true, reconcile: false },
  credentials: [
    { name: 'locationName', description: 'accounts/{a}/locations/{l}', secret: false, required: true },
    {
      name: 'accessToken',
      description: 'Google OAuth token (business.manage)',
      secret: true,
      required: true,
    },
    ...GOOGLE_REFRESH_CREDENTIALS,
  ],
  validate,
  sandboxPost: ({ numeric }) => ({
    id: `accounts/1${numeric.slice(0, 9)}/locations/2${numeric.slice(9, 18)}/localPosts/${numeric.slice(2, 18)}`,
    postUrl: `https://local.google.com/place?id=${numeric}&use=posts`,
  }),
};
