import type { AppContext } from '../../app/context.ts';
import { listLinks } from '../../db/links.ts';
import type { Profile } from '../../db/profiles.ts';
import { linkAnalytics } from '../../links/links-service.ts';
import { documented } from '../answer.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { LinksAnswer } from '../schemas/link-responses.ts';
import { dateParam, LinkAnalyticsQuery } from '../schemas/links.ts';
import type { RegisterRoute } from '../types.ts';

/** Most links one answer lists (newest first). */
const LIST_LIMIT = 1000;

export async function listLinkAnalytics(
  app: AppContext,
  profile: Profile,
  query: Record<string, string | undefined>,
): Promise<Record<string, unknown>> {
  const links = await listLinks(app.pool, profile.id, {
    fromCreated: dateParam('fromCreatedDate', query.fromCreatedDate),
    toCreated: dateParam('toCreatedDate', query.toCreatedDate),
    limit: LIST_LIMIT,
  });
  const window = {
    from: dateParam('fromClickDate', query.fromClickDate),
    to: dateParam('toClickDate', query.toClickDate),
  };
  return { status: 'success', links: await linkAnalytics(app, profile, links, window) };
}

export const registerLinksList: RegisterRoute = (server, app) => {
  server.get(
    '/api/links',
    {
      schema: {
        summary: 'Click analytics of every short link of the profile',
        tags: ['links'],
        querystring: LinkAnalyticsQuery,
        response: { 200: LinksAnswer, ...ErrorResponses },
      },
    },
    async (request) =>
      documented(
        await listLinkAnalytics(app, request.profile, request.query as Record<string, string | undefined>),
      ),
  );
};
