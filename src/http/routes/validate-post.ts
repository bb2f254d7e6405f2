import type { PostRequest } from '../../app/check-post.ts';
import { callerOf, operations } from '../operations.ts';
import { AnyObject, ErrorResponses } from '../schemas/common.ts';
import { PostBody } from '../schemas/post.ts';
import type { RegisterRoute } from '../types.ts';

export const registerValidatePost: RegisterRoute = (server, app) => {
  server.post(
    '/api/validate/post',
    {
      schema: {
        summary: 'Dry run: every check of POST /api/post, nothing stored or sent',
        tags: ['validate'],
        body: PostBody,
        response: { 200: AnyObject, ...ErrorResponses, 502: AnyObject },
      },
    },
    async (request, reply) => {
      const result = await operations.validatePost(callerOf(app, request), request.body as PostRequest);
      return reply.status(result.status).send(result.body);
    },
  );
};
