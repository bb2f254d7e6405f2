import { Type } from 'typebox';
import { choosePage } from '../../connect-page/pages.ts';
import { DECLARATIONS } from '../../connectors/declarations.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { pendingChoices } from '../../linking/oauth2-flow.ts';
import { pageOf } from '../connect-request.ts';
import { ConnectErrors, ConnectHtml } from '../schemas/connect-responses.ts';
import type { RegisterRoute } from '../types.ts';

/** GET /connect/:sessionId/choose/:flowId — the accounts a login may post as (member or organization, Page, board...). */
export const registerConnectChoosePage: RegisterRoute = (server, app) => {
  server.get(
    '/connect/:sessionId/choose/:flowId',
    {
      schema: {
        summary: 'The accounts a login may post as (connect page, public: its session cookie)',
        tags: ['connect'],
        security: [],
        params: Type.Object({
          sessionId: Type.String({ format: 'uuid' }),
          flowId: Type.String({ format: 'uuid' }),
        }),
        response: { 200: ConnectHtml, ...ConnectErrors },
      },
    },
    async (request, reply) => {
      const { sessionId, flowId } = request.params as { sessionId: string; flowId: string };
      const page = await pageOf(app, request, sessionId);
      const found = await pendingChoices(app, page, flowId);
      if (!found) throw new HeraldError({ code: 661, params: { platformName: 'The network' } });
      const html = choosePage(
        {
          base: app.config.publicUrl,
          sessionId,
          title: page.profile.title,
          expiresAt: page.session.expiresAt,
        },
        DECLARATIONS[found.flow.platform].name,
        flowId,
        found.pending.choices,
      );
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );
};
