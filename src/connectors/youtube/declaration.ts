import { Type } from 'typebox';
import { options } from '../shared/options.ts';
import { alnum } from '../shared/sandbox-ids.ts';
import type { Declaration } from '../types.ts';

export const youtubeDeclaration: Declaration = {
  id: 'youtube',
  name: 'YouTube',
  optionsField: 'youTubeOptions',
  optionsAliases: ['youtubeOptions'],
  optionsSchema: options({
    title: Type.Optional(Type.String({ maxLength: 100, pattern: '^[^<>]*$' })),
    visibility: Type.Optional(
      Type.Union([Type.Literal('public'), Type.Literal('unlisted'), Type.Literal('private')]),
    ),
    thumbNail: Type.Optional(Type.String()),
    playListId: Type.Optional(Type.String()),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 2 }))),
    madeForKids: Type.Optional(Type.Boolean()),
    shorts: Type.Optional(Type.Boolean()),
    categoryId: Type.Optional(Type.Integer()),
  }),
  text: { limit: 5000, unit: 'characters' },
  media: { maxImages: 0, maxVideos: 1, mix: false, requiresMedia: true },
  capabilities: { delete: true, reconcile: false },
  credentials: [
    {
      name: 'accessToken',
      description: 'Google OAuth access token (youtube.upload)',
      secret: true,
      required: true,
    },
    { name: 'refreshToken', description: 'Google OAuth refresh token', secret: true, required: false },
  ],
  sandboxPost: ({ key }) => {
    const id = alnum(key, 11);
    return { id, postUrl: `https://www.youtube.com/watch?v=${id}` };
  },
};
