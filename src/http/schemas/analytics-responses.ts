import { Type } from 'typebox';
import { ErrorBody, Instant, perNetwork, withExamples } from './common.ts';
import { KeepKeyOrder } from './key-order.ts';

const CACHE_TIMES = {
  lastUpdated: Instant('When the network was asked (answers are cached until nextUpdate).'),
  nextUpdate: Instant('Until then, the same call answers from the cache.'),
};

/** One network's metrics of one post: the network's own fields under `analytics` (docs/api.md). */
const PostMetrics = Type.Object(
  {
    id: Type.Optional(Type.String({ description: 'The network’s post id.' })),
    postUrl: Type.Optional(Type.String()),
    analytics: Type.Object({}, { additionalProperties: true, description: 'The network’s own metrics.' }),
    ...CACHE_TIMES,
  },
  { additionalProperties: true },
);

/** A network's part: its metrics, an X thread's metrics per tweet, or its failure (444 keeps `errCode`, `pageId`). */
const PostPart = Type.Union([PostMetrics, Type.Array(Type.Union([PostMetrics, ErrorBody])), ErrorBody]);

const FIRST_FAILURE = {
  httpErrorCode: Type.Optional(Type.Integer({ description: 'The first failure’s catalog code.' })),
  lastUpdated: Type.Optional(Instant()),
  nextUpdate: Type.Optional(Instant()),
};

/** POST /api/analytics/post: `{status, id, <platform>: {...}}`, the networks in the order measured. */
export const PostAnalyticsAnswer = KeepKeyOrder(
  Type.Object(
    {
      status: Type.Union([Type.Literal('success'), Type.Literal('error')]),
      id: Type.Optional(Type.String({ description: 'Herald’s post id (or the network id searched).' })),
      ...perNetwork(PostPart),
      ...FIRST_FAILURE,
    },
    {
      examples: [
        {
          status: 'success',
          id: 'uwvUly4NAL9FFnrHmV9m',
          instagram: {
            id: '17895695668004550',
            postUrl: 'https://www.instagram.com/p/C9xZ2aLMq1v/',
            analytics: {
              caption: 'Hello from Herald',
              commentsCount: 6,
              engagementCount: 68,
              likeCount: 50,
              mediaProductType: 'FEED',
              reachCount: 700,
              savedCount: 9,
              sharesCount: 3,
              viewsCount: 900,
            },
            lastUpdated: '2026-07-08T12:40:00.000Z',
            nextUpdate: '2026-07-08T12:50:00.000Z',
          },
        },
      ],
    },
  ),
);

const AccountMetrics = Type.Object(
  {
    analytics: Type.Object({}, { additionalProperties: true, description: 'The network’s account metrics.' }),
    ...CACHE_TIMES,
  },
  { additionalProperties: true },
);

/** POST /api/analytics/social: `{status, <platform>: {analytics, lastUpdated, nextUpdate}}`. */
export const SocialAnalyticsAnswer = KeepKeyOrder(
  Type.Object(
    {
      status: Type.Union([Type.Literal('success'), Type.Literal('error')]),
      ...perNetwork(Type.Union([AccountMetrics, ErrorBody])),
      ...FIRST_FAILURE,
    },
    {
      examples: [
        {
          status: 'success',
          bluesky: {
            analytics: { displayName: 'Herald', followersCount: 1250, followsCount: 310, postsCount: 842 },
            lastUpdated: '2026-07-08T12:40:00.000Z',
            nextUpdate: '2026-07-08T12:50:00.000Z',
          },
        },
      ],
    },
  ),
);

/** A failure of one object kept under its network's key (seed 002's 444), with the first failure on top. */
export const AnalyticsFailure = withExamples(SocialAnalyticsAnswer, [
  {
    status: 'error',
    facebook: {
      action: 'rate limit',
      status: 'error',
      code: 444,
      errCode: 80001,
      message:
        'Facebook Page has hit its per-Page rate limit on the analytics endpoint. Please wait a few minutes and retry.',
      pageId: '110543412811728',
      id: '110543412811728_5434128117283524',
    },
    httpErrorCode: 444,
    lastUpdated: '2026-07-08T12:40:00.000Z',
    nextUpdate: '2026-07-08T12:45:00.000Z',
  },
]);

/** GET /api/history/:platform: the account's posts on the network, a page at a time. */
export const NetworkHistoryAnswer = Type.Object(
  {
    status: Type.Literal('success'),
    posts: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          post: Type.Optional(Type.String()),
          postUrl: Type.Optional(Type.String()),
          created: Type.Optional(Type.String()),
        },
        {
          additionalProperties: true,
          description: 'The network’s fields (counts where its list gives them).',
        },
      ),
    ),
    ...CACHE_TIMES,
    next: Type.Optional(Type.String({ description: 'Give it back as `next` for the following page.' })),
  },
  {
    examples: [
      {
        status: 'success',
        posts: [
          {
            id: 'at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3l3yknofhybnq',
            post: 'Hello from Herald',
            postUrl: 'https://bsky.app/profile/herald.bsky.social/post/3l3yknofhybnq',
            created: '2026-07-08T12:30:00.000Z',
            likeCount: 3,
            commentsCount: 1,
          },
        ],
        lastUpdated: '2026-07-08T12:40:00.000Z',
        nextUpdate: '2026-07-08T12:50:00.000Z',
        next: '2026-07-08T12:29:59.000Z',
      },
    ],
  },
);
