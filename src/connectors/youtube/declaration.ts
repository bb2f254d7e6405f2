import { Type } from 'typebox';
import type { ErrorSpec } from '../../errors/build.ts';
import { GOOGLE_REFRESH_CREDENTIALS } from '../shared/google-token.ts';
import { options } from '../shared/options.ts';
import { alnum } from '../shared/sandbox-ids.ts';
import type { Declaration, PublishInput } from '../types.ts';

const NAME = 'YouTube';
export const TITLE_LIMIT = 100;
/** YouTube counts the description in UTF-8 bytes. */
export const DESCRIPTION_MAX_BYTES = 5000;
/** Tags count together, in characters (the documented total; Ayrshare's docs say 400 in places). */
export const TAGS_LIMIT = 500;
/** Ayrshare's `shorts: true` marks a Short the only way the API allows: a hashtag in the title. */
export const SHORTS_TAG = '#Shorts';

const optionsSchema = options(
  {
    title: Type.Optional(
      Type.String({ maxLength: TITLE_LIMIT, pattern: '^[^<>]*$', description: 'Video title (required).' }),
    ),
    visibility: Type.Optional(
      Type.Union([Type.Literal('public'), Type.Literal('unlisted'), Type.Literal('private')], {
        description: 'Privacy of the video; default private.',
      }),
    ),
    thumbNail: Type.Optional(
      Type.String({ pattern: '^https?://', description: 'URL of a PNG or JPG of 2 MB or less.' }),
    ),
    playListId: Type.Optional(Type.String({ minLength: 1, description: 'A playlist the channel owns.' })),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 2, pattern: '^[^<>]*$' }), { maxItems: 500 })),
    madeForKids: Type.Optional(Type.Boolean()),
    shorts: Type.Optional(Type.Boolean({ description: 'Publish as a Short (adds #Shorts to the title).' })),
    categoryId: Type.Optional(Type.Integer({ minimum: 1 })),
    notifySubscribers: Type.Optional(Type.Boolean()),
  },
  ['containsSyntheticMedia', 'publishAt', 'targeting', 'subTitleUrl', 'subTitleLanguage', 'subTitleName'],
);

/** The title YouTube receives: Ayrshare's `shorts` adds the hashtag unless the title has it. */
export function titleOf(options: PublishInput['options']): string {
  const title = typeof options.title === 'string' ? options.title.trim() : '';
  if (options.shorts !== true || title.toLowerCase().includes(SHORTS_TAG.toLowerCase())) return title;
  return title === '' ? SHORTS_TAG : `${title} ${SHORTS_TAG}`;
}

function invalid(problem: string): ErrorSpec {
  return { code: 620, platform: 'youtube', params: { optionsField: 'youTubeOptions', problem } };
}

/** YouTube's own limits, checked before anything is stored or uploaded. */
function validate(input: PublishInput): ErrorSpec[] {
  const errors: ErrorSpec[] = [];
  const given = typeof input.options.title === 'string' ? input.options.title.trim() : '';
  // YouTube refuses an upload without a title (Ayrshare requires it too).
  if (given === '') errors.push(invalid('youTubeOptions.title is required: YouTube needs a video title'));
  else if ([...titleOf(input.options)].length > TITLE_LIMIT) {
    errors.push(invalid(`youTubeOptions.title with ${SHORTS_TAG} must be at most ${TITLE_LIMIT} characters`));
  }
  const bytes = Buffer.byteLength(input.text, 'utf8');
  if (bytes > DESCRIPTION_MAX_BYTES) {
    errors.push({
      code: 132,
      platform: 'youtube',
      params: { platformName: NAME, length: bytes, limit: DESCRIPTION_MAX_BYTES, unit: 'bytes' },
    });
  }
  const tags = Array.isArray(input.options.tags) ? input.options.tags : [];
  const tagLength = tags.reduce((sum: number, tag) => sum + String(tag).length, 0);
  if (tagLength > TAGS_LIMIT) {
    errors.push(
      invalid(`youTubeOptions.tags must total at most ${TAGS_LIMIT} characters (got ${tagLength})`),
    );
  }
  return errors;
}

export const youtubeDeclaration: Declaration = {
  id: 'youtube',
  name: NAME,
  optionsField: 'youTubeOptions',
  optionsAliases: ['youtubeOptions'],
  optionsSchema,
  text: { limit: DESCRIPTION_MAX_BYTES, unit: 'characters', maxBytes: DESCRIPTION_MAX_BYTES },
  media: { maxImages: 0, maxVideos: 1, mix: false, requiresMedia: true },
  // A publish's upload session is kept as progress: an unknown outcome is looked up there.
  capabilities: { delete: true, reconcile: true, updateMetadata: true },
  credentials: [
    {
      name: 'accessToken',
      description:
        'Google OAuth access token with the youtube.upload scope (youtube.force-ssl to delete, and for comments: writing, reading and deleting them).',
      secret: true,
      required: true,
    },
    ...GOOGLE_REFRESH_CREDENTIALS,
  ],
  validate,
  sandboxPost: ({ key }) => {
    const id = alnum(key, 11);
    return { id, postUrl: `https://www.youtube.com/watch?v=${id}` };
  },
  // Comments are text only. YouTube refuses a text too long with commentTextTooLong without
  // stating the number in its reference; 10,000 characters is YouTube's comment limit.
  comments: { text: { limit: 10_000, unit: 'characters' }, maxImages: 0 },
};
