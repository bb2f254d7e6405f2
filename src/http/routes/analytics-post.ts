import { postAnalytics } from '../../app/analytics/post-analytics.ts';
import { languageOf } from '../boundary.ts';
import { AnalyticsPostBody, platformsOf } from '../schemas/analytics.ts';
import { AnyObject, SeedOrderErrorResponses } from '../schemas/common.ts';
import { refuseUnsupported } from '../schemas/unsupported.ts';
import { secretHeaders } from '../secret-headers.ts';
import type { RegisterRoute } from '../types.ts';

export const registerAnalyticsPost: RegisterRoute = (server, app) => {
  server.post(
    '/api/analytics/post',
    {
      schema: {
        summary: 'Metrics of a post on each network (cached until nextUpdate)',
        tags: ['analytics'],
        body: AnalyticsPostBody,
        response: { 200: AnyObject, ...SeedOrderErrorResponses },
      },
    },
    async (request, reply) => {
      const { id, platforms, searchPlatformId } = request.body;
      refuseUnsupported(request.body, ['postIds']);
      const checked = platformsOf(platforms);
      const result = await postAnalytics(
        app,
        request.profile,
        { id, ...(checked ? { platforms: checked } : {}), ...(searchPlatformId ? { searchPlatformId } : {}) },
        secretHeaders(request),
        languageOf(request),
      );
      return reply.status(result.status).send(result.body);
    },
  );
};
