import { listComments } from '../../app/comments/list-comments.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { sendReply } from '../answer.ts';
import { languageOf } from '../boundary.ts';
import { CommentsAnswer } from '../schemas/comment-responses.ts';
import { CommentIdParams, CommentListQuery } from '../schemas/comments.ts';
import { ErrorsAnswer, errorResponses } from '../schemas/common.ts';
import { secretHeaders } from '../secret-headers.ts';
import type { RegisterRoute } from '../types.ts';

export const registerCommentsGet: RegisterRoute = (server, app) => {
  server.get(
    '/api/comments/:id',
    {
      schema: {
        summary: 'The comments of a post on each of its networks (or of a network’s own post or comment)',
        tags: ['comments'],
        params: CommentIdParams,
        querystring: CommentListQuery,
        response: { 200: CommentsAnswer, ...errorResponses(CommentsAnswer, ErrorsAnswer) },
      },
    },
    async (request, reply) => {
      const { query, params } = request;
      // Ayrshare's SDK repeats the id in the query: two different ids name two things.
      if (query.id !== undefined && query.id !== params.id)
        throw new HeraldError({
          code: 604,
          params: { problem: 'the id in the query differs from the id in the path' },
        });
      const result = await listComments(
        app,
        request.profile,
        params.id,
        {
          ...(query.platform ? { platform: query.platform } : {}),
          searchPlatformId: query.searchPlatformId === 'true',
          commentIsId: query.commentId === 'true',
          ...(query.videoId ? { videoId: query.videoId } : {}),
        },
        languageOf(request),
        secretHeaders(request),
      );
      return sendReply(reply, result);
    },
  );
};
