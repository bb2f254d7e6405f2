import { Type } from 'typebox';
import { unlinkAccount } from '../../app/accounts-service.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { unknownPlatformError } from '../../errors/platform-error.ts';
import { isPlatform } from '../../platforms.ts';
import { UnlinkAnswer } from '../schemas/account-responses.ts';
import { ErrorResponses } from '../schemas/common.ts';
import type { RegisterRoute } from '../types.ts';

export const registerSocialUnlink: RegisterRoute = (server, app) => {
  server.delete(
    '/api/profiles/social',
    {
      schema: {
        summary: 'Unlink a network from the current profile (200 even when it was not linked)',
        tags: ['accounts'],
        body: Type.Object({ platform: Type.String({ maxLength: 64 }) }),
        response: { 200: UnlinkAnswer, ...ErrorResponses },
      },
    },
    async (request) => {
      const { platform } = request.body;
      if (!isPlatform(platform)) {
        throw new HeraldError(unknownPlatformError(platform));
      }
      await unlinkAccount(app, request.profile, platform);
      return { status: 'success' as const, platform, refId: request.profile.refId };
    },
  );
};
