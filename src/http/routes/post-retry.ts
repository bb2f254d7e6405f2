import { retryPost } from '../../app/retry-post.ts';
import { sendReply } from '../answer.ts';
import { languageOf } from '../boundary.ts';
import { errorResponses } from '../schemas/common.ts';
import { RetryBody } from '../schemas/post.ts';
import { PostAnswer, PostFailure } from '../schemas/post-responses.ts';
import { secretHeaders } from '../secret-headers.ts';
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
      const { id, includeUnconfirmed } = request.body;
      const result = await retryPost(
        app,
        request.profile,
        id,
        includeUnconfirmed ?? false,
        languageOf(request),
        secretHeaders(request),
      );
      return sendReply(reply, result);
    },
  );
};
