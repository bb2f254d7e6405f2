import { replyComments } from '../../app/comments/reply-comments.ts';
import { sendReply } from '../answer.ts';
import { languageOf } from '../boundary.ts';
import { ReplyAnswer } from '../schemas/comment-responses.ts';
import { CommentReplyBody } from '../schemas/comments.ts';
import { ErrorsAnswer, errorResponses } from '../schemas/common.ts';
import { secretHeaders } from '../secret-headers.ts';
import type { RegisterRoute } from '../types.ts';

export const registerCommentsReply: RegisterRoute = (server, app) => {
  server.post(
    '/api/comments/reply',
    {
      schema: {
        summary: 'Reply to a comment (Herald’s commentId, or a network’s comment id with searchPlatformId)',
        tags: ['comments'],
        body: CommentReplyBody,
        response: { 200: ReplyAnswer, ...errorResponses(ReplyAnswer, ErrorsAnswer) },
      },
    },
    async (request, reply) => {
      const result = await replyComments(
        app,
        request.profile,
        request.body,
        languageOf(request),
        secretHeaders(request),
      );
      return sendReply(reply, result);
    },
  );
};
