import { Type } from 'typebox';
import { options } from '../shared/options.ts';
import { alnum } from '../shared/sandbox-ids.ts';
import type { Declaration } from '../types.ts';

export const threadsDeclaration: Declaration = {
  id: 'threads',
  name: 'Threads',
  optionsField: 'threadsOptions',
  optionsSchema: options({
    thread: Type.Optional(Type.Boolean()),
    threadNumber: Type.Optional(Type.Boolean()),
    allowCountries: Type.Optional(Type.Array(Type.String())),
  }),
  text: { limit: 500, unit: 'characters' },
  media: { maxImages: 20, maxVideos: 20, mix: true },
  capabilities: { delete: false, reconcile: true },
  credentials: [
    { name: 'threadsUserId', description: 'Threads user id', secret: false, required: true },
    {
      name: 'accessToken',
      description: 'Threads access token (threads_content_publish)',
      secret: true,
      required: true,
    },
  ],
  dailyBudget: 250,
  sandboxPost: ({ numeric, key, username }) => ({
    id: `18${numeric.slice(0, 15)}`,
    postUrl: `https://www.threads.net/@${username}/post/${alnum(key, 11)}`,
  }),
};
