import type { Static } from 'typebox';
import { AnalyticsPostBody, AnalyticsSocialBody } from '../../http/schemas/analytics.ts';
import { ANALYTICS_CODES, errorGuide } from '../error-guide.ts';
import { toolResult } from '../tool-result.ts';
import { defineTool } from './define.ts';

export const analyticsPostTool = defineTool<Static<typeof AnalyticsPostBody>>({
  name: 'analytics_post',
  title: 'Metrics of a post',
  schema: AnalyticsPostBody,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  description: `Metrics of a post on each network it was published to (or the platforms named): likes, comments, shares, views, impressions... in each network's own terms, under the network's name with its id, postUrl, lastUpdated and nextUpdate. Answers are kept until nextUpdate, so asking again before then costs the network nothing. With searchPlatformId: true, id is the network's own post id on the one platform named. A network that cannot answer has its own error entry while the others are answered.
${errorGuide([...ANALYTICS_CODES, 604, 605, 607, 631])}`,
  async run(args, { backend }) {
    return toolResult(await backend.analyticsPost(args));
  },
});

export const analyticsSocialTool = defineTool<Static<typeof AnalyticsSocialBody>>({
  name: 'analytics_social',
  title: 'Metrics of the linked accounts',
  schema: AnalyticsSocialBody,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  description: `Metrics of this profile's linked account on each network named (followers, views, engagement... in each network's own terms), kept until nextUpdate like analytics_post. On X, userId or userName measure another public account.
${errorGuide([...ANALYTICS_CODES, 604, 605, 631])}`,
  async run(args, { backend }) {
    return toolResult(await backend.analyticsSocial(args));
  },
});
