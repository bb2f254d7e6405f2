import { Type } from 'typebox';
import { options } from '../shared/options.ts';
import type { Declaration } from '../types.ts';

export const snapchatDeclaration: Declaration = {
  id: 'snapchat',
  name: 'Snapchat',
  optionsField: 'snapChatOptions',
  optionsAliases: ['snapchatOptions'],
  optionsSchema: options({
    savedStory: Type.Optional(Type.Boolean()),
    spotlight: Type.Optional(Type.Boolean()),
  }),
  text: { limit: 160, unit: 'characters' },
  media: { maxImages: 1, maxVideos: 1, mix: false, requiresMedia: true },
  capabilities: { delete: true, reconcile: false },
  credentials: [
    { name: 'profileId', description: 'Public Profile id', secret: false, required: true },
    { name: 'accessToken', description: 'Snap OAuth token (allowlisted app)', secret: true, required: true },
  ],
  sandboxPost: ({ key, username }) => ({
    id: key.slice(0, 32),
    postUrl: `https://www.snapchat.com/add/${username}`,
  }),
};
