import { Type } from 'typebox';
import { unlinkAccount } from '../../app/accounts-service.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { unknownPlatformError } from '../../errors/platform-error.ts';
import { isPlatform } from '../../platforms.ts';
import { checkOrigin, pageOf, pageUrl } from '../connect-request.ts';
import { redirectResponse } from '../schemas/common.ts';
import { ConnectErrors, PAGE_EXAMPLE } from '../schemas/connect-responses.ts';
import type { RegisterRoute } from '../types.ts';

/** POST /connect/:sessionId/unlink/:platform — the end user unlinks one network (an `unlink` event by the user). */
export const registerConnectUnlink: RegisterRoute = (server, app) => {
  server.post(
    '/connect/:sessionId/unlink/:platform',
    {
      schema: {
        summary: 'The end user unlinks one network (connect page, public: its session cookie)',
        tags: ['connect'],
        security: [],
        params: Type.Object({
          sessionId: Type.String({ format: 'uuid' }),
          platform: Type.String({ maxLength: 32 }),
        }),
        response: { 303: redirectResponse('Back to the connect page.', PAGE_EXAMPLE), ...ConnectErrors },
      },
    },
    async (request, reply) => {
      const { sessionId, platform } = request.params as { sessionId: string; platform: string };
      checkOrigin(app, request);
      const page = await pageOf(app, request, sessionId);
      if (!isPlatform(platform)) throw new HeraldError(unknownPlatformError(platform));
      await unlinkAccount(app, page.profile, platform);
      return reply.redirect(pageUrl(app, sessionId, { unlinked: platform }), 303);
    },
  );
};
