import { Type } from 'typebox';
import type { ErrorSpec } from '../../errors/build.ts';
import { altTexts, options } from '../shared/options.ts';
import { alnum } from '../shared/sandbox-ids.ts';
import type { Declaration, PublishInput } from '../types.ts';

/** Rules checked before any call (for sandbox accounts too). */
function validate(input: PublishInput): ErrorSpec[] {
  if (input.options.thread === true) {
    const problem = 'threadsOptions.thread (splitting a post into a chain) is not supported yet';
    return [{ code: 620, platform: 'threads', params: { optionsField: 'threadsOptions', problem } }];
  }
  return [];
}

export const threadsDeclaration: Declaration = {
  id: 'threads',
  name: 'Threads',
  optionsField: 'threadsOptions',
  optionsSchema: options({
    thread: Type.Optional(Type.Boolean()),
    threadNumber: Type.Optional(Type.Boolean()),
    // Sent as allowlisted_country_codes; Meta accepts it only for accounts it enabled.
    allowCountries: Type.Optional(Type.Array(Type.String())),
    altText: Type.Optional(altTexts),
  }),
  text: { limit: 500, unit: 'characters' },
  // One image or video, or a carousel of 2–20 items, images and videos mixed.
  media: { maxImages: 20, maxVideos: 20, mix: true },
  // Threads' DELETE needs the threads_delete permission most logins lack: Herald answers 619.
  capabilities: { delete: false, reconcile: true },
  credentials: [
    {
      name: 'threadsUserId',
      description: 'Id of the Threads user (GET /me?fields=id on graph.threads.net).',
      secret: false,
      required: true,
    },
    {
      name: 'accessToken',
      description:
        'A long-lived Threads token with threads_basic and threads_content_publish (60 days; refresh it). Checked at link time with GET /{threadsUserId}?fields=id,username,name.',
      secret: true,
      required: true,
    },
  ],
  dailyBudget: 250,
  validate,
  sandboxPost: ({ numeric, key, username }) => ({
    id: `18${numeric.slice(0, 15)}`,
    postUrl: `https://www.threads.net/@${username}/post/${alnum(key, 11)}`,
  }),
};
