import { Type } from 'typebox';
import { PLATFORMS } from '../../platforms.ts';

/** Fields of Ayrshare's /post that Herald does not do yet: refused, never silently ignored. */
export const UNSUPPORTED_POST_FIELDS = [
  'shortenLinks',
  'autoSchedule',
  'autoRepost',
  'autoHashtag',
  'requiresApproval',
  'randomPost',
  'randomMediaUrl',
  'unsplash',
  'profileKeys',
] as const;

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
      Type.String({ maxLength: 64, description: 'UTC ISO-8601, e.g. 2026-07-08T12:30:00Z.' }),
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
            maxLength: 150,
            description: 'TikTok: at most 150 characters.',
          }),
        },
        {
          additionalProperties: false,
          description: 'Posted as the first comment once the post is live (TikTok only so far).',
        },
      ),
    ),
  },
  {
    additionalProperties: true,
    description: 'Per-network option objects (instagramOptions, blueSkyOptions, ...) are allowed.',
  },
);

export const PostIdBody = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
});

export const RetryBody = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  includeUnconfirmed: Type.Optional(
    Type.Boolean({
      description: 'Also re-send targets whose outcome could not be confirmed (check the network first).',
    }),
  ),
});
