import type { PostEditRequest } from '../../app/edit-common.ts';
import { editPost } from '../../app/edit-post.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { sendReply } from '../answer.ts';
import { languageOf } from '../boundary.ts';
import { errorResponses } from '../schemas/common.ts';
import { UpdateAnswer, UpdateFailure } from '../schemas/post-responses.ts';
import { NEEDS_NEW_POST_FIELDS, PostUpdateBody, UNSUPPORTED_UPDATE_FIELDS } from '../schemas/post-update.ts';
import { refuseUnsupported } from '../schemas/unsupported.ts';
import { secretHeaders } from '../secret-headers.ts';
import type { RegisterRoute } from '../types.ts';

/**
 * PATCH /api/post, and PUT /api/post, which Ayrshare's SDK `updatePost` sends: one
 * endpoint under both methods.
 */
export const registerPostUpdate: RegisterRoute = (server, app) => {
  for (const method of ['PATCH', 'PUT'] as const) {
    server.route({
      method,
      url: '/api/post',
      schema: {
        summary:
          method === 'PATCH'
            ? 'Change a post: move, pause, approve, notes, text and media not sent yet, a published YouTube video'
            : 'The same as PATCH /api/post (Ayrshare’s SDK updatePost sends PUT)',
        tags: ['posts'],
        body: PostUpdateBody,
        response: { 200: UpdateAnswer, ...errorResponses(UpdateFailure) },
      },
      handler: async (request, reply) => {
        if (app.draining.value) throw new HeraldError(618);
        const body = request.body as PostEditRequest;
        refuseUnsupported(body, UNSUPPORTED_UPDATE_FIELDS);
        const result = await editPost(
          app,
          request.profile,
          body,
          languageOf(request),
          secretHeaders(request),
          NEEDS_NEW_POST_FIELDS,
        );
        return sendReply(reply, result);
      },
    });
  }
};
