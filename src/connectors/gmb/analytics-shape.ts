import type { AnalyticsSamples, Metrics, SampleSeed } from '../analytics-types.ts';
import { sampleNumbers } from '../shared/sample-numbers.ts';
import { isObject } from './wire.ts';

/**
 * Business Profile's answers: a local post with its insights (v4
 * `localPosts:reportInsights`), and the location's daily performance metrics (Business
 * Profile Performance API), summed over the window. Metric names camelCased.
 */
export const POST_METRICS = ['LOCAL_POST_VIEWS_SEARCH', 'LOCAL_POST_ACTIONS_CALL_TO_ACTION'] as const;
export const DAILY_METRICS = [
  'BUSINESS_IMPRESSIONS_DESKTOP_MAPS',
  'BUSINESS_IMPRESSIONS_DESKTOP_SEARCH',
  'BUSINESS_IMPRESSIONS_MOBILE_MAPS',
  'BUSINESS_IMPRESSIONS_MOBILE_SEARCH',
  'BUSINESS_CONVERSATIONS',
  'BUSINESS_DIRECTION_REQUESTS',
  'CALL_CLICKS',
  'WEBSITE_CLICKS',
] as const;

const camel = (name: string) => name.toLowerCase().replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
/** Google prints int64 counts as strings, and leaves a zero value out. */
const int = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? Number(value) || 0 : 0;

/** `localPostMetrics[0].metricValues[].totalValue.value` by metric. */
export function postInsights(report: Record<string, unknown>): Metrics {
  const [first] = Array.isArray(report.localPostMetrics) ? report.localPostMetrics.filter(isObject) : [];
  const values = Array.isArray(first?.metricValues) ? first.metricValues.filter(isObject) : [];
  const out: Metrics = {};
  for (const name of POST_METRICS) out[camel(name)] = 0;
  for (const value of values) {
    if (typeof value.metric !== 'string') continue;
    out[camel(value.metric)] = int(isObject(value.totalValue) ? value.totalValue.value : undefined);
  }
  return out;
}

export function postAnalytics(post: Record<string, unknown>, insights: Metrics): Metrics {
  return {
    post: post.summary,
    created: post.createTime,
    state: post.state,
    topicType: post.topicType,
    ...insights,
  };
}

export function postItem(post: Record<string, unknown>): Metrics {
  return {
    id: post.name,
    post: post.summary,
    postUrl: post.searchUrl,
    created: post.createTime,
    state: post.state,
    topicType: post.topicType,
  };
}

/** Each daily series summed: `{callClicks: n, …}` over the window asked. */
export function dailyTotals(answer: Record<string, unknown>): Metrics {
  const out: Metrics = {};
  for (const name of DAILY_METRICS) out[camel(name)] = 0;
  const multi = Array.isArray(answer.multiDailyMetricTimeSeries)
    ? answer.multiDailyMetricTimeSeries.filter(isObject)
    : [];
  for (const group of multi) {
    const series = Array.isArray(group.dailyMetricTimeSeries)
      ? group.dailyMetricTimeSeries.filter(isObject)
      : [];
    for (const one of series) {
      if (typeof one.dailyMetric !== 'string') continue;
      const values =
        isObject(one.timeSeries) && Array.isArray(one.timeSeries.datedValues)
          ? one.timeSeries.datedValues.filter(isObject)
          : [];
      out[camel(one.dailyMetric)] = values.reduce((sum, v) => sum + int(v.value), 0);
    }
  }
  return out;
}

function samplePost(seed: SampleSeed) {
  const n = sampleNumbers(seed.id);
  return {
    post: {
      name: seed.id,
      summary: seed.text,
      createTime: seed.created,
      state: 'LIVE',
      topicType: 'STANDARD',
      searchUrl: seed.postUrl,
    },
    insights: { localPostViewsSearch: n.views, localPostActionsCallToAction: n.clicks },
  };
}

export const GMB_SAMPLES: AnalyticsSamples = {
  post(seed) {
    const { post, insights } = samplePost(seed);
    return postAnalytics(post, insights);
  },
  account(seed) {
    const n = sampleNumbers(seed.id);
    const values = [n.views, n.reach, n.views * 2, n.reach * 2, n.comments, n.clicks, n.likes, n.shares];
    return {
      startDate: seed.created.slice(0, 10),
      ...Object.fromEntries(DAILY_METRICS.map((name, i) => [camel(name), values[i] ?? 0])),
    };
  },
  historyItem: (seed) => postItem(samplePost(seed).post),
};
