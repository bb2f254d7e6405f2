import type { PostRequest } from '../../app/check-post.ts';
import { validatePost } from '../../app/validate-post.ts';
import { sendReply } from '../answer.ts';
import { languageOf } from '../boundary.ts';
import { ErrorBody, errorResponses } from '../schemas/common.ts';
import { PostBody, UNSUPPORTED_POST_FIELDS } from '../schemas/post.ts';
import { refuseUnsupported } from '../schemas/unsupported.ts';
import { ValidateAnswer, ValidateRefusal } from '../schemas/validate-responses.ts';
import { secretHeaders } from '../secret-headers.ts';
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
      const body = request.body as PostRequest;
      refuseUnsupported(body, UNSUPPORTED_POST_FIELDS);
      const result = await validatePost(
        app,
        request.profile,
        body,
        languageOf(request),
        secretHeaders(request),
      );
      return sendReply(reply, result);
    },
  );
};
