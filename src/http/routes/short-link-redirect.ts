import { Type } from 'typebox';
import { findLinkForRedirect, recordClick } from '../../db/links.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { clickFacts, isCrawler } from '../../links/click-facts.ts';
import { LINK_ID_PATTERN } from '../../links/short-url.ts';
import { ErrorResponses, redirectResponse } from '../schemas/common.ts';
import type { RegisterRoute } from '../types.ts';

/**
 * GET /s/:id, public: follows a short link and counts the click. 302, not 301: a browser
 * keeps a 301 and never asks again, so later clicks would go uncounted (and the link
 * could never be pointed elsewhere). Crawlers reading a link preview are redirected
 * without being counted.
 */
export const registerShortLinkRedirect: RegisterRoute = (server, app) => {
  server.get(
    '/s/:id',
    {
      schema: {
        summary: 'Follow a short link (public)',
        tags: ['links'],
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        security: [],
        response: {
          302: redirectResponse(
            'The original URL (a click is counted unless a crawler asked).',
            'https://example.com/launch?utm_source=herald',
          ),
          ...ErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const link = new RegExp(LINK_ID_PATTERN).test(id) ? await findLinkForRedirect(app.pool, id) : undefined;
      if (!link) throw new HeraldError({ code: 607, params: { what: `Short link ${id.slice(0, 64)}` } });
      const userAgent = request.headers['user-agent'];
      if (!isCrawler(userAgent))
        await recordClick(app.pool, link, clickFacts(userAgent, request.headers.referer));
      return reply.header('cache-control', 'private, no-store').redirect(link.originalUrl, 302);
    },
  );
};
