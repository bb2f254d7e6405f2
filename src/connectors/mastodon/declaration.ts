import { Type } from 'typebox';
import { altTexts, options } from '../shared/options.ts';
import type { Declaration } from '../types.ts';
import { CHARACTERS_RESERVED_PER_URL, MAX_CHARACTERS, statusLength } from './text.ts';

export const mastodonDeclaration: Declaration = {
  id: 'mastodon',
  name: 'Mastodon',
  optionsField: 'mastodonOptions',
  optionsSchema: options({
    visibility: Type.Optional(
      Type.Union([
        Type.Literal('public'),
        Type.Literal('unlisted'),
        Type.Literal('private'),
        Type.Literal('direct'),
      ]),
    ),
    spoilerText: Type.Optional(Type.String()),
    sensitive: Type.Optional(Type.Boolean()),
    altText: Type.Optional(altTexts),
  }),
  // Mastodon's default; an instance may announce others (configuration.statuses), which Herald does not read yet.
  text: {
    limit: MAX_CHARACTERS,
    // Mastodon's word (max_characters); it counts grapheme clusters, as `counting` does.
    unit: 'characters',
    counting: {
      note: `every URL counts as ${CHARACTERS_RESERVED_PER_URL} characters and a mention @user@domain as @user; mastodonOptions.spoilerText counts too`,
      length: statusLength,
    },
  },
  media: { maxImages: 4, maxVideos: 1, mix: false },
  capabilities: { delete: true, reconcile: true },
  credentials: [
    {
      name: 'instance',
      description: 'Instance URL, e.g. https://mastodon.social',
      secret: false,
      required: true,
      url: true,
    },
    {
      name: 'accessToken',
      description: 'OAuth token (write:statuses write:media)',
      secret: true,
      required: true,
    },
  ],
  sandboxPost: ({ numeric, username }) => {
    const id = numeric.slice(0, 18);
    return { id, postUrl: `https://mastodon.social/@${username}/${id}` };
  },
  // A comment is a reply status: 500 characters (the instance default).
  comments: { text: { limit: 500, unit: 'characters' }, maxImages: 0 },
};
