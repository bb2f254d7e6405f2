import { META } from './meta-errors.ts';
import { type Answer, type Handler, metaTime, ok, type Request } from './routes.ts';
import type { GraphState } from './state.ts';

/**
 * Insights and the lists analytics read (Graph API insights, Page published_posts, IG and
 * Threads user insights). Answers as Meta documents them: `{data: [{name, period, values:
 * [{value}], title, description, id}]}` for objects, `total_value: {value}` for account
 * metrics asked with metric_type=total_value, and (#100) for a metric name Meta does not know.
 */

const TITLES: Record<string, string> = {
  post_media_view: 'Media views',
  post_total_media_view_unique: 'Total media viewers',
  post_clicks: 'Post clicks',
  post_reactions_by_type_total: 'Total post reactions by type',
  page_media_view: 'Media views',
  page_total_media_view_unique: 'Total media viewers',
  page_post_engagements: 'Post engagements',
  page_follows: 'Followers',
  reach: 'Accounts reached',
  saved: 'Saved',
  likes: 'Likes',
  comments: 'Comments',
  shares: 'Shares',
  total_interactions: 'Interactions',
  views: 'Views',
  replies: 'Replies',
  reposts: 'Reposts',
  quotes: 'Quotes',
  accounts_engaged: 'Accounts engaged',
  profile_views: 'Profile views',
  followers_count: 'Followers',
};

/** Metric names, as Meta parses `metric=a,b`; an unknown one is (#100), as Meta answers it. */
function metrics(request: Request, known: Record<string, (id: string) => unknown>): string[] | Answer {
  const names = (request.params.metric ?? '').split(',').filter(Boolean);
  if (names.length === 0)
    return {
      error: {
        code: 100,
        subcode: 1504028,
        classic: true,
        message:
          'No metric was specified to be fetched. Please specify one or more metrics to be fetched and try again.',
      },
    };
  const unknown = names.find((name) => !(name in known));
  if (unknown)
    return {
      error: {
        code: 100,
        classic: true,
        message: `metric[0] must be one of the following values: ${Object.keys(known).join(', ')}`,
      },
    };
  return names;
}

function lifetime(id: string, name: string, value: unknown) {
  return {
    name,
    period: 'lifetime',
    values: [{ value }],
    title: TITLES[name] ?? name,
    description: `Lifetime: ${TITLES[name] ?? name}.`,
    id: `${id}/insights/${name}/lifetime`,
  };
}

function objectInsights(
  id: string,
  request: Request,
  known: Record<string, (id: string) => unknown>,
): Answer {
  const names = metrics(request, known);
  if (!Array.isArray(names)) return names;
  const data = names.map((name) => lifetime(id, name, (known[name] as (id: string) => unknown)(id)));
  return ok({
    data,
    paging: { previous: 'https://graph.facebook.com/...', next: 'https://graph.facebook.com/...' },
  });
}

const PAGE_POST_METRICS = (state: GraphState): Record<string, (id: string) => unknown> => ({
  post_media_view: (id) => state.engagement(id).views,
  post_total_media_view_unique: (id) => state.engagement(id).reach,
  post_clicks: (id) => state.engagement(id).clicks,
  post_reactions_by_type_total: (id) => {
    const e = state.engagement(id);
    return { like: e.like, love: e.love, wow: e.wow };
  },
});

/** GET /{page-post-id}/insights */
export const postInsights: Handler = (state, request) =>
  objectInsights(request.segments[0] as string, request, PAGE_POST_METRICS(state));

/** GET /{ig-media-id}/insights */
export const mediaInsights: Handler = (state, request) => {
  const id = request.segments[0] as string;
  const media = state.media.get(id);
  if (!media) return { error: META.objectMissing(id, 'get') };
  const e = (x: string) => state.engagement(x);
  const known: Record<string, (id: string) => unknown> =
    media.family === 'ig'
      ? {
          reach: (x) => e(x).reach,
          saved: (x) => e(x).saves,
          likes: (x) => e(x).like,
          comments: (x) => e(x).comments,
          shares: (x) => e(x).shares,
          total_interactions: (x) => e(x).like + e(x).comments + e(x).shares + e(x).saves,
          views: (x) => e(x).views,
        }
      : {
          views: (x) => e(x).views,
          likes: (x) => e(x).like,
          replies: (x) => e(x).replies,
          reposts: (x) => e(x).reposts,
          quotes: (x) => e(x).quotes,
          shares: (x) => e(x).shares,
        };
  return objectInsights(id, request, known);
};

/** Two days of a daily (or 28-day) series, the last one being the latest. */
function series(id: string, name: string, period: string, value: number) {
  const day = 86_400_000;
  return {
    name,
    period,
    values: [
      { value: Math.max(0, value - 3), end_time: metaTime(Date.now() - day) },
      { value, end_time: metaTime(Date.now()) },
    ],
    title: TITLES[name] ?? name,
    description: `${period}: ${TITLES[name] ?? name}.`,
    id: `${id}/insights/${name}/${period}`,
  };
}

/** GET /{page-id}/insights?metric=…&period=day|week|days_28 */
export const pageInsights: Handler = (state, request) => {
  const id = request.caller.id;
  const e = state.engagement(id);
  const known: Record<string, (id: string) => unknown> = {
    page_media_view: () => e.views * 10,
    page_total_media_view_unique: () => e.reach * 6,
    page_post_engagements: () => e.like * 5,
    page_follows: () => e.followers,
  };
  const names = metrics(request, known);
  if (!Array.isArray(names)) return names;
  const period = request.params.period ?? 'day';
  if (!['day', 'week', 'days_28'].includes(period))
    return { error: { code: 100, classic: true, message: 'Invalid period' } };
  const data = names.map((name) => series(id, name, period, (known[name] as () => number)()));
  return ok({ data, paging: {} });
};

/** GET /{ig-user-id}/insights?metric=…&period=day&metric_type=total_value, GET /{threads-user-id}/threads_insights */
export const userInsights: Handler = (state, request) => {
  const { caller } = request;
  const e = state.engagement(caller.id);
  const known: Record<string, number> =
    caller.family === 'ig'
      ? {
          reach: e.reach * 4,
          views: e.views * 5,
          accounts_engaged: e.like,
          total_interactions: e.like * 3,
          profile_views: e.clicks,
        }
      : {
          views: e.views * 5,
          likes: e.like * 2,
          replies: e.replies,
          reposts: e.reposts,
          quotes: e.quotes,
          followers_count: e.followers,
        };
  const names = metrics(request, Object.fromEntries(Object.keys(known).map((k) => [k, () => known[k]])));
  if (!Array.isArray(names)) return names;
  const data = names.map((name) => {
    const value = known[name] as number;
    // Threads' `views` is a daily series; every other account metric is a total.
    if (caller.family === 'th' && name === 'views') return series(caller.id, name, 'day', value);
    return {
      name,
      period: caller.family === 'ig' ? 'day' : 'lifetime',
      title: TITLES[name] ?? name,
      description: `${TITLES[name] ?? name}.`,
      total_value: { value },
      id: `${caller.id}/insights/${name}/day`,
    };
  });
  return ok({ data, paging: {} });
};
