import type { AnalyticsCapability, AnalyticsFailure } from '../analytics-types.ts';
import { GoogleAccessToken } from '../shared/google-token.ts';
import type { ConnectorContext, LinkedAccount } from '../types.ts';
import { analyticsFailure, GMB_ANALYTICS_ERRORS } from './analytics-errors.ts';
import {
  DAILY_METRICS,
  dailyTotals,
  GMB_SAMPLES,
  POST_METRICS,
  postAnalytics,
  postInsights,
  postItem,
} from './analytics-shape.ts';
import { GmbClient, POST_NAME } from './client.ts';
import { PLATFORM_NAME } from './errors.ts';
import { FALLBACK_POST_URL, locationOf } from './publish.ts';
import { isObject } from './wire.ts';

/** Days of the location's performance the account's analytics sum. */
const WINDOW_DAYS = 28;

function connect(account: LinkedAccount, ctx: ConnectorContext) {
  const token =
    typeof account.credentials.accessToken === 'string' ? account.credentials.accessToken.trim() : '';
  const location = locationOf(account.credentials);
  if (!token || !location) {
    const failure: AnalyticsFailure = {
      kind: 'failed',
      error: {
        code: 623,
        platform: 'gmb',
        params: { platformName: PLATFORM_NAME },
        details: 'the stored credentials have no accessToken or locationName',
      },
    };
    return failure;
  }
  // One token for both hosts: a refresh on either serves the other.
  const auth = new GoogleAccessToken(account.credentials, ctx, token, 'gmb');
  const api = new GmbClient(ctx.baseUrl, ctx.apiVersion ?? 'v4', auth, ctx.fetch, ctx.signal);
  const performance = ctx.analyticsBaseUrl
    ? new GmbClient(ctx.analyticsBaseUrl, 'v1', auth, ctx.fetch, ctx.signal)
    : undefined;
  return { api, performance, location };
}

function dateParams(prefix: string, ms: number): string {
  const d = new Date(ms);
  return `${prefix}.year=${d.getUTCFullYear()}&${prefix}.month=${d.getUTCMonth() + 1}&${prefix}.day=${d.getUTCDate()}`;
}

/**
 * Business Profile metrics: a local post (`GET …/localPosts/{id}`) and its insights
 * (`POST …/localPosts:reportInsights`, v4), the location's daily performance over 28 days
 * (Business Profile Performance API `fetchMultiDailyMetricsTimeSeries`), and the
 * location's local posts (`GET …/localPosts`, paged by pageToken) for history.
 */
export const gmbAnalytics: AnalyticsCapability = {
  errorTable: GMB_ANALYTICS_ERRORS,
  samples: GMB_SAMPLES,
  async post(input, ctx) {
    const session = connect(input.account, ctx);
    if ('kind' in session) return session;
    if (!POST_NAME.test(input.id))
      return {
        kind: 'failed',
        error: {
          code: 604,
          params: { problem: 'a Google Business Profile post id is accounts/…/locations/…/localPosts/…' },
        },
      };
    const post = await session.api.request('GET', `/${input.id}`);
    if (!post.ok) return analyticsFailure(post.failure, `Post ${input.id}`);
    const created =
      typeof post.value.createTime === 'string'
        ? post.value.createTime
        : new Date(Date.now() - 86_400_000).toISOString();
    const location = input.id.split('/localPosts/')[0] ?? session.location;
    const report = await session.api.request('POST', `/${location}/localPosts:reportInsights`, {
      localPostNames: [input.id],
      basicRequest: {
        metricRequests: POST_METRICS.map((metric) => ({ metric })),
        timeRange: { startTime: created, endTime: new Date().toISOString() },
      },
    });
    if (!report.ok) return analyticsFailure(report.failure, `Post ${input.id}`);
    const url = typeof post.value.searchUrl === 'string' ? post.value.searchUrl : FALLBACK_POST_URL;
    return {
      kind: 'metrics',
      id: input.id,
      postUrl: url,
      analytics: postAnalytics(post.value, postInsights(report.value)),
    };
  },
  async account(input, ctx) {
    const session = connect(input.account, ctx);
    if ('kind' in session) return session;
    if (!session.performance)
      return {
        kind: 'failed',
        error: { code: 680, platform: 'gmb', params: { platformName: PLATFORM_NAME } },
      };
    const end = Date.now() - 86_400_000;
    const start = end - (WINDOW_DAYS - 1) * 86_400_000;
    const id = session.location.split('/locations/')[1] ?? '';
    const query = [
      ...DAILY_METRICS.map((metric) => `dailyMetrics=${metric}`),
      dateParams('dailyRange.startDate', start),
      dateParams('dailyRange.endDate', end),
    ].join('&');
    const answer = await session.performance.request(
      'GET',
      `/locations/${encodeURIComponent(id)}:fetchMultiDailyMetricsTimeSeries?${query}`,
    );
    if (!answer.ok) return analyticsFailure(answer.failure, `Location ${session.location}`);
    const window = {
      startDate: new Date(start).toISOString().slice(0, 10),
      endDate: new Date(end).toISOString().slice(0, 10),
    };
    return { kind: 'metrics', id: session.location, analytics: { ...window, ...dailyTotals(answer.value) } };
  },
  async history(input, ctx) {
    const session = connect(input.account, ctx);
    if ('kind' in session) return session;
    const query = new URLSearchParams({ pageSize: String(Math.min(input.limit, 100)) });
    if (input.cursor) query.set('pageToken', input.cursor);
    const answer = await session.api.request('GET', `/${session.location}/localPosts?${query}`);
    if (!answer.ok) return analyticsFailure(answer.failure, `Location ${session.location}`);
    const posts = Array.isArray(answer.value.localPosts) ? answer.value.localPosts.filter(isObject) : [];
    const next = typeof answer.value.nextPageToken === 'string' ? answer.value.nextPageToken : undefined;
    return { kind: 'posts', posts: posts.map(postItem), ...(next ? { next } : {}) };
  },
};
