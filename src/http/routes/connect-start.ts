import { Type } from 'typebox';
import { DECLARATIONS } from '../../connectors/declarations.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { unknownPlatformError } from '../../errors/platform-error.ts';
import { startLinking } from '../../linking/start-linking.ts';
import { isPlatform } from '../../platforms.ts';
import { checkOrigin, pageOf, pageUrl } from '../connect-request.ts';
import { redirectResponse } from '../schemas/common.ts';
import { ConnectErrors, PAGE_EXAMPLE } from '../schemas/connect-responses.ts';
import type { RegisterRoute } from '../types.ts';

/**
 * POST /connect/:sessionId/start/:platform — a Connect (or Reconnect) button: off to the
 * network's own authorization page, or, for networks linked by a form (Bluesky,
 * Telegram), linked at once with what was typed.
 */
export const registerConnectStart: RegisterRoute = (server, app) => {
  server.post(
    '/connect/:sessionId/start/:platform',
    {
      schema: {
        summary: 'Starts linking a network from the connect page (public: its session cookie)',
        tags: ['connect'],
        security: [],
        params: Type.Object({
          sessionId: Type.String({ format: 'uuid' }),
          platform: Type.String({ maxLength: 32 }),
        }),
        body: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 2048 }))),
        response: {
          303: redirectResponse(
            'The network’s consent screen, or back to the page (linked with a form).',
            PAGE_EXAMPLE,
          ),
          ...ConnectErrors,
        },
      },
    },
    async (request, reply) => {
      const { sessionId, platform } = request.params as { sessionId: string; platform: string };
      checkOrigin(app, request);
      const page = await pageOf(app, request, sessionId);
      if (!isPlatform(platform)) throw new HeraldError(unknownPlatformError(platform));
      const shown = page.session.allowedSocial;
      if (shown && !shown.includes(platform)) {
        throw new HeraldError({
          code: 604,
          params: { problem: `${DECLARATIONS[platform].name} is not offered on this page` },
        });
      }
      const next = await startLinking(app, page, platform, (request.body ?? {}) as Record<string, string>);
      return reply.redirect(
        next.kind === 'linked' ? pageUrl(app, sessionId, { linked: platform }) : next.url,
        303,
      );
    },
  );
};
