import { Type } from 'typebox';
import { options } from '../shared/options.ts';
import type { Declaration } from '../types.ts';

export const twitterDeclaration: Declaration = {
  id: 'twitter',
  name: 'X/Twitter',
  optionsField: 'twitterOptions',
  optionsAliases: ['xOptions'],
  optionsSchema: options({
    thread: Type.Optional(Type.Boolean()),
    threadNumber: Type.Optional(Type.Boolean()),
    longPost: Type.Optional(Type.Boolean()),
    altText: Type.Optional(Type.Array(Type.String({ maxLength: 1000 }))),
    poll: Type.Optional(
      Type.Object({
        duration: Type.Integer({ minimum: 5, maximum: 10080 }),
        options: Type.Array(Type.String({ maxLength: 25 }), { minItems: 2, maxItems: 4 }),
      }),
    ),
    quoteTweetId: Type.Optional(Type.String()),
  }),
  text: { limit: 280, unit: 'weighted' },
  requestSecrets: ['x-twitter-oauth1-api-key', 'x-twitter-oauth1-api-secret'],
  media: { maxImages: 4, maxVideos: 1, mix: false },
  capabilities: { delete: true, reconcile: false },
  credentials: [
    { name: 'accessToken', description: 'OAuth 1.0a user access token', secret: true, required: true },
    {
      name: 'accessTokenSecret',
      description: 'OAuth 1.0a user access token secret',
      secret: true,
      required: true,
    },
  ],
  sandboxPost: ({ numeric, username }) => ({
    id: numeric,
    postUrl: `https://x.com/${username}/status/${numeric}`,
  }),
};
