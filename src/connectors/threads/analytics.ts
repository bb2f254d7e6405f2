import { META_ANALYTICS_ROWS } from '../shared/graph-analytics.ts';
import { graphAnalytics } from '../shared/graph-analytics-capability.ts';
import {
  THREAD_FIELDS,
  THREAD_METRICS,
  THREADS_SAMPLES,
  threadAnalytics,
  threadItem,
  USER_FIELDS,
  USER_METRICS,
  userAnalytics,
} from './analytics-shape.ts';
import { classifyAnswer, PLATFORM_NAME } from './errors.ts';
import { CREDENTIALS } from './network.ts';

/**
 * Threads metrics (Threads Insights API, needs threads_manage_insights): a thread's fields
 * and `GET /{threads-media-id}/insights`, the user's `GET /{threads-user-id}/threads_insights`,
 * and `GET /{threads-user-id}/threads` for history.
 */
export const threadsAnalytics = graphAnalytics({
  errors: {
    platform: 'threads',
    platformName: PLATFORM_NAME,
    table: META_ANALYTICS_ROWS,
    publishing: classifyAnswer,
  },
  table: META_ANALYTICS_ROWS,
  credentials: CREDENTIALS,
  relinkCode: 623,
  urlField: 'permalink',
  post: { fields: THREAD_FIELDS, metrics: THREAD_METRICS, shape: threadAnalytics },
  account: {
    fields: USER_FIELDS,
    edge: 'threads_insights',
    query: { metric: USER_METRICS },
    shape: userAnalytics,
  },
  list: { edge: 'threads', fields: 'id,text,permalink,timestamp,media_type', max: 100, item: threadItem },
  samples: THREADS_SAMPLES,
});
