import { accountsOf } from '../../app/accounts-service.ts';
import { healthOf } from '../../linking/token-health.ts';
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
    async (request) => {
      const accounts = await accountsOf(app, request.profile);
      const now = new Date();
      return {
        activeSocialAccounts: accounts.map((a) => a.platform),
        displayNames: accounts.map((a) => {
          // Herald's own health (ok, expiring, needs-relink) beside Ayrshare's refreshDaysRemaining.
          const health = healthOf(a, now);
          return {
            platform: a.platform,
            displayName: a.displayName,
            username: a.username,
            id: a.externalId,
            profileUrl: a.profileUrl,
            ...(a.picture ? { userImage: a.picture } : {}),
            created: a.createdAt.toISOString(),
            ...(health.refreshDaysRemaining !== undefined
              ? { refreshDaysRemaining: health.refreshDaysRemaining }
              : {}),
            status: health.status,
            ...(health.reason ? { reason: health.reason } : {}),
            ...(a.sandbox ? { sandbox: true as const } : {}),
          };
        }),
        created: request.profile.createdAt.toISOString(),
        refId: request.profile.refId,
        title: request.profile.title,
      };
    },
  );
};
