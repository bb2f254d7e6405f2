import { Type } from 'typebox';
import type { ErrorSpec } from '../../errors/build.ts';
import { altTexts, options } from '../shared/options.ts';
import type { Declaration, PublishInput } from '../types.ts';

/** Checked before any call (for sandbox accounts too). */
function validate(input: PublishInput): ErrorSpec[] {
  if (input.options.stories !== true || input.media.length === 1) return [];
  const reason =
    input.media.length === 0
      ? 'a story needs one image or video'
      : 'a story takes exactly one image or video';
  return [{ code: 136, platform: 'facebook', params: { platformName: 'Facebook', reason } }];
}

export const facebookDeclaration: Declaration = {
  id: 'facebook',
  name: 'Facebook',
  optionsField: 'faceBookOptions',
  optionsAliases: ['facebookOptions'],
  optionsSchema: options(
    {
      // A video as a reel (30 per Page per 24 h) instead of a Page video.
      reels: Type.Optional(Type.Boolean()),
      // One image or video as a Page story; the text is not shown.
      stories: Type.Optional(Type.Boolean()),
      title: Type.Optional(Type.String({ maxLength: 255 })),
      altText: Type.Optional(altTexts),
      // A link for the preview card of a text post.
      link: Type.Optional(Type.String()),
    },
    ['carousel', 'locationId', 'targeting', 'draft'],
  ),
  text: { limit: 63_206, unit: 'characters' },
  media: { maxImages: 10, maxVideos: 1, mix: false },
  // No reconcile: the Page API has no key Herald chooses; a lost answer is unconfirmed (626).
  capabilities: { delete: true, reconcile: false },
  credentials: [
    {
      name: 'pageId',
      description: 'Id of the Facebook Page (GET /me/accounts lists the Pages a user manages).',
      secret: false,
      required: true,
    },
    {
      name: 'pageAccessToken',
      description:
        'A Page access token from GET /me/accounts, with pages_manage_posts and pages_read_engagement (plus publish_video for videos). Checked at link time with GET /{pageId}?fields=id,name,username,link.',
      secret: true,
      required: true,
    },
  ],
  validate,
  sandboxPost: ({ numeric }) => {
    const page = numeric.slice(0, 15);
    const post = numeric.slice(3, 19);
    return { id: `${page}_${post}`, postUrl: `https://www.facebook.com/${page}/posts/${post}` };
  },
  // Page comments: one image (`attachment_url`). 8,000 characters is Facebook's own comment
  // limit; the Graph API reference of /{object-id}/comments states none, so a longer text
  // would meet Meta's error table if the limit ever moved.
  comments: { text: { limit: 8000, unit: 'characters' }, maxImages: 1 },
};
