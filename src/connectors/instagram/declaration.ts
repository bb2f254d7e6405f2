import { Type } from 'typebox';
import type { ErrorSpec } from '../../errors/build.ts';
import { options } from '../shared/options.ts';
import { alnum } from '../shared/sandbox-ids.ts';
import type { Declaration, PublishInput } from '../types.ts';
import { trialReelError } from './trial-reels.ts';

const NAME = 'Instagram';

/** Rules Meta would refuse a post for, checked before any call (and for sandbox accounts too). */
function validate(input: PublishInput): ErrorSpec[] {
  const trial = trialReelError(input);
  if (trial) return [trial];
  if (input.options.stories === true && input.media.length > 1) {
    return [
      {
        code: 136,
        platform: 'instagram',
        params: { platformName: NAME, reason: 'a story takes exactly one image or video' },
      },
    ];
  }
  return [];
}

export const instagramDeclaration: Declaration = {
  id: 'instagram',
  name: NAME,
  optionsField: 'instagramOptions',
  optionsSchema: options(
    {
      stories: Type.Optional(Type.Boolean()),
      reels: Type.Optional(Type.Boolean()),
      shareReelsFeed: Type.Optional(Type.Boolean()),
      audioName: Type.Optional(Type.String()),
      thumbNail: Type.Optional(Type.String()),
      thumbNailOffset: Type.Optional(Type.Integer({ minimum: 0 })),
      altText: Type.Optional(Type.Array(Type.String({ maxLength: 1000 }))),
      locationId: Type.Optional(Type.Union([Type.String(), Type.Number()])),
      collaborators: Type.Optional(Type.Array(Type.String(), { maxItems: 3 })),
      // Checked by `validate` (codes 447/448/449), not by the schema, so the seed's codes answer.
      trialParams: Type.Optional(Type.Unknown()),
    },
    ['userTags', 'autoResize'],
  ),
  text: { limit: 2200, unit: 'characters' },
  // A carousel holds 2–10 images and videos; one item is a photo, a reel or a story.
  media: { maxImages: 10, maxVideos: 10, mix: true, requiresMedia: true },
  // Delete: Meta's DELETE /{ig-media-id} works only on graph.facebook.com (Facebook Login);
  // an account served through graph.instagram.com is answered 619 without a call.
  capabilities: { delete: true, reconcile: true },
  credentials: [
    {
      name: 'igUserId',
      description:
        'Id of the Instagram professional (Business or Creator) account, as GET /me/accounts?fields=instagram_business_account lists it.',
      secret: false,
      required: true,
    },
    {
      name: 'accessToken',
      description:
        'A long-lived token with instagram_basic and instagram_content_publish (plus instagram_manage_contents to delete). Checked at link time with GET /{igUserId}?fields=id,username,name.',
      secret: true,
      required: true,
    },
  ],
  dailyBudget: 50,
  budgetCode: 435,
  reportsUsedQuota: true,
  validate,
  sandboxPost: ({ numeric, key }) => ({
    id: `17${numeric.slice(0, 15)}`,
    postUrl: `https://www.instagram.com/p/${alnum(key, 11)}/`,
  }),
  // Comments are text only. Meta's reference of POST /{ig-media-id}/comments states no
  // length: 2,200 is Instagram's caption limit, which its app applies to comments too
  // (not confirmed by Meta's API documentation; a refusal goes through the error table).
  comments: { text: { limit: 2200, unit: 'characters' }, maxImages: 0 },
};
