import { Type } from 'typebox';
import type { ErrorSpec } from '../../errors/build.ts';
import { options } from '../shared/options.ts';
import type { Declaration, PublishInput } from '../types.ts';

const NAME = 'TikTok';
/** Photo posts: the title is at most 90 characters and the description 4,000. */
export const PHOTO_TITLE_LIMIT = 90;
export const PHOTO_DESCRIPTION_LIMIT = 4000;

const optionsSchema = options(
  {
    visibility: Type.Optional(
      Type.Union(
        [Type.Literal('public'), Type.Literal('private'), Type.Literal('followers'), Type.Literal('friends')],
        {
          description: 'Who sees the post; default public (must be among the creator’s privacy options).',
        },
      ),
    ),
    disableComments: Type.Optional(Type.Boolean()),
    disableDuet: Type.Optional(Type.Boolean()),
    disableStitch: Type.Optional(Type.Boolean()),
    isAIGenerated: Type.Optional(Type.Boolean()),
    isBrandedContent: Type.Optional(Type.Boolean()),
    isBrandOrganic: Type.Optional(Type.Boolean()),
    thumbNailOffset: Type.Optional(Type.Integer({ minimum: 0, description: 'Video cover frame, in ms.' })),
    imageCoverIndex: Type.Optional(
      Type.Integer({ minimum: 0, description: 'Cover of a photo post (0-based).' }),
    ),
    autoAddMusic: Type.Optional(Type.Boolean()),
    title: Type.Optional(
      Type.String({ maxLength: PHOTO_TITLE_LIMIT, description: 'Title of a photo post.' }),
    ),
  },
  ['draft'],
);

function extensionOf(url: string): string {
  const path = URL.canParse(url) ? new URL(url).pathname : url;
  return path.includes('.') ? (path.split('.').pop()?.toLowerCase() ?? '') : '';
}

/** TikTok's rules that need no call: photo formats and lengths, the cover index. */
function validate(input: PublishInput): ErrorSpec[] {
  const refuse = (reason: string): ErrorSpec => ({
    code: 136,
    platform: 'tiktok',
    params: { platformName: NAME, reason },
  });
  const photos = input.media.filter((item) => item.kind === 'image');
  const errors: ErrorSpec[] = [];
  // TikTok takes JPEG and WebP photos; PNG is refused (Ayrshare does not convert it either).
  const png = photos.find((item) => extensionOf(item.url) === 'png');
  if (png) errors.push(refuse('photos must be JPG or WEBP; PNG is not accepted'));
  if (photos.length > 0 && [...input.text].length > PHOTO_DESCRIPTION_LIMIT) {
    errors.push({
      code: 132,
      platform: 'tiktok',
      params: {
        platformName: NAME,
        length: [...input.text].length,
        limit: PHOTO_DESCRIPTION_LIMIT,
        unit: 'characters',
      },
    });
  }
  const cover = input.options.imageCoverIndex;
  if (typeof cover === 'number' && photos.length > 0 && cover >= photos.length) {
    errors.push(refuse(`imageCoverIndex ${cover} names no photo (the post has ${photos.length})`));
  }
  return errors;
}

export const tiktokDeclaration: Declaration = {
  id: 'tiktok',
  name: NAME,
  optionsField: 'tikTokOptions',
  optionsAliases: ['tiktokOptions'],
  optionsSchema,
  text: { limit: 2200, unit: 'characters' },
  media: { maxImages: 35, maxVideos: 1, mix: false, requiresMedia: true },
  // TikTok has no delete endpoint, and nothing to look a post up by a key Herald chose.
  capabilities: { delete: false, reconcile: false },
  credentials: [
    {
      name: 'accessToken',
      description: 'TikTok user access token (video.publish, user.info.basic).',
      secret: true,
      required: true,
    },
    {
      name: 'refreshToken',
      description:
        'TikTok refresh token: with clientKey and clientSecret, expired access tokens are renewed.',
      secret: true,
      required: false,
    },
    {
      name: 'clientKey',
      description: 'Client key of the TikTok app that issued the tokens.',
      secret: false,
      required: false,
    },
    {
      name: 'clientSecret',
      description: 'Client secret of that TikTok app (token refresh).',
      secret: true,
      required: false,
    },
    {
      name: 'businessId',
      description: 'TikTok API for Business account id (open_id): needed for comments, e.g. firstComment.',
      secret: false,
      required: false,
    },
    {
      name: 'businessAccessToken',
      description: 'TikTok API for Business access token with comment permission (firstComment).',
      secret: true,
      required: false,
    },
  ],
  dailyBudget: 15,
  validate,
  sandboxPost: ({ numeric, username }) => ({
    id: numeric,
    postUrl: `https://www.tiktok.com/@${username}/video/${numeric}`,
  }),
  // TikTok API for Business comments: 150 characters.
  comments: { text: { limit: 150, unit: 'characters' }, maxImages: 0 },
};
