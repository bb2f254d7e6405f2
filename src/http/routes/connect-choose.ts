import { Type } from 'typebox';
import { HeraldError } from '../../errors/herald-error.ts';
import { linkPicked, pendingChoices } from '../../linking/oauth2-flow.ts';
import { LINKING } from '../../linking/registry.ts';
import { checkOrigin, pageOf, pageUrl } from '../connect-request.ts';
import { redirectResponse } from '../schemas/common.ts';
import { ConnectErrors, PAGE_EXAMPLE } from '../schemas/connect-responses.ts';
import type { RegisterRoute } from '../types.ts';

/** POST /connect/:sessionId/choose/:flowId — links the account picked (once: the pick is single-use). */
export const registerConnectChoose: RegisterRoute = (server, app) => {
  server.post(
    '/connect/:sessionId/choose/:flowId',
    {
      schema: {
        summary: 'Links the account picked (connect page, public: its session cookie)',
        tags: ['connect'],
        security: [],
        params: Type.Object({
          sessionId: Type.String({ format: 'uuid' }),
          flowId: Type.String({ format: 'uuid' }),
        }),
        body: Type.Object({ choice: Type.String({ maxLength: 512 }) }, { additionalProperties: true }),
        response: { 303: redirectResponse('Back to the connect page.', PAGE_EXAMPLE), ...ConnectErrors },
      },
    },
    async (request, reply) => {
      const { sessionId, flowId } = request.params as { sessionId: string; flowId: string };
      checkOrigin(app, request);
      const page = await pageOf(app, request, sessionId);
      const found = await pendingChoices(app, page, flowId);
      const network = found ? LINKING[found.flow.platform] : undefined;
      const stale = new HeraldError({ code: 661, params: { platformName: 'The network' } });
      if (!found || network?.kind !== 'oauth2') throw stale;
      const picked = await linkPicked(
        app,
        page,
        network,
        flowId,
        (request.body as { choice: string }).choice,
      );
      if (!picked) throw stale;
      return reply.redirect(pageUrl(app, sessionId, { linked: network.platform }), 303);
    },
  );
};
