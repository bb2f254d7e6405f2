import { accountsOf, publicAccount } from '../../app/accounts-service.ts';
import { AccountsAnswer } from '../schemas/account-responses.ts';
import { ErrorResponses } from '../schemas/common.ts';
import type { RegisterRoute } from '../types.ts';

export const registerAccountsList: RegisterRoute = (server, app) => {
  server.get(
    '/api/accounts',
    {
      schema: {
        summary: 'Accounts linked to the current profile (credentials are never returned)',
        tags: ['accounts'],
        response: { 200: AccountsAnswer, ...ErrorResponses },
      },
    },
    async (request) => ({ accounts: (await accountsOf(app, request.profile)).map(publicAccount) }),
  );
};
