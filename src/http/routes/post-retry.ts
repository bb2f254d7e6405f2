import { sendReply } from '../answer.ts';
import { callerOf, operations } from '../operations.ts';
import { respondAsync } from '../prefer.ts';
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
        description:
          'Waits (HERALD_POST_WAIT_MS) for the networks sent again. With `Prefer: respond-async` it answers as soon as they are queued (`Preference-Applied: respond-async`); GET /api/post/{id} then shows each as it settles.',
        tags: ['posts'],
        body: RetryBody,
        response: { 200: PostAnswer, ...errorResponses(PostFailure) },
      },
    },
    async (request, reply) => {
      const early = respondAsync(request.headers.prefer);
      const result = await operations.retryPost(
        callerOf(app, request),
        request.body,
        early ? { waitMs: 0 } : {},
      );
      if (early) reply.header('preference-applied', 'respond-async');
      return sendReply(reply, result);
    },
  );
};
