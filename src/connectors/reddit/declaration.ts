import { Type } from 'typebox';
import { options } from '../shared/options.ts';
import { base32 } from '../shared/sandbox-ids.ts';
import type { Declaration } from '../types.ts';

export const redditDeclaration: Declaration = {
  id: 'reddit',
  name: 'Reddit',
  optionsField: 'redditOptions',
  optionsSchema: options({
    title: Type.String({ minLength: 1, maxLength: 300 }),
    subreddit: Type.String({ minLength: 1, maxLength: 21, pattern: '^[A-Za-z0-9_]+$' }),
    link: Type.Optional(Type.String()),
  }),
  text: { limit: 10_000, unit: 'characters' },
  media: { maxImages: 1, maxVideos: 0, mix: false },
  capabilities: { delete: true, reconcile: false },
  credentials: [
    { name: 'accessToken', description: 'Reddit OAuth token (submit scope)', secret: true, required: true },
    { name: 'refreshToken', description: 'Reddit refresh token', secret: true, required: false },
  ],
  sandboxPost: ({ key, options }) => {
    const id = base32(key, 7);
    const subreddit = typeof options.subreddit === 'string' ? options.subreddit : 'test';
    return { id: `t3_${id}`, postUrl: `https://www.reddit.com/r/${subreddit}/comments/${id}/` };
  },
};
