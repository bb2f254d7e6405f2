import { Type } from 'typebox';
import { HeraldError } from '../../errors/herald-error.ts';
import { finishLinking } from '../../linking/callback.ts';
import { isPlatform } from '../../platforms.ts';
import { pageUrl } from '../connect-request.ts';
import { redirectResponse } from '../schemas/common.ts';
import { ConnectErrors, PAGE_EXAMPLE } from '../schemas/connect-responses.ts';
import type { RegisterRoute } from '../types.ts';

/**
 * GET /connect/callback/:platform — where each network sends the browser back
 * (HERALD_PUBLIC_URL/connect/callback/<network>, the redirect URI to register with the
 * network). The `state` is consumed once and must belong to this browser's page.
 */
export const registerConnectCallback: RegisterRoute = (server, app) => {
  server.get(
    '/connect/callback/:platform',
    {
      schema: {
        summary: 'Where a network sends the browser back after its consent screen (public)',
        tags: ['connect'],
        security: [],
        params: Type.Object({ platform: Type.String({ maxLength: 32 }) }),
        // The network chooses its parameters (code, state, error, scopes, oauth_verifier...).
        querystring: Type.Object({}, { additionalProperties: true }),
        response: {
          303: redirectResponse('Back to the connect page (linked), or to the account picker.', PAGE_EXAMPLE),
          ...ConnectErrors,
        },
      },
    },
    async (request, reply) => {
      const { platform } = request.params as { platform: string };
      if (!isPlatform(platform)) throw new HeraldError({ code: 661, params: { platformName: platform } });
      const query = new URLSearchParams(request.raw.url?.split('?')[1] ?? '');
      const result = await finishLinking(app, request, platform, query);
      const next =
        result.kind === 'choose'
          ? `${pageUrl(app, result.sessionId)}/choose/${result.flowId}`
          : pageUrl(app, result.sessionId, { linked: platform });
      return reply.redirect(next, 303);
    },
  );
};
