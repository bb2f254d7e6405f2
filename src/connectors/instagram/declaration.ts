import { Type } from 'typebox';
import { options } from '../shared/options.ts';
import { alnum } from '../shared/sandbox-ids.ts';
import type { Declaration } from '../types.ts';

export const instagramDeclaration: Declaration = {
  id: 'instagram',
  name: 'Instagram',
  optionsField: 'instagramOptions',
  optionsSchema: options({
    stories: Type.Optional(Type.Boolean()),
    reels: Type.Optional(Type.Boolean()),
    shareReelsFeed: Type.Optional(Type.Boolean()),
    audioName: Type.Optional(Type.String()),
    thumbNail: Type.Optional(Type.String()),
    thumbNailOffset: Type.Optional(Type.Integer({ minimum: 0 })),
    altText: Type.Optional(Type.Array(Type.String({ maxLength: 1000 }))),
    locationId: Type.Optional(Type.Union([Type.String(), Type.Number()])),
    collaborators: Type.Optional(Type.Array(Type.String(), { maxItems: 3 })),
    trialParams: Type.Optional(Type.Unknown()),
  }),
  text: { limit: 2200, unit: 'characters' },
  media: { maxImages: 10, maxVideos: 10, mix: true, requiresMedia: true },
  capabilities: { delete: false, reconcile: true },
  credentials: [
    { name: 'igUserId', description: 'Instagram professional account id', secret: false, required: true },
    {
      name: 'accessToken',
      description: 'Access token (instagram_content_publish)',
      secret: true,
      required: true,
    },
  ],
  dailyBudget: 50,
  budgetCode: 435,
  reportsUsedQuota: true,
  sandboxPost: ({ numeric, key }) => ({
    id: `17${numeric.slice(0, 15)}`,
    postUrl: `https://www.instagram.com/p/${alnum(key, 11)}/`,
  }),
};
