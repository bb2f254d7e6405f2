import { Type } from 'typebox';
import type { ErrorSpec } from '../../errors/build.ts';
import { options } from '../shared/options.ts';
import { base32 } from '../shared/sandbox-ids.ts';
import type { Declaration, PublishInput } from '../types.ts';

/** The schema makes title and subreddit required inside redditOptions; a post without redditOptions has neither. */
function validate(input: PublishInput): ErrorSpec[] {
  const { title, subreddit } = input.options;
  if (typeof title === 'string' && typeof subreddit === 'string') return [];
  return [
    {
      code: 620,
      platform: 'reddit',
      params: {
        optionsField: 'redditOptions',
        problem: 'redditOptions.title and redditOptions.subreddit are required',
      },
    },
  ];
}

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
    {
      name: 'accessToken',
      description:
        'Reddit OAuth access token with the identity, submit and edit scopes (edit is what deleting needs). It lasts an hour: give refreshToken and clientId too, or link again.',
      secret: true,
      required: true,
    },
    {
      name: 'refreshToken',
      description:
        'Refresh token (authorize with duration=permanent): Herald renews the access token with it.',
      secret: true,
      required: false,
    },
    {
      name: 'clientId',
      description:
        'Client id of your Reddit app (reddit.com/prefs/apps): needed to renew tokens, and named in the User-Agent.',
      secret: false,
      required: false,
    },
    {
      name: 'clientSecret',
      description: 'Secret of your Reddit app (empty for an installed app).',
      secret: true,
      required: false,
    },
  ],
  validate,
  sandboxPost: ({ key, options }) => {
    const id = base32(key, 7);
    const subreddit = typeof options.subreddit === 'string' ? options.subreddit : 'test';
    return { id: `t3_${id}`, postUrl: `https://www.reddit.com/r/${subreddit}/comments/${id}/` };
  },
  // Comments are markdown text of at most 10,000 characters: POST /api/comment validates
  // `text` with VMarkdownLength(max_length=10000) and refuses longer with TOO_LONG (r2).
  comments: { text: { limit: 10_000, unit: 'characters' }, maxImages: 0 },
};
