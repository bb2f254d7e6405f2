import { Type } from 'typebox';
import { listLinks } from '../../db/links.ts';
import { legacyLinkAnalytics } from '../../links/links-service.ts';
import { documented } from '../answer.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { LegacyLinkAnalytics } from '../schemas/link-responses.ts';
import type { RegisterRoute } from '../types.ts';

const Query = Type.Object({
  lastDays: Type.Optional(
    Type.String({
      pattern: '^[1-7]$',
      description: 'Links shortened (and clicks) in the last 1 to 7 days. Default 1.',
    }),
  ),
});

const DAY_MS = 86_400_000;

/**
 * Ayrshare's older link analytics (`GET /analytics/links`, its SDK's `analyticsLinks`; HURL
 * calls it `/analytics/links-short`): an array, one entry per link shortened in the last
 * `lastDays` days, clicks counted per device class as Firebase Dynamic Links did.
 */
export const registerAnalyticsLinks: RegisterRoute = (server, app) => {
  for (const path of ['/api/analytics/links', '/api/analytics/links-short']) {
    server.get(
      path,
      {
        schema: {
          summary: 'Short-link clicks of the last days (Ayrshare’s older shape)',
          tags: ['links'],
          querystring: Query,
          response: { 200: LegacyLinkAnalytics, ...ErrorResponses },
        },
      },
      async (request) => {
        const days = Number((request.query as { lastDays?: string }).lastDays ?? 1);
        const since = new Date(Date.now() - days * DAY_MS);
        const links = await listLinks(app.pool, request.profile.id, {
          fromCreated: since,
          toCreated: null,
          limit: 1000,
        });
        return documented(await legacyLinkAnalytics(app, request.profile, links, { from: since, to: null }));
      },
    );
  }
};
