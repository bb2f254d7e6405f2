import { callerOf, operations } from '../operations.ts';
import { Envelope, ErrorResponses } from '../schemas/common.ts';
import { RetryBody } from '../schemas/post.ts';
import type { RegisterRoute } from '../types.ts';

export const registerPostRetry: RegisterRoute = (server, app) => {
  server.put(
    '/api/post/retry',
    {
      schema: {
        summary: 'Re-send only the networks that failed; never one that published',
        tags: ['posts'],
        body: RetryBody,
        response: { 200: Envelope, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const result = await operations.retryPost(callerOf(app, request), request.body);
      return reply.status(result.status).send(result.body);
    },
  );
};
