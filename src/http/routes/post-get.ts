import { callerOf, operations } from '../operations.ts';
import { AnyObject, ErrorResponses } from '../schemas/common.ts';
import { PostIdParams } from '../schemas/post.ts';
import type { RegisterRoute } from '../types.ts';

export const registerPostGet: RegisterRoute = (server, app) => {
  server.get(
    '/api/post/:id',
    {
      schema: {
        summary: 'A post with its per-network results',
        tags: ['posts'],
        params: PostIdParams,
        response: { 200: AnyObject, ...ErrorResponses },
      },
    },
    async (request) => (await operations.getPost(callerOf(app, request), request.params.id)).body,
  );
};
