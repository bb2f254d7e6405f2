import { createComments } from '../../app/comments/create-comments.ts';
import { sendReply } from '../answer.ts';
import { languageOf } from '../boundary.ts';
import { CommentAnswer } from '../schemas/comment-responses.ts';
import { CommentCreateBody } from '../schemas/comments.ts';
import { ErrorsAnswer, errorResponses } from '../schemas/common.ts';
import { secretHeaders } from '../secret-headers.ts';
import type { RegisterRoute } from '../types.ts';

export const registerCommentsCreate: RegisterRoute = (server, app) => {
  server.post(
    '/api/comments',
    {
      schema: {
        summary:
          'Comment on a post, on each of its networks (or on a network’s own post with searchPlatformId)',
        tags: ['comments'],
        body: CommentCreateBody,
        response: { 200: CommentAnswer, ...errorResponses(CommentAnswer, ErrorsAnswer) },
      },
    },
    async (request, reply) => {
      const result = await createComments(
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
