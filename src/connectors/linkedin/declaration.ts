import { Type } from 'typebox';
import { options } from '../shared/options.ts';
import type { Declaration } from '../types.ts';

export const linkedinDeclaration: Declaration = {
  id: 'linkedin',
  name: 'LinkedIn',
  optionsField: 'linkedInOptions',
  optionsAliases: ['linkedinOptions'],
  optionsSchema: options({
    altText: Type.Optional(Type.Array(Type.String())),
    disableShare: Type.Optional(Type.Boolean()),
    titles: Type.Optional(Type.Array(Type.String())),
  }),
  text: { limit: 3000, unit: 'characters' },
  media: { maxImages: 9, maxVideos: 1, mix: false },
  capabilities: { delete: true, reconcile: false },
  credentials: [
    {
      name: 'author',
      description: 'urn:li:person:… or urn:li:organization:…',
      secret: false,
      required: true,
    },
    {
      name: 'accessToken',
      description: 'OAuth token (w_member_social / w_organization_social)',
      secret: true,
      required: true,
    },
  ],
  dailyBudget: 150,
  sandboxPost: ({ numeric }) => {
    const urn = `urn:li:share:${numeric}`;
    return { id: urn, postUrl: `https://www.linkedin.com/feed/update/${urn}/` };
  },
};
