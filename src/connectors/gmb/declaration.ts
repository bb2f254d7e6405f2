import { Type } from 'typebox';
import { options } from '../shared/options.ts';
import type { Declaration } from '../types.ts';

export const gmbDeclaration: Declaration = {
  id: 'gmb',
  name: 'Google Business Profile',
  optionsField: 'gmbOptions',
  optionsSchema: options({
    isPhotoVideo: Type.Optional(Type.Boolean()),
    callToAction: Type.Optional(
      Type.Object({ actionType: Type.String(), url: Type.Optional(Type.String()) }),
    ),
  }),
  text: { limit: 1500, unit: 'characters' },
  media: { maxImages: 1, maxVideos: 0, mix: false },
  capabilities: { delete: true, reconcile: false },
  credentials: [
    { name: 'locationName', description: 'accounts/{a}/locations/{l}', secret: false, required: true },
    {
      name: 'accessToken',
      description: 'Google OAuth token (business.manage)',
      secret: true,
      required: true,
    },
  ],
  sandboxPost: ({ numeric }) => ({
    id: `accounts/1${numeric.slice(0, 9)}/locations/2${numeric.slice(9, 18)}/localPosts/${numeric.slice(2, 18)}`,
    postUrl: `https://local.google.com/place?id=${numeric}&use=posts`,
  }),
};
