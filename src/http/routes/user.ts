import { sendReply } from '../answer.ts';
import { callerOf, operations } from '../operations.ts';
import { UserAnswer } from '../schemas/account-responses.ts';
import { ErrorResponses } from '../schemas/common.ts';
import type { RegisterRoute } from '../types.ts';

export const registerUser: RegisterRoute = (server, app) => {
  server.get(
    '/api/user',
    {
      schema: {
        summary: 'The current profile and its linked networks',
        tags: ['accounts'],
        response: { 200: UserAnswer, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const result = await operations.user(callerOf(app, request));
      return sendReply(reply, result);
    },
  );
};
