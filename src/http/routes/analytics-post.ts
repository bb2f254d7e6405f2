import { callerOf, operations } from '../operations.ts';
import { AnalyticsPostBody } from '../schemas/analytics.ts';
import { AnyObject, SeedOrderErrorResponses } from '../schemas/common.ts';
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
      const result = await operations.analyticsPost(callerOf(app, request), request.body);
      return reply.status(result.status).send(result.body);
    },
  );
};
