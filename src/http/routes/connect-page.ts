import { Type } from 'typebox';
import { notice } from '../../connect-page/layout.ts';
import { connectPage } from '../../connect-page/pages.ts';
import { DECLARATIONS } from '../../connectors/declarations.ts';
import { listAccounts } from '../../db/accounts.ts';
import { pageNetworks } from '../../linking/page-model.ts';
import { isPlatform } from '../../platforms.ts';
import { pageOf } from '../connect-request.ts';
import { ConnectErrors, ConnectHtml } from '../schemas/connect-responses.ts';
import type { RegisterRoute } from '../types.ts';

const Query = Type.Object(
  {
    linked: Type.Optional(Type.String({ maxLength: 32 })),
    unlinked: Type.Optional(Type.String({ maxLength: 32 })),
  },
  { additionalProperties: true },
);

/** What the last action did, said at the top (only a platform id travels in the URL, never text). */
function outcome(query: { linked?: string; unlinked?: string }) {
  if (isPlatform(query.linked)) return notice('success', `${DECLARATIONS[query.linked].name} is linked.`);
  if (isPlatform(query.unlinked))
    return notice('success', `${DECLARATIONS[query.unlinked].name} is unlinked.`);
  return undefined;
}

/** GET /connect/:sessionId — the profile's networks: linked accounts with their health, and what can be linked. */
export const registerConnectPage: RegisterRoute = (server, app) => {
  server.get(
    '/connect/:sessionId',
    {
      schema: {
        summary:
          'The connect page: linked accounts with their health, and what can be linked (public: its session cookie)',
        tags: ['connect'],
        security: [],
        params: Type.Object({ sessionId: Type.String({ format: 'uuid' }) }),
        querystring: Query,
        response: { 200: ConnectHtml, ...ConnectErrors },
      },
    },
    async (request, reply) => {
      const { sessionId } = request.params as { sessionId: string };
      const page = await pageOf(app, request, sessionId);
      const accounts = await listAccounts(app.pool, page.profile.id);
      const networks = pageNetworks(app, page.session, accounts, new Date());
      const html = connectPage(
        {
          base: app.config.publicUrl,
          sessionId,
          title: page.profile.title,
          expiresAt: page.session.expiresAt,
          ...(page.session.redirect ? { redirect: page.session.redirect } : {}),
        },
        networks,
        outcome(request.query as { linked?: string; unlinked?: string }),
      );
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );
};
