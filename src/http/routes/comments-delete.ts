import { deleteComments } from '../../app/comments/delete-comments.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { sendReply } from '../answer.ts';
import { languageOf } from '../boundary.ts';
import { CommentsDeleted } from '../schemas/comment-responses.ts';
import { CommentDeleteBody, CommentIdParams } from '../schemas/comments.ts';
import { ErrorsAnswer, errorResponses } from '../schemas/common.ts';
import { secretHeaders } from '../secret-headers.ts';
import type { RegisterRoute } from '../types.ts';

export const registerCommentsDelete: RegisterRoute = (server, app) => {
  server.delete(
    '/api/comments/:id',
    {
      schema: {
        summary: 'Delete the comments Herald sent on a post (or one comment by id)',
        tags: ['comments'],
        params: CommentIdParams,
        body: CommentDeleteBody,
        response: { 200: CommentsDeleted, ...errorResponses(CommentsDeleted, ErrorsAnswer) },
      },
    },
    async (request, reply) => {
      const body = request.body ?? {};
      if (body.id !== undefined && body.id !== request.params.id)
        throw new HeraldError({
          code: 604,
          params: { problem: 'the id in the body differs from the id in the path' },
        });
      const result = await deleteComments(
        app,
        request.profile,
        request.params.id,
        {
          ...(body.platform ? { platform: body.platform } : {}),
          ...(body.platforms ? { platforms: body.platforms } : {}),
          searchPlatformId: body.searchPlatformId === true,
        },
        languageOf(request),
        secretHeaders(request),
      );
      return sendReply(reply, result);
    },
  );
};
