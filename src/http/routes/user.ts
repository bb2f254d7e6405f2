import { callerOf, operations } from '../operations.ts';
import { AnyObject, ErrorResponses } from '../schemas/common.ts';
import type { RegisterRoute } from '../types.ts';

export const registerUser: RegisterRoute = (server, app) => {
  server.get(
    '/api/user',
    {
      schema: {
        summary: 'The current profile and its linked networks',
        tags: ['accounts'],
        response: { 200: AnyObject, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const result = await operations.user(callerOf(app, request));
      return reply.status(result.status).send(result.body);
    },
  );
};
