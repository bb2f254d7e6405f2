import { Type } from 'typebox';
import { generateKey, hashKey } from '../../config/secrets.ts';
import { insertProfile } from '../../db/profiles.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { ProfileCreated } from '../schemas/account-responses.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { refuseUnsupported, Unsupported } from '../schemas/unsupported.ts';
import type { RegisterRoute } from '../types.ts';

/** Ayrshare's create-profile fields for features Herald does not offer (messaging, teams, white-label). */
const UNSUPPORTED = [
  'messagingActive',
  'team',
  'email',
  'hideTopHeader',
  'hideLogo',
  'topHeader',
  'subHeader',
  'disableSocial',
  'tags',
] as const;

const CreateProfileBody = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200 }),
  ...Object.fromEntries(
    UNSUPPORTED.map((field) => [field, Type.Optional(Unsupported(`profile option ${field}`))]),
  ),
});

export const registerProfilesCreate: RegisterRoute = (server, app) => {
  // /api/profiles/profile: the older path Ayrshare's SDK (createProfile) still calls.
  for (const url of ['/api/profiles', '/api/profiles/profile']) {
    server.post(
      url,
      {
        schema: {
          summary: 'Create a user profile; its profileKey is returned once and stored only hashed',
          tags: ['profiles'],
          body: CreateProfileBody,
          response: { 200: ProfileCreated, ...ErrorResponses },
        },
      },
      async (request) => {
        const body = request.body as { title: string } & Record<string, unknown>;
        refuseUnsupported(body, UNSUPPORTED);
        const profileKey = generateKey();
        const profile = await insertProfile(app.pool, {
          title: body.title,
          isPrimary: false,
          keyHash: hashKey(profileKey),
        });
        if (!profile) throw new HeraldError({ code: 616, params: { title: body.title.slice(0, 200) } });
        return { status: 'success' as const, title: profile.title, refId: profile.refId, profileKey };
      },
    );
  }
};
