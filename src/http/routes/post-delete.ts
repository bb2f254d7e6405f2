import { deletePost } from '../../app/delete-post.ts';
import { sendReply } from '../answer.ts';
import { languageOf } from '../boundary.ts';
import { errorResponses } from '../schemas/common.ts';
import { PostIdBody } from '../schemas/post.ts';
import { DeleteAnswer } from '../schemas/post-responses.ts';
import { secretHeaders } from '../secret-headers.ts';
import type { RegisterRoute } from '../types.ts';

export const registerPostDelete: RegisterRoute = (server, app) => {
  server.delete(
    '/api/post',
    {
      schema: {
        summary: 'Cancel a scheduled post, or delete a published one where the network allows it',
        tags: ['posts'],
        body: PostIdBody,
        response: { 200: DeleteAnswer, ...errorResponses(DeleteAnswer) },
      },
    },
    async (request, reply) => {
      const result = await deletePost(
        app,
        request.profile,
        request.body.id,
        languageOf(request),
        secretHeaders(request),
      );
      return sendReply(reply, result);
    },
  );
};
