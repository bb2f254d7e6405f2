import { Type } from 'typebox';
import { renameProfile } from '../../db/profiles.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { AnyObject, ErrorResponses } from '../schemas/common.ts';
import type { RegisterRoute } from '../types.ts';
import { targetProfile } from './profile-target.ts';

export const registerProfilesUpdate: RegisterRoute = (server, app) => {
  server.patch(
    '/api/profiles',
    {
      schema: {
        summary: 'Rename a user profile (named by the Profile-Key header or profileKey)',
        tags: ['profiles'],
        body: Type.Object({
          profileKey: Type.Optional(Type.String({ maxLength: 64 })),
          title: Type.String({ minLength: 1, maxLength: 200 }),
        }),
        response: { 200: AnyObject, ...ErrorResponses },
      },
    },
    async (request) => {
      const profile = await targetProfile(app, request, { profileKey: request.body.profileKey });
      if ((await renameProfile(app.pool, profile.id, request.body.title)) === 'taken') {
        throw new HeraldError({ code: 616, params: { title: request.body.title.slice(0, 200) } });
      }
      return { status: 'success', refId: profile.refId, title: request.body.title };
    },
  );
};
