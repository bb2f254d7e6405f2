import { Type } from 'typebox';
import { generateKey, hashKey } from '../../config/secrets.ts';
import { insertProfile } from '../../db/profiles.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { AnyObject, ErrorResponses } from '../schemas/common.ts';
import type { RegisterRoute } from '../types.ts';

export const registerProfilesCreate: RegisterRoute = (server, app) => {
  server.post(
    '/api/profiles',
    {
      schema: {
        summary: 'Create a user profile; its profileKey is returned once and stored only hashed',
        tags: ['profiles'],
        body: Type.Object({ title: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: AnyObject, ...ErrorResponses },
      },
    },
    async (request) => {
      const profileKey = generateKey();
      const profile = await insertProfile(app.pool, {
        title: request.body.title,
        isPrimary: false,
        keyHash: hashKey(profileKey),
      });
      if (!profile) throw new HeraldError({ code: 616, params: { title: request.body.title.slice(0, 200) } });
      return { status: 'success', title: profile.title, refId: profile.refId, profileKey };
    },
  );
};
