import { sendReply } from '../answer.ts';
import { callerOf, operations } from '../operations.ts';
import { errorResponses } from '../schemas/common.ts';
import { RetryBody } from '../schemas/post.ts';
import { PostAnswer, PostFailure } from '../schemas/post-responses.ts';
import type { RegisterRoute } from '../types.ts';

export const registerPostRetry: RegisterRoute = (server, app) => {
  server.put(
    '/api/post/retry',
    {
      schema: {
        summary: 'Re-send only the networks that failed; never one that published',
        tags: ['posts'],
        body: RetryBody,
        response: { 200: PostAnswer, ...errorResponses(PostFailure) },
      },
    },
    async (request, reply) => {
      const result = await operations.retryPost(callerOf(app, request), request.body);
      return sendReply(reply, result);
    },
  );
};
