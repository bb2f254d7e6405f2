import { Type } from 'typebox';
import { postLength } from '../../posts/post-length.ts';
import { documented } from '../answer.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { PostLengthAnswer } from '../schemas/validate-responses.ts';
import type { RegisterRoute } from '../types.ts';

const Body = Type.Object({ post: Type.String({ maxLength: 100_000, description: 'The text to measure.' }) });

/** POST /api/validate/postLength (and Ayrshare's older /api/post/checkPostWeight). */
export const registerValidatePostLength: RegisterRoute = (server) => {
  for (const path of ['/api/validate/postLength', '/api/post/checkPostWeight']) {
    server.post(
      path,
      {
        schema: {
          summary: 'The text’s length as each network counts it, and each network’s limit',
          tags: ['validate'],
          body: Body,
          response: { 200: PostLengthAnswer, ...ErrorResponses },
        },
      },
      async (request) => documented(postLength((request.body as { post: string }).post)),
    );
  }
};
