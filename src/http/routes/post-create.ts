import type { PostRequest } from '../../app/create-post.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { sendReply } from '../answer.ts';
import { callerOf, operations } from '../operations.ts';
import { respondAsync } from '../prefer.ts';
import { errorResponses } from '../schemas/common.ts';
import { PostBody } from '../schemas/post.ts';
import { PostAnswer, PostFailure } from '../schemas/post-responses.ts';
import type { RegisterRoute } from '../types.ts';

export const registerPostCreate: RegisterRoute = (server, app) => {
  server.post(
    '/api/post',
    {
      schema: {
        summary: 'Publish (or schedule) a post to one or more networks',
        description:
          'Waits (HERALD_POST_WAIT_MS) for the networks before answering. With `Prefer: respond-async` it answers `pending` (`processing` once a network has started) with the id as soon as the post is stored (`Preference-Applied: respond-async`); GET /api/post/{id} then shows each network as it settles.',
        tags: ['posts'],
        body: PostBody,
        // A network that failed keeps the others in the envelope (partial success, the failed
        // codes' status); 502 is seed 002's 441 (partial: the envelope; total: a top-level body).
        response: {
          200: PostAnswer,
          ...errorResponses(PostFailure),
          502: errorResponses(PostFailure)['5xx'],
        },
      },
    },
    async (request, reply) => {
      // The header is HTTP's way of naming the key (MCP's post tool takes idempotencyKey).
      const body = withHeaderKey(request.body as PostRequest, request.headers['idempotency-key']);
      const early = respondAsync(request.headers.prefer);
      const result = await operations.createPost(callerOf(app, request), body, early ? { waitMs: 0 } : {});
      if (early) reply.header('preference-applied', 'respond-async');
      return sendReply(reply, result);
    },
  );
};

/**
 * The `Idempotency-Key` header (the IETF draft's name) is the same as `idempotencyKey` in
 * the body; both naming different keys is refused. Folded into the body, so the request's
 * identity does not depend on where the key was sent.
 */
function withHeaderKey(body: PostRequest, header: string | string[] | undefined): PostRequest {
  if (header === undefined) return body;
  const key = Array.isArray(header) ? header[0] : header;
  if (!key || key.length > 255) {
    throw new HeraldError({
      code: 604,
      params: { problem: 'the Idempotency-Key header must be 1 to 255 characters' },
    });
  }
  if (body.idempotencyKey !== undefined && body.idempotencyKey !== key) {
    throw new HeraldError({
      code: 604,
      params: { problem: 'the Idempotency-Key header and idempotencyKey in the body differ; send one' },
    });
  }
  return { ...body, idempotencyKey: key };
}
