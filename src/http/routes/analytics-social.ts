import { socialAnalytics } from '../../app/analytics/social-analytics.ts';
import { sendReply } from '../answer.ts';
import { languageOf } from '../boundary.ts';
import { AnalyticsSocialBody, platformsOf, UNSUPPORTED_SOCIAL_FIELDS } from '../schemas/analytics.ts';
import { AnalyticsFailure, SocialAnalyticsAnswer } from '../schemas/analytics-responses.ts';
import { errorResponses } from '../schemas/common.ts';
import { refuseUnsupported } from '../schemas/unsupported.ts';
import { secretHeaders } from '../secret-headers.ts';
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
      const { platforms, userId, userName } = request.body;
      refuseUnsupported(request.body, UNSUPPORTED_SOCIAL_FIELDS);
      const result = await socialAnalytics(
        app,
        request.profile,
        {
          platforms: platformsOf(platforms) ?? [],
          ...(userId ? { userId } : {}),
          ...(userName ? { userName } : {}),
        },
        secretHeaders(request),
        languageOf(request),
      );
      return sendReply(reply, result);
    },
  );
};
