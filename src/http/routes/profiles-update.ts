import { Type } from 'typebox';
import { renameProfile } from '../../db/profiles.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { ProfileRenamed } from '../schemas/account-responses.ts';
import { ErrorResponses } from '../schemas/common.ts';
import type { RegisterRoute } from '../types.ts';

export const registerProfilesUpdate: RegisterRoute = (server, app) => {
  // PUT /api/profiles/profile: the older path and method Ayrshare's SDK (updateProfile) still sends.
  for (const [method, url] of [
    ['PATCH', '/api/profiles'],
    ['PUT', '/api/profiles/profile'],
  ] as const) {
    server.route({
      method,
      url,
      schema: {
        summary: 'Rename a user profile (named by the Profile-Key header or profileKey)',
        tags: ['profiles'],
        body: Type.Object({ title: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: ProfileRenamed, ...ErrorResponses },
      },
      handler: async (request) => {
        // `title` is the new title here, so only a key can name the profile.
        if (!request.profileNamedBy) {
          throw new HeraldError({
            code: 604,
            params: { problem: 'name the profile to rename with the Profile-Key header or profileKey' },
          });
        }
        const profile = request.profile;
        if ((await renameProfile(app.pool, profile.id, request.body.title)) === 'taken') {
          throw new HeraldError({ code: 616, params: { title: request.body.title.slice(0, 200) } });
        }
        // Other processes hear of it through herald_auth; this one forgets before it answers.
        app.auth.invalidate();
        return { status: 'success' as const, refId: profile.refId, title: request.body.title };
      },
    });
  }
};
