import { Type } from 'typebox';
import { listAccounts } from '../../db/accounts.ts';
import { listProfiles } from '../../db/profiles.ts';
import { ProfilesAnswer } from '../schemas/account-responses.ts';
import { ErrorResponses } from '../schemas/common.ts';
import type { RegisterRoute } from '../types.ts';

export const registerProfilesList: RegisterRoute = (server, app) => {
  server.get(
    '/api/profiles',
    {
      schema: {
        summary: 'User profiles of the account (not the primary); profile keys are never returned',
        description: 'A request acting as a profile (Profile-Key or profileKey) sees only that profile.',
        tags: ['profiles'],
        querystring: Type.Object({
          title: Type.Optional(Type.String({ maxLength: 200 })),
          refId: Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: { 200: ProfilesAnswer, ...ErrorResponses },
      },
    },
    async (request) => {
      const all = await listProfiles(app.pool, request.query);
      const profiles = request.profileNamedBy ? all.filter((p) => p.id === request.profile.id) : all;
      const items = [];
      for (const profile of profiles) {
        const accounts = await listAccounts(app.pool, profile.id);
        items.push({
          title: profile.title,
          refId: profile.refId,
          created: profile.createdAt.toISOString(),
          activeSocialAccounts: accounts.map((a) => a.platform),
        });
      }
      return { profiles: items };
    },
  );
};
