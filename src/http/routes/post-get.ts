import { documented } from '../answer.ts';
import { callerOf, operations } from '../operations.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { PostIdParams } from '../schemas/post.ts';
import { PostView } from '../schemas/post-responses.ts';
import type { RegisterRoute } from '../types.ts';

export const registerPostGet: RegisterRoute = (server, app) => {
  server.get(
    '/api/post/:id',
    {
      schema: {
        summary: 'A post with its per-network results',
        tags: ['posts'],
        params: PostIdParams,
        response: { 200: PostView, ...ErrorResponses },
      },
    },
    async (request) => documented((await operations.getPost(callerOf(app, request), request.params.id)).body),
  );
};
