import { retryPost } from '../../app/retry-post.ts';
import { languageOf } from '../boundary.ts';
import { Envelope, ErrorResponses } from '../schemas/common.ts';
import { RetryBody } from '../schemas/post.ts';
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
        response: { 200: Envelope, ...ErrorResponses },
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
      return reply.status(result.status).send(result.body);
    },
  );
};
