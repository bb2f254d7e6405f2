import { Type } from 'typebox';
import { deleteProfile } from '../../db/profiles.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { AnyObject, ErrorResponses } from '../schemas/common.ts';
import type { RegisterRoute } from '../types.ts';
import { targetProfile } from './profile-target.ts';

export const registerProfilesDelete: RegisterRoute = (server, app) => {
  server.delete(
    '/api/profiles',
    {
      schema: {
        summary: 'Delete a user profile with its accounts and posts (irreversible)',
        tags: ['profiles'],
        body: Type.Optional(
          Type.Object({
            profileKey: Type.Optional(Type.String({ maxLength: 64 })),
            title: Type.Optional(Type.String({ maxLength: 200 })),
          }),
        ),
        response: { 200: AnyObject, ...ErrorResponses },
      },
    },
    async (request) => {
      const profile = await targetProfile(app, request, request.body ?? {});
      if (profile.isPrimary) throw new HeraldError(617);
      await deleteProfile(app.pool, profile.id);
      return { status: 'success', refId: profile.refId };
    },
  );
};
