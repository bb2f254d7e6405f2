import { sendReply } from '../answer.ts';
import { callerOf, operations } from '../operations.ts';
import { AnalyticsPostBody } from '../schemas/analytics.ts';
import { AnalyticsFailure, PostAnalyticsAnswer } from '../schemas/analytics-responses.ts';
import { errorResponses } from '../schemas/common.ts';
import type { RegisterRoute } from '../types.ts';

export const registerAnalyticsPost: RegisterRoute = (server, app) => {
  server.post(
    '/api/analytics/post',
    {
      schema: {
        summary: 'Metrics of a post on each network (cached until nextUpdate)',
        tags: ['analytics'],
        body: AnalyticsPostBody,
        response: { 200: PostAnalyticsAnswer, ...errorResponses(AnalyticsFailure) },
      },
    },
    async (request, reply) => {
      const result = await operations.analyticsPost(callerOf(app, request), request.body);
      return sendReply(reply, result);
    },
  );
};
