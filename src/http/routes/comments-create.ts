import { createComments } from '../../app/comments/create-comments.ts';
import { languageOf } from '../boundary.ts';
import { CommentCreateBody } from '../schemas/comments.ts';
import { AnyObject, ErrorResponses } from '../schemas/common.ts';
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
        response: { 200: AnyObject, ...ErrorResponses },
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
      return reply.status(result.status).send(result.body);
    },
  );
};
