import { sendReply } from '../answer.ts';
import { callerOf, operations } from '../operations.ts';
import { AnalyticsSocialBody } from '../schemas/analytics.ts';
import { AnalyticsFailure, SocialAnalyticsAnswer } from '../schemas/analytics-responses.ts';
import { errorResponses } from '../schemas/common.ts';
import type { RegisterRoute } from '../types.ts';

export const registerAnalyticsSocial: RegisterRoute = (server, app) => {
  server.post(
    '/api/analytics/social',
    {
      schema: {
        summary: 'Metrics of each linked account (followers, views, engagement), cached until nextUpdate',
        tags: ['analytics'],
        body: AnalyticsSocialBody,
        response: { 200: SocialAnalyticsAnswer, ...errorResponses(AnalyticsFailure) },
      },
    },
    async (request, reply) => {
      const result = await operations.analyticsSocial(callerOf(app, request), request.body);
      return sendReply(reply, result);
    },
  );
};
