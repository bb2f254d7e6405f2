import { Type } from 'typebox';

/** POST /api/media/verify. */
export const MediaVerifyBody = Type.Object({
  mediaUrl: Type.String({
    minLength: 1,
    maxLength: 4096,
    description: 'The public http(s) URL of the image or video, as it will be given in mediaUrls.',
  }),
  platforms: Type.Optional(
    Type.Array(Type.String({ maxLength: 64 }), {
      maxItems: 15,
      description: 'Only the crawlers of these networks (default: every network that fetches media by URL).',
    }),
  ),
  scheduleDate: Type.Optional(
    Type.String({
      maxLength: 64,
      description: 'When the post will go out (ISO-8601 with a zone): a signed URL must still be valid then.',
    }),
  ),
});
