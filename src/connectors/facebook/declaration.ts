import { Type } from 'typebox';
import { options } from '../shared/options.ts';
import type { Declaration } from '../types.ts';

export const facebookDeclaration: Declaration = {
  id: 'facebook',
  name: 'Facebook',
  optionsField: 'faceBookOptions',
  optionsAliases: ['facebookOptions'],
  optionsSchema: options({
    reels: Type.Optional(Type.Boolean()),
    stories: Type.Optional(Type.Boolean()),
    title: Type.Optional(Type.String({ maxLength: 255 })),
    altText: Type.Optional(Type.Array(Type.String())),
    link: Type.Optional(Type.String()),
  }),
  text: { limit: 63_206, unit: 'characters' },
  media: { maxImages: 10, maxVideos: 1, mix: false },
  capabilities: { delete: true, reconcile: false },
  credentials: [
    { name: 'pageId', description: 'Facebook Page id', secret: false, required: true },
    {
      name: 'pageAccessToken',
      description: 'Page access token (pages_manage_posts)',
      secret: true,
      required: true,
    },
  ],
  sandboxPost: ({ numeric }) => {
    const page = numeric.slice(0, 15);
    const post = numeric.slice(3, 19);
    return { id: `${page}_${post}`, postUrl: `https://www.facebook.com/${page}/posts/${post}` };
  },
};
