import { Type } from 'typebox';
import { options } from '../shared/options.ts';
import type { Declaration } from '../types.ts';

export const pinterestDeclaration: Declaration = {
  id: 'pinterest',
  name: 'Pinterest',
  optionsField: 'pinterestOptions',
  optionsSchema: options({
    title: Type.Optional(Type.String({ maxLength: 100 })),
    link: Type.Optional(Type.String({ maxLength: 2048 })),
    boardId: Type.Optional(Type.String()),
    altText: Type.Optional(Type.Array(Type.String({ maxLength: 500 }))),
  }),
  text: { limit: 500, unit: 'characters' },
  media: { maxImages: 5, maxVideos: 1, mix: false, requiresMedia: true },
  capabilities: { delete: true, reconcile: false },
  credentials: [
    { name: 'accessToken', description: 'Pinterest OAuth token (pins:write)', secret: true, required: true },
    { name: 'boardId', description: 'Default board id', secret: false, required: true },
  ],
  sandboxPost: ({ numeric }) => {
    const id = numeric.slice(0, 18);
    return { id, postUrl: `https://www.pinterest.com/pin/${id}/` };
  },
};
