import { Type } from 'typebox';
import { ErrorBody, PlatformId, perNetwork } from './common.ts';
import { KeepKeyOrder } from './key-order.ts';

const POST_ID = 'uwvUly4NAL9FFnrHmV9m';
const COMMENT_ID = 'XuTDlLSGaohBRDJagVBH';

const Head = {
  status: Type.Union([Type.Literal('success'), Type.Literal('error')]),
  id: Type.Optional(Type.String({ description: 'The post (or comment) acted on.' })),
  commentId: Type.Optional(
    Type.String({ description: 'Herald’s commentId of this request: reply to it, delete it.' }),
  ),
};

const Errors = {
  errors: Type.Optional(Type.Array(ErrorBody, { description: 'The networks that did not take it.' })),
};

/** POST /api/comments: each network that took the comment under its name. */
export const CommentAnswer = KeepKeyOrder(
  Type.Object(
    {
      ...Head,
      ...perNetwork(
        Type.Object(
          {
            status: Type.Literal('success'),
            commentId: Type.String({ description: 'The network’s comment id.' }),
            comment: Type.String(),
            commentUrn: Type.Optional(Type.String()),
            platform: PlatformId,
          },
          { additionalProperties: true },
        ),
      ),
      ...Errors,
    },
    {
      examples: [
        {
          status: 'success',
          id: POST_ID,
          commentId: COMMENT_ID,
          facebook: {
            status: 'success',
            commentId: '8786891102878472_123155208220667',
            comment: 'Thanks for the support',
            platform: 'facebook',
          },
        },
      ],
    },
  ),
);

/** POST /api/comments/reply: each network's reply, with the comment it answers. */
export const ReplyAnswer = KeepKeyOrder(
  Type.Object(
    {
      ...Head,
      ...perNetwork(
        Type.Object({
          status: Type.Literal('success'),
          commentId: Type.String(),
          sourceCommentId: Type.String({ description: 'The network’s id of the comment answered.' }),
          comment: Type.String(),
          platform: PlatformId,
        }),
      ),
      ...Errors,
    },
    {
      examples: [
        {
          status: 'success',
          id: COMMENT_ID,
          commentId: 'Zr0dE5kQm2LxTpq8WcVb',
          facebook: {
            status: 'success',
            commentId: '8786891102878472_123155208220668',
            sourceCommentId: '8786891102878472_123155208220667',
            comment: 'Glad you like it',
            platform: 'facebook',
          },
        },
      ],
    },
  ),
);

/** One comment read from a network. */
export const NetworkComment = Type.Object(
  {
    comment: Type.String(),
    commentId: Type.String(),
    created: Type.String(),
    from: Type.Object({}, { additionalProperties: true, description: 'The author: {id, username, ...}.' }),
    hidden: Type.Boolean(),
    likeCount: Type.Integer(),
    platform: PlatformId,
    postId: Type.String(),
    username: Type.String(),
    replies: Type.Optional(
      Type.Array(Type.Object({}, { additionalProperties: true }), {
        description: 'Replies to it, each shaped as a comment.',
      }),
    ),
  },
  { additionalProperties: true },
);

/** GET /api/comments/:id: the comments on each network. */
export const CommentsAnswer = KeepKeyOrder(
  Type.Object(
    { ...Head, ...perNetwork(Type.Array(NetworkComment)), ...Errors },
    {
      examples: [
        {
          status: 'success',
          id: POST_ID,
          bluesky: [
            {
              comment: 'Congrats on the launch!',
              commentId: 'at://did:plc:4kq2mjx7nrw3l5yqzd2fcebh/app.bsky.feed.post/3l3ykp2ahrs2c',
              created: '2026-07-08T12:35:00.000Z',
              from: { id: 'did:plc:4kq2mjx7nrw3l5yqzd2fcebh', username: 'reader.bsky.social' },
              hidden: false,
              likeCount: 2,
              platform: 'bluesky',
              postId: 'at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3l3yknofhybnq',
              username: 'reader.bsky.social',
            },
          ],
        },
      ],
    },
  ),
);

const Deleted = Type.Object({
  action: Type.Literal('delete'),
  status: Type.Literal('success'),
  id: Type.String({ description: 'The network’s comment id.' }),
  comment: Type.Optional(Type.String()),
});

/** DELETE /api/comments/:id: each network's deleted comment (a list when several went). */
export const CommentsDeleted = KeepKeyOrder(
  Type.Object(
    { ...Head, ...perNetwork(Type.Union([Deleted, Type.Array(Deleted)])), ...Errors },
    {
      examples: [
        {
          status: 'success',
          facebook: {
            action: 'delete',
            status: 'success',
            id: '8786891102878472_123155208220667',
            comment: 'Thanks for the support',
          },
        },
      ],
    },
  ),
);
