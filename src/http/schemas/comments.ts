import { Type } from 'typebox';
import { PLATFORMS } from '../../platforms.ts';

/** Bodies and queries of the comments endpoints: Ayrshare's fields, each declared. */

const Platforms = Type.Array(Type.String({ maxLength: 64 }), {
  minItems: 1,
  maxItems: PLATFORMS.length,
  description: 'Networks to act on (default: every network of the post).',
});

const Comment = Type.String({ minLength: 1, maxLength: 20_000, description: 'The text of the comment.' });

const MediaUrls = Type.Array(Type.String({ maxLength: 4096, pattern: '^https?://' }), {
  maxItems: 1,
  description: 'One image (Facebook, LinkedIn and X only).',
});

const SearchPlatformId = Type.Boolean({
  description: 'The id is the network’s own (not Herald’s); exactly one platform must be named.',
});

/** Query booleans arrive as text (Ayrshare’s SDK writes `true`). */
const QueryBoolean = (description: string) =>
  Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')], { description }));

export const CommentCreateBody = Type.Object({
  id: Type.String({
    minLength: 1,
    maxLength: 512,
    description: 'Herald post id, or the network’s post id with searchPlatformId.',
  }),
  comment: Comment,
  platforms: Type.Optional(Platforms),
  mediaUrls: Type.Optional(MediaUrls),
  searchPlatformId: Type.Optional(SearchPlatformId),
});

export const CommentReplyBody = Type.Object({
  commentId: Type.String({
    minLength: 1,
    maxLength: 512,
    description:
      'Herald’s commentId (from POST /api/comments), or the network’s comment id with searchPlatformId.',
  }),
  comment: Comment,
  platforms: Type.Optional(Platforms),
  mediaUrls: Type.Optional(MediaUrls),
  searchPlatformId: Type.Optional(SearchPlatformId),
  videoId: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 128,
      description: 'TikTok: the video of a comment named by its own id.',
    }),
  ),
});

export const CommentIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 512 }) });

export const CommentListQuery = Type.Object({
  id: Type.Optional(
    Type.String({ maxLength: 512, description: 'Repeats the path id (Ayrshare’s SDK sends it).' }),
  ),
  platform: Type.Optional(
    Type.String({ maxLength: 64, description: 'The one network of a searchPlatformId read.' }),
  ),
  searchPlatformId: QueryBoolean('The id is the network’s own post (or comment) id.'),
  commentId: QueryBoolean('With searchPlatformId: the id is a comment; its replies are read.'),
  videoId: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 128,
      description:
        'TikTok, with commentId=true: the video of the comment (TikTok lists replies only with both ids).',
    }),
  ),
});

export const CommentDeleteBody = Type.Object({
  id: Type.Optional(
    Type.String({ maxLength: 512, description: 'Repeats the path id (Ayrshare’s SDK sends it).' }),
  ),
  platform: Type.Optional(Type.String({ maxLength: 64 })),
  platforms: Type.Optional(Platforms),
  searchPlatformId: Type.Optional(SearchPlatformId),
});
