import type { PostRequest } from '../../app/create-post.ts';
import { callerOf, operations } from '../operations.ts';
import { AnyObject, Envelope, ErrorResponses } from '../schemas/common.ts';
import { PostBody } from '../schemas/post.ts';
import type { RegisterRoute } from '../types.ts';

export const registerPostCreate: RegisterRoute = (server, app) => {
  server.post(
    '/api/post',
    {
      schema: {
        summary: 'Publish (or schedule) a post to one or more networks',
        tags: ['posts'],
        body: PostBody,
        // 502 is seed 002's 441 (partial: the envelope; total: a top-level body), in the seed's key order.
        response: { 200: Envelope, ...ErrorResponses, 502: AnyObject },
      },
    },
    async (request, reply) => {
      const result = await operations.createPost(callerOf(app, request), request.body as PostRequest);
      return reply.status(result.status).send(result.body);
    },
  );
};
