import { accountsOf } from '../../app/accounts-service.ts';
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
    async (request) => {
      const accounts = await accountsOf(app, request.profile);
      return {
        activeSocialAccounts: accounts.map((a) => a.platform),
        displayNames: accounts.map((a) => ({
          platform: a.platform,
          displayName: a.displayName,
          username: a.username,
          id: a.externalId,
          profileUrl: a.profileUrl,
          created: a.createdAt.toISOString(),
          ...(a.sandbox ? { sandbox: true } : {}),
        })),
        created: request.profile.createdAt.toISOString(),
        refId: request.profile.refId,
        title: request.profile.title,
      };
    },
  );
};
