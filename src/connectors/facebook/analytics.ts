import type { AnalyticsCapability, AnalyticsFailure } from '../analytics-types.ts';
import { clientFor, readGraphAccount } from '../shared/graph-account.ts';
import {
  bothOrFailure,
  type GraphAnalyticsErrors,
  graphAnalyticsFailure,
  readInsights,
} from '../shared/graph-analytics.ts';
import { isObject, stringField } from '../shared/graph-client.ts';
import type { LinkedAccount } from '../types.ts';
import { FACEBOOK_ANALYTICS_ERRORS } from './analytics-errors.ts';
import {
  FACEBOOK_SAMPLES,
  PAGE_FIELDS,
  PAGE_METRICS,
  POST_FIELDS,
  POST_METRICS,
  pageAnalytics,
  postAnalytics,
  postItem,
} from './analytics-shape.ts';
import { classifyAnswer, PLATFORM_NAME } from './errors.ts';
import { CREDENTIALS } from './page.ts';

const ERRORS: GraphAnalyticsErrors = {
  platform: 'facebook',
  platformName: PLATFORM_NAME,
  table: FACEBOOK_ANALYTICS_ERRORS,
  publishing: classifyAnswer,
};

/** Stored credentials that no longer parse can only be fixed by linking again (161, as publishing). */
function pageOf(account: LinkedAccount) {
  const page = readGraphAccount(account.credentials, CREDENTIALS);
  if (typeof page !== 'string') return page;
  const failure: AnalyticsFailure = {
    kind: 'failed',
    error: { code: 161, platform: 'facebook', params: { platformName: PLATFORM_NAME } },
  };
  return failure;
}

/**
 * Facebook Page metrics (Graph API): a post's fields and its insights
 * (`GET /{post}/insights`), the Page's fields and insights, and the Page's published
 * posts, including those made outside Herald. Needs `pages_read_engagement` and
 * `read_insights`; without them Meta answers (#10)/(#200), reported as 682.
 */
export const facebookAnalytics: AnalyticsCapability = {
  errorTable: FACEBOOK_ANALYTICS_ERRORS,
  samples: FACEBOOK_SAMPLES,
  async post(input, ctx) {
    const page = pageOf(input.account);
    if ('kind' in page) return page;
    const client = clientFor(page, ctx);
    const answer = await bothOrFailure(
      client.get([input.id], { fields: POST_FIELDS }),
      client.get([input.id, 'insights'], { metric: POST_METRICS }),
    );
    if (!answer.ok) return graphAnalyticsFailure(answer.failure, ERRORS, { id: input.id, pageId: page.id });
    const postUrl = stringField(answer.a, 'permalink_url');
    return {
      kind: 'metrics',
      id: stringField(answer.a, 'id') ?? input.id,
      ...(postUrl ? { postUrl } : {}),
      analytics: postAnalytics(answer.a, readInsights(answer.b)),
    };
  },
  async account(input, ctx) {
    const page = pageOf(input.account);
    if ('kind' in page) return page;
    const client = clientFor(page, ctx);
    const answer = await bothOrFailure(
      client.get([page.id], { fields: PAGE_FIELDS }),
      client.get([page.id, 'insights'], { metric: PAGE_METRICS, period: 'days_28' }),
    );
    if (!answer.ok) return graphAnalyticsFailure(answer.failure, ERRORS, { id: page.id, pageId: page.id });
    return { kind: 'metrics', id: page.id, analytics: pageAnalytics(answer.a, readInsights(answer.b)) };
  },
  async history(input, ctx) {
    const page = pageOf(input.account);
    if ('kind' in page) return page;
    const answer = await clientFor(page, ctx).get([page.id, 'published_posts'], {
      fields: POST_FIELDS,
      limit: Math.min(input.limit, 100),
      after: input.cursor,
    });
    if (!answer.ok) return graphAnalyticsFailure(answer.failure, ERRORS, { id: page.id, pageId: page.id });
    const data = Array.isArray(answer.value.data) ? answer.value.data.filter(isObject) : [];
    const paging = isObject(answer.value.paging) ? answer.value.paging : {};
    const after = isObject(paging.cursors) ? paging.cursors.after : undefined;
    // Meta sends `paging.next` only when there is a next page.
    const next = typeof paging.next === 'string' && typeof after === 'string' ? after : undefined;
    return { kind: 'posts', posts: data.map(postItem), ...(next ? { next } : {}) };
  },
};
