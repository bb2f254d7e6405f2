import { Type } from 'typebox';
import { TARGET_STATES } from '../../posts/target-state.ts';
import {
  Envelope,
  ErrorBody,
  ErrorsAnswer,
  examplesOf,
  Instant,
  Nullable,
  OneOf,
  PlatformId,
  PostIdEntry,
  PostStatus,
  perNetwork,
  Warning,
  withExamples,
} from './common.ts';
import { KeepKeyOrder } from './key-order.ts';

const POST_ID = 'uwvUly4NAL9FFnrHmV9m';

const published = {
  status: 'success',
  id: 'at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3l3yknofhybnq',
  postUrl: 'https://bsky.app/profile/herald.bsky.social/post/3l3yknofhybnq',
  cid: 'bafyreig2fjxi3rptqdgylg7e5hmjl6mcke7rn2b6cugzlqq3i4zu6rq52q',
  platform: 'bluesky',
};

const failed = {
  action: 'post',
  status: 'error',
  code: 440,
  message:
    'Instagram could not fetch the media. The media URL is blocked for Meta’s crawler (robots.txt or firewall).',
  details: 'robots.txt of cdn.example.com disallows facebookexternalhit for /a.jpg (rule: Disallow: /)',
  platform: 'instagram',
};

/** POST /api/post, PUT /api/post/retry: the envelope, one example per outcome. */
export const PostAnswer = withExamples(Envelope, [
  { status: 'success', errors: [], postIds: [published], id: POST_ID, post: 'Hello from Herald' },
  {
    status: 'scheduled',
    errors: [],
    postIds: [],
    id: POST_ID,
    post: 'Launch day',
    scheduleDate: '2026-12-05T08:00:00.000Z',
  },
]);

/** A partial failure (HTTP 400 or the failed networks’ status): the envelope keeps what succeeded. */
export const PostFailure = withExamples(Envelope, [
  { status: 'error', errors: [failed], postIds: [published], id: POST_ID, post: 'Hello' },
]);

/** GET /api/post/:id, GET /api/history/:id and each item of GET /api/history. */
export const PostView = Type.Object(
  {
    id: Type.String(),
    status: PostStatus,
    type: Type.Union([Type.Literal('now'), Type.Literal('scheduled')]),
    post: Type.String(),
    platforms: Type.Array(PlatformId),
    mediaUrls: Type.Array(Type.String()),
    created: Instant(),
    scheduleDate: Nullable(Instant()),
    notes: Type.Optional(Type.String()),
    scheduledPause: Type.Optional(Type.Literal(true)),
    requiresApproval: Type.Optional(Type.Literal(true)),
    approved: Type.Optional(Type.Boolean()),
    approvedAt: Type.Optional(Instant()),
    autoSchedule: Type.Optional(Type.Object({ title: Type.String() })),
    errors: Type.Array(ErrorBody),
    postIds: Type.Array(PostIdEntry),
    warnings: Type.Optional(Type.Array(Warning)),
    profileTitle: Type.String(),
    refId: Type.String(),
    targets: Type.Array(
      Type.Object({
        platform: PlatformId,
        state: OneOf(TARGET_STATES),
        attempts: Type.Integer(),
      }),
      { description: 'Herald’s own: each network’s state and attempts.' },
    ),
  },
  {
    examples: [
      {
        id: POST_ID,
        status: 'success',
        type: 'now',
        post: 'Hello from Herald',
        platforms: ['bluesky'],
        mediaUrls: [],
        created: '2026-07-08T12:30:00.000Z',
        scheduleDate: null,
        errors: [],
        postIds: [published],
        profileTitle: 'Primary',
        refId: 'b1f7d3c0a9e84f5c8d2e',
        targets: [{ platform: 'bluesky', state: 'published', attempts: 1 }],
      },
    ],
  },
);

export const HistoryAnswer = Type.Object(
  { history: Type.Array(PostView, { description: 'Newest first.' }) },
  { examples: [{ history: examplesOf(PostView) }] },
);

/** One network's part of DELETE /api/post. */
const DeleteResult = Type.Union([
  Type.Object(
    {
      action: Type.Literal('delete'),
      status: Type.Literal('success'),
      id: Type.Optional(Nullable(Type.String())),
      scheduled: Type.Optional(Type.Literal(true)),
    },
    { additionalProperties: true },
  ),
  ErrorBody,
]);

/** DELETE /api/post: `{status, id, <platform>: {...}}`, networks in the post's order. */
export const DeleteAnswer = KeepKeyOrder(
  Type.Object(
    {
      status: Type.Union([Type.Literal('success'), Type.Literal('error')]),
      id: Type.String(),
      ...perNetwork(DeleteResult),
    },
    {
      examples: [
        {
          status: 'success',
          id: POST_ID,
          bluesky: { action: 'delete', status: 'success', id: published.id },
          facebook: { action: 'delete', status: 'success', scheduled: true },
        },
      ],
    },
  ),
);

/** PATCH /api/post: what changed and where the post stands now. */
export const UpdateAnswer = KeepKeyOrder(
  Type.Object(
    {
      status: Type.Literal('success'),
      id: Type.String(),
      updated: Type.Array(Type.String(), { description: 'The fields this call changed.' }),
      postStatus: PostStatus,
      scheduleDate: Type.Optional(Nullable(Instant())),
      notes: Type.Optional(Type.String()),
      scheduledPause: Type.Optional(Type.Literal(true)),
      requiresApproval: Type.Optional(Type.Literal(true)),
      approved: Type.Optional(Type.Boolean()),
      approvedAt: Type.Optional(Instant()),
      autoSchedule: Type.Optional(Type.Object({ title: Type.String() })),
      youtube: Type.Optional(
        Type.Object(
          {},
          { additionalProperties: true, description: 'A published video as YouTube holds it now.' },
        ),
      ),
    },
    {
      additionalProperties: true,
      examples: [
        {
          status: 'success',
          id: POST_ID,
          updated: ['scheduleDate', 'notes'],
          postStatus: 'scheduled',
          scheduleDate: '2026-07-08T12:30:00.000Z',
          notes: 'moved for the launch',
        },
      ],
    },
  ),
);

/** PATCH /api/post refused per network (text or media invalid, YouTube refusing): nothing changed. */
export const UpdateFailure = ErrorsAnswer;
