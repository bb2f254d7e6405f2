import { Type } from 'typebox';
import type { ErrorSpec } from '../../errors/build.ts';
import { textLength } from '../../posts/text-length.ts';
import { altTexts, options } from '../shared/options.ts';
import { alnum } from '../shared/sandbox-ids.ts';
import { threadTexts } from '../shared/thread-split.ts';
import type { Declaration, PublishInput } from '../types.ts';

const NAME = 'Threads';
/** Threads' limit per post, and per part of a chain (`thread: true`). */
export const POST_LIMIT = 500;
/**
 * The core's cap on the whole text: with `thread: true` the text may run past 500,
 * each part is checked by validate. The same cap as X's.
 */
export const CHAIN_TEXT_LIMIT = 25_000;
/**
 * Parts of one chain at most. Each part after the first is a reply, and Meta allows
 * 1,000 replies per account per 24 h: one post must not be able to use them up.
 */
export const MAX_PARTS = 100;

function optionProblem(problem: string): ErrorSpec {
  return { code: 620, platform: 'threads', params: { optionsField: 'threadsOptions', problem } };
}

/** Rules checked before any call (for sandbox accounts too), at request time and again at publish time. */
function validate(input: PublishInput): ErrorSpec[] {
  const { mediaUrls } = input.options;
  // Ayrshare's per-part media list: X does not implement it either. null means "none", which is what Herald does.
  if (mediaUrls !== undefined && mediaUrls !== null) {
    return [
      optionProblem(
        'threadsOptions.mediaUrls (media per part of a chain) is not supported: the post’s mediaUrls go on the first part',
      ),
    ];
  }
  const parts = threadTexts(input.text, input.options);
  if (parts.length > MAX_PARTS)
    return [optionProblem(`thread splits the text into ${parts.length} parts; at most ${MAX_PARTS}`)];
  for (const [index, part] of parts.entries()) {
    const length = textLength(part, 'characters');
    if (length <= POST_LIMIT) continue;
    const spec: ErrorSpec = {
      code: 132,
      platform: 'threads',
      params: { platformName: NAME, length, limit: POST_LIMIT, unit: 'characters' },
    };
    // Which part is too long: the text as sent is not what Threads counts.
    if (parts.length > 1) spec.details = `Part ${index + 1} of ${parts.length} is too long.`;
    return [spec];
  }
  return [];
}

export const threadsDeclaration: Declaration = {
  id: 'threads',
  name: NAME,
  optionsField: 'threadsOptions',
  optionsSchema: options({
    // A chain: the text split on blank lines, each part a reply to the one before.
    thread: Type.Optional(Type.Boolean()),
    threadNumber: Type.Optional(Type.Boolean()),
    // Sent as allowlisted_country_codes (on every part of a chain); Meta accepts it only for accounts it enabled.
    allowCountries: Type.Optional(Type.Array(Type.String())),
    altText: Type.Optional(altTexts),
    // Ayrshare's per-part media; refused by `validate` with its own message.
    mediaUrls: Type.Optional(Type.Unknown()),
  }),
  // 500 per post (per part with thread: true) is checked by validate.
  text: {
    limit: CHAIN_TEXT_LIMIT,
    unit: 'characters',
    perPost: { limit: POST_LIMIT, note: 'each part of a threadsOptions.thread chain' },
  },
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
  // Posts, as Meta counts them: a chain is one post (its other parts are replies, which Meta counts apart).
  dailyBudget: 250,
  validate,
  sandboxPost: ({ numeric, key, username }) => ({
    id: `18${numeric.slice(0, 15)}`,
    postUrl: `https://www.threads.net/@${username}/post/${alnum(key, 11)}`,
  }),
  // A comment is a reply post (`reply_to_id`): 500 characters.
  comments: { text: { limit: POST_LIMIT, unit: 'characters' }, maxImages: 0 },
};
