import { deletePost } from '../../app/delete-post.ts';
import { languageOf } from '../boundary.ts';
import { AnyObject, ErrorResponses } from '../schemas/common.ts';
import { PostIdBody } from '../schemas/post.ts';
import { secretHeaders } from '../secret-headers.ts';
import type { RegisterRoute } from '../types.ts';

export const registerPostDelete: RegisterRoute = (server, app) => {
  server.delete(
    '/api/post',
    {
      schema: {
        summary: 'Cancel a scheduled post, or delete a published one where the network allows it',
        tags: ['posts'],
        body: PostIdBody,
        response: { 200: AnyObject, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const result = await deletePost(
        app,
        request.profile,
        request.body.id,
        languageOf(request),
        secretHeaders(request),
      );
      return reply.status(result.status).send(result.body);
    },
  );
};
