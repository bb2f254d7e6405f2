import { Type } from 'typebox';
import { DECLARATIONS } from '../../connectors/declarations.ts';
import { PLATFORMS } from '../../platforms.ts';
import { Unsupported } from './unsupported.ts';

/**
 * Fields of Ayrshare's /post for features Herald does not offer yet: accepted when they
 * ask for nothing (`shortenLinks: false`), refused with 604 naming them when they ask.
 */
export const UNSUPPORTED_POST_FIELDS = [
  'autoRepost',
  'autoHashtag',
  'randomPost',
  'randomMediaUrl',
  'isLandscapeVideo',
  'isPortraitVideo',
  'unsplash',
  'profileKeys',
  'arrayResponse',
  'disableComments',
  'title',
  'subreddit',
] as const;

/** `autoSchedule: {schedule: true, title?}`: the next free slot of the named queue schedule. */
export const AutoScheduleField = Type.Object(
  {
    schedule: Type.Boolean({ description: 'true: take the next free slot (false asks for nothing).' }),
    title: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'The schedule (POST /api/auto-schedule/set); default "default".',
      }),
    ),
  },
  {
    additionalProperties: false,
    description: 'The next free slot of a queue schedule; not with scheduleDate.',
  },
);

/** Every network's option object under its field name and aliases; each is checked by its network's schema. */
const OPTION_FIELDS = Object.fromEntries(
  Object.values(DECLARATIONS).flatMap((declaration) =>
    [declaration.optionsField, ...(declaration.optionsAliases ?? [])].map((field) => [
      field,
      Type.Optional(Type.Unknown({ description: `${declaration.name} options (docs/networks.md).` })),
    ]),
  ),
);

export const PostBody = Type.Object(
  {
    post: Type.String({ maxLength: 100_000, description: 'The text; "" for a media-only post.' }),
    platforms: Type.Array(Type.String({ maxLength: 64 }), {
      minItems: 1,
      maxItems: PLATFORMS.length + 1,
      description: `Networks to post to: ${PLATFORMS.join(', ')}, or "all" for every linked one.`,
    }),
    mediaUrls: Type.Optional(
      Type.Array(Type.String({ maxLength: 4096, pattern: '^https?://' }), {
        maxItems: 35,
        description: 'Public http(s) URLs.',
      }),
    ),
    isVideo: Type.Optional(Type.Boolean()),
    scheduleDate: Type.Optional(
      Type.String({
        maxLength: 64,
        description: 'ISO-8601 with a zone: 2026-07-08T12:30:00Z or an offset, 2026-03-29T09:00:00+02:00.',
      }),
    ),
    idempotencyKey: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 255,
        description: 'Same key and body: the first answer again, nothing new.',
      }),
    ),
    firstComment: Type.Optional(
      Type.Object(
        {
          comment: Type.String({
            minLength: 1,
            maxLength: 20_000,
            description:
              'Checked against each network’s comment limit (TikTok 150, Instagram 2,200, X 280 weighted...).',
          }),
          mediaUrls: Type.Optional(
            Type.Array(Type.String({ maxLength: 4096, pattern: '^https?://' }), {
              maxItems: 1,
              description: 'One image: Facebook, LinkedIn and X only.',
            }),
          ),
        },
        {
          additionalProperties: false,
          description:
            'Posted as the first comment on each network once its post is live, exactly once (every network with comments).',
        },
      ),
    ),
    notes: Type.Optional(
      Type.String({
        maxLength: 10_000,
        description:
          'Your own note on the post: stored, returned by GET /api/post/:id and history, never sent.',
      }),
    ),
    requiresApproval: Type.Optional(
      Type.Boolean({
        description:
          'true: the post waits in "awaiting approval" until PATCH /api/post {approved: true}; past its date then, it goes at once.',
      }),
    ),
    autoSchedule: Type.Optional(AutoScheduleField),
    shortenLinks: Type.Optional(
      Type.Boolean({
        description:
          'Rewrite each http(s) link of the text as a short link of this profile (GET /api/links/:id counts its clicks). A network the rewrite cannot serve fails with 441; the others post.',
      }),
    ),
    autoFix: Type.Optional(
      Type.Union(
        [
          Type.Boolean(),
          Type.Object(
            { fill: Type.Optional(Type.Union([Type.Literal('blur'), Type.Literal('black')])) },
            { additionalProperties: false },
          ),
        ],
        {
          description:
            'Fix videos a network would refuse (moov moved to the front, re-encoded to H.264/AAC, filled out to 9:16 with a blurred copy or black bars, frame and bit rate capped) instead of refusing them; each network’s answer says what changed (warning 694). true = {fill: "blur"}. Default: HERALD_MEDIA_AUTOFIX.',
        },
      ),
    ),
    validateScheduled: Type.Optional(
      Type.Literal(true, {
        description:
          'Herald always checks a scheduled post when it is accepted (and again when it goes out).',
      }),
    ),
    ...OPTION_FIELDS,
    ...Object.fromEntries(UNSUPPORTED_POST_FIELDS.map((field) => [field, Type.Optional(Unsupported(field))])),
  },
  {
    description:
      'Per-network option objects (instagramOptions, blueSkyOptions, ...) are checked by each network; any other field is refused (631).',
  },
);

/** GET /api/post/:id. */
export const PostIdParams = Type.Object({
  id: Type.String({ maxLength: 64, description: 'Herald’s post id (the `id` POST /api/post answered).' }),
});

export const PostIdBody = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
});

export const RetryBody = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, description: 'Herald’s post id.' }),
  includeUnconfirmed: Type.Optional(
    Type.Boolean({
      description: 'Also re-send targets whose outcome could not be confirmed (check the network first).',
    }),
  ),
});
