import { replyComments } from '../../app/comments/reply-comments.ts';
import { languageOf } from '../boundary.ts';
import { CommentReplyBody } from '../schemas/comments.ts';
import { AnyObject, ErrorResponses } from '../schemas/common.ts';
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
        response: { 200: AnyObject, ...ErrorResponses },
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
      return reply.status(result.status).send(result.body);
    },
  );
};
