import { Type } from 'typebox';
import { HeraldError } from '../../errors/herald-error.ts';
import { cookieName, cookieOptions, sessionOfToken } from '../../linking/page-session.ts';
import { pageUrl } from '../connect-request.ts';
import { redirectResponse } from '../schemas/common.ts';
import { ConnectErrors, PAGE_EXAMPLE } from '../schemas/connect-responses.ts';
import type { RegisterRoute } from '../types.ts';

/**
 * GET /connect?jwt=… — the URL generateJWT answers. The JWT goes into the page's
 * cookie and the browser moves to the page's own address, so the token leaves the
 * address bar (and any referrer) at once. An expired or unknown token is 660.
 */
export const registerConnectOpen: RegisterRoute = (server, app) => {
  server.get(
    '/connect',
    {
      schema: {
        summary: 'Opens the hosted connect page with the URL generateJWT returned (public)',
        tags: ['connect'],
        security: [],
        querystring: Type.Object(
          { jwt: Type.Optional(Type.String({ maxLength: 4096 })) },
          { additionalProperties: true },
        ),
        response: {
          303: redirectResponse(
            'The connect page, its session cookie set (the token leaves the URL).',
            PAGE_EXAMPLE,
          ),
          ...ConnectErrors,
        },
      },
    },
    async (request, reply) => {
      const token = (request.query as { jwt?: string }).jwt;
      const page = token ? await sessionOfToken(app, token) : undefined;
      if (!page) throw new HeraldError(660);
      reply.setCookie(cookieName(page.session.id), page.token, cookieOptions(app, page.session));
      return reply.redirect(pageUrl(app, page.session.id), 303);
    },
  );
};
