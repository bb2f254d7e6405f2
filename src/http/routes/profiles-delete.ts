import { Type } from 'typebox';
import { deleteProfile } from '../../db/profiles.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { ProfileDeleted } from '../schemas/account-responses.ts';
import { ErrorResponses } from '../schemas/common.ts';
import type { RegisterRoute } from '../types.ts';
import { targetProfile } from './profile-target.ts';

export const registerProfilesDelete: RegisterRoute = (server, app) => {
  // /api/profiles/profile: the older path Ayrshare's SDK (deleteProfile) still calls.
  for (const url of ['/api/profiles', '/api/profiles/profile']) {
    server.delete(
      url,
      {
        schema: {
          summary: 'Delete a user profile with its accounts and posts (irreversible)',
          description:
            'The profile is the one the Profile-Key header or profileKey names, else the one titled `title`.',
          tags: ['profiles'],
          body: Type.Optional(Type.Object({ title: Type.Optional(Type.String({ maxLength: 200 })) })),
          response: { 200: ProfileDeleted, ...ErrorResponses },
        },
      },
      async (request) => {
        const profile = await targetProfile(app, request, request.body?.title);
        if (profile.isPrimary) throw new HeraldError(617);
        await deleteProfile(app.pool, profile.id);
        // Other processes hear of it through herald_auth; this one forgets before it answers.
        app.auth.invalidate();
        return { status: 'success' as const, refId: profile.refId };
      },
    );
  }
};
