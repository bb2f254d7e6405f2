import type { EngagementBook } from '../engagement.ts';
import type { FakeRequest, Reply } from '../http.ts';
import { googleError, NOT_FOUND } from './errors.ts';
import { type FakeLocalPost, resourceOf } from './posts.ts';

/**
 * Reads analytics makes, as Google documents them: `GET …/localPosts/{id}` (the
 * LocalPost), `POST …/localPosts:reportInsights` (v4: localPostNames and a basicRequest
 * with metricRequests and a timeRange; int64 values as strings), `GET …/localPosts`
 * paged by pageSize/pageToken, and the Business Profile Performance API's
 * `GET /v1/locations/{id}:fetchMultiDailyMetricsTimeSeries` (a zero day leaves `value` out).
 */

export const POST_METRICS = new Set(['LOCAL_POST_VIEWS_SEARCH', 'LOCAL_POST_ACTIONS_CALL_TO_ACTION', 'ALL']);
const DAILY = new Set([
  'BUSINESS_IMPRESSIONS_DESKTOP_MAPS',
  'BUSINESS_IMPRESSIONS_DESKTOP_SEARCH',
  'BUSINESS_IMPRESSIONS_MOBILE_MAPS',
  'BUSINESS_IMPRESSIONS_MOBILE_SEARCH',
  'BUSINESS_CONVERSATIONS',
  'BUSINESS_DIRECTION_REQUESTS',
  'CALL_CLICKS',
  'WEBSITE_CLICKS',
  'BUSINESS_BOOKINGS',
  'BUSINESS_FOOD_ORDERS',
  'BUSINESS_FOOD_MENU_CLICKS',
]);

const invalid = (message: string) => googleError(400, 'INVALID_ARGUMENT', message);

export function readPost(posts: FakeLocalPost[], name: string): Reply {
  const post = posts.find((p) => p.name === name && !p.deleted);
  return post ? { status: 200, body: resourceOf(post) } : NOT_FOUND;
}

export function listPosts(posts: FakeLocalPost[], request: FakeRequest): Reply {
  const size = Math.min(Number(request.query.get('pageSize') ?? 20), 100);
  const start = Number(request.query.get('pageToken') ?? 0);
  const all = [...posts].reverse();
  const page = all.slice(start, start + size).map(resourceOf);
  const end = start + page.length;
  // An empty list is `{}`, as Google answers it.
  return {
    status: 200,
    body: {
      ...(page.length ? { localPosts: page } : {}),
      ...(end < all.length ? { nextPageToken: String(end) } : {}),
    },
  };
}

export function reportInsights(
  book: EngagementBook,
  posts: FakeLocalPost[],
  location: string,
  body: Record<string, unknown> | undefined,
): Reply {
  const names = Array.isArray(body?.localPostNames) ? body.localPostNames.map(String) : [];
  const basic = (body?.basicRequest ?? {}) as {
    metricRequests?: { metric?: string }[];
    timeRange?: { startTime?: string; endTime?: string };
  };
  const metrics = (basic.metricRequests ?? []).map((m) => String(m.metric));
  if (names.length === 0 || names.length > 10) return invalid('local_post_names must hold 1 to 10 names.');
  if (metrics.length === 0 || metrics.some((m) => !POST_METRICS.has(m)))
    return invalid('Invalid metric requests.');
  const range = basic.timeRange ?? {};
  if (!range.startTime || !range.endTime || Date.parse(range.endTime) < Date.parse(range.startTime))
    return invalid('Invalid time range.');
  const asked = metrics.includes('ALL')
    ? ['LOCAL_POST_VIEWS_SEARCH', 'LOCAL_POST_ACTIONS_CALL_TO_ACTION']
    : metrics;
  const localPostMetrics = names
    .filter((name) => posts.some((p) => p.name === name && !p.deleted))
    .map((name) => {
      const e = book.of(name);
      const value = (metric: string) => (metric === 'LOCAL_POST_VIEWS_SEARCH' ? e.views : e.clicks);
      return {
        localPostName: name,
        metricValues: asked.map((metric) => ({
          metric,
          totalValue: {
            metricOption: 'AGGREGATED_TOTAL',
            timeDimension: { timeRange: range },
            value: String(value(metric)),
          },
        })),
      };
    });
  return { status: 200, body: { name: location, localPostMetrics } };
}

/** `/v1/locations/{id}:fetchMultiDailyMetricsTimeSeries?dailyMetrics=…&dailyRange.startDate.year=…` */
export function dailyMetrics(book: EngagementBook, locationId: string, request: FakeRequest): Reply {
  const metrics = request.query.getAll('dailyMetrics');
  if (metrics.length === 0 || metrics.some((m) => !DAILY.has(m))) return invalid('Invalid daily metrics.');
  const date = (prefix: string) => {
    const [y, m, d] = ['year', 'month', 'day'].map((k) => Number(request.query.get(`${prefix}.${k}`)));
    return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1);
  };
  const start = date('dailyRange.startDate');
  const end = date('dailyRange.endDate');
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return invalid('Invalid daily range.');
  const e = book.of(locationId);
  const days: number[] = [];
  for (let t = start; t <= end; t += 86_400_000) days.push(t);
  const perDay = (metric: string) =>
    metric.startsWith('BUSINESS_IMPRESSIONS') ? Math.round(e.views / 10) : metric === 'CALL_CLICKS' ? 1 : 0;
  return {
    status: 200,
    body: {
      multiDailyMetricTimeSeries: [
        {
          dailyMetricTimeSeries: metrics.map((metric) => ({
            dailyMetric: metric,
            timeSeries: {
              datedValues: days.map((t) => {
                const d = new Date(t);
                const value = perDay(metric);
                return {
                  date: { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() },
                  ...(value ? { value: String(value) } : {}),
                };
              }),
            },
          })),
        },
      ],
    },
  };
}
