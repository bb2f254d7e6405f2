import { Type } from 'typebox';
import { options } from '../shared/options.ts';
import type { Declaration } from '../types.ts';

export const tiktokDeclaration: Declaration = {
  id: 'tiktok',
  name: 'TikTok',
  optionsField: 'tikTokOptions',
  optionsAliases: ['tiktokOptions'],
  optionsSchema: options({
    visibility: Type.Optional(
      Type.Union([
        Type.Literal('public'),
        Type.Literal('private'),
        Type.Literal('followers'),
        Type.Literal('friends'),
      ]),
    ),
    disableComments: Type.Optional(Type.Boolean()),
    disableDuet: Type.Optional(Type.Boolean()),
    disableStitch: Type.Optional(Type.Boolean()),
    isAIGenerated: Type.Optional(Type.Boolean()),
    title: Type.Optional(Type.String({ maxLength: 90 })),
  }),
  text: { limit: 2200, unit: 'characters' },
  media: { maxImages: 35, maxVideos: 1, mix: false, requiresMedia: true },
  capabilities: { delete: false, reconcile: false },
  credentials: [
    { name: 'accessToken', description: 'TikTok access token (video.publish)', secret: true, required: true },
    { name: 'refreshToken', description: 'TikTok refresh token', secret: true, required: false },
  ],
  dailyBudget: 15,
  sandboxPost: ({ numeric, username }) => ({
    id: numeric,
    postUrl: `https://www.tiktok.com/@${username}/video/${numeric}`,
  }),
};
