import type { PostRequest } from '../../app/check-post.ts';
import { sendReply } from '../answer.ts';
import { callerOf, operations } from '../operations.ts';
import { ErrorBody, errorResponses } from '../schemas/common.ts';
import { PostBody } from '../schemas/post.ts';
import { ValidateAnswer, ValidateRefusal } from '../schemas/validate-responses.ts';
import type { RegisterRoute } from '../types.ts';

export const registerValidatePost: RegisterRoute = (server, app) => {
  server.post(
    '/api/validate/post',
    {
      schema: {
        summary: 'Dry run: every check of POST /api/post, nothing stored or sent',
        tags: ['validate'],
        body: PostBody,
        response: { 200: ValidateAnswer, ...errorResponses(ValidateRefusal), 502: ErrorBody },
      },
    },
    async (request, reply) => {
      const result = await operations.validatePost(callerOf(app, request), request.body as PostRequest);
      return sendReply(reply, result);
    },
  );
};
