import { postAnalytics } from '../../app/analytics/post-analytics.ts';
import { sendReply } from '../answer.ts';
import { languageOf } from '../boundary.ts';
import { AnalyticsPostBody, platformsOf } from '../schemas/analytics.ts';
import { AnalyticsFailure, PostAnalyticsAnswer } from '../schemas/analytics-responses.ts';
import { errorResponses } from '../schemas/common.ts';
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
        response: { 200: PostAnalyticsAnswer, ...errorResponses(AnalyticsFailure) },
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
      return sendReply(reply, result);
    },
  );
};
