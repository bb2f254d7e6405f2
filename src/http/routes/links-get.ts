import { Type } from 'typebox';
import { findLink } from '../../db/links.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { linkAnalytics } from '../../links/links-service.ts';
import { documented } from '../answer.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { LinkAnalyticsAnswer } from '../schemas/link-responses.ts';
import { dateParam, LinkAnalyticsQuery } from '../schemas/links.ts';
import type { RegisterRoute } from '../types.ts';
import { listLinkAnalytics } from './links-list.ts';

export const registerLinksGet: RegisterRoute = (server, app) => {
  server.get(
    '/api/links/:id',
    {
      schema: {
        summary: 'Click analytics of one short link',
        tags: ['links'],
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        querystring: LinkAnalyticsQuery,
        response: { 200: LinkAnalyticsAnswer, ...ErrorResponses },
      },
    },
    async (request) => {
      const query = request.query as Record<string, string | undefined>;
      const { id } = request.params as { id: string };
      // Ayrshare's SDK builds `links/${id}` even without an id: "undefined" means every link.
      if (id === 'undefined') return documented(await listLinkAnalytics(app, request.profile, query));
      const link = await findLink(app.pool, request.profile.id, id);
      if (!link) throw new HeraldError({ code: 607, params: { what: `Short link ${id.slice(0, 64)}` } });
      const window = {
        from: dateParam('fromClickDate', query.fromClickDate),
        to: dateParam('toClickDate', query.toClickDate),
      };
      const [analytics] = await linkAnalytics(app, request.profile, [link], window);
      return documented({ status: 'success', analytics });
    },
  );
};
