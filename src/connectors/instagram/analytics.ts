import { META_ANALYTICS_ROWS } from '../shared/graph-analytics.ts';
import { graphAnalytics } from '../shared/graph-analytics-capability.ts';
import {
  INSTAGRAM_SAMPLES,
  MEDIA_FIELDS,
  MEDIA_METRICS,
  mediaAnalytics,
  mediaItem,
  USER_FIELDS,
  USER_METRICS,
  userAnalytics,
} from './analytics-shape.ts';
import { classifyAnswer, PLATFORM_NAME } from './errors.ts';
import { CREDENTIALS } from './network.ts';

/**
 * Instagram metrics (Graph API, needs instagram_manage_insights): a media object's fields
 * and `GET /{ig-media-id}/insights`, the account's fields and `GET /{ig-user-id}/insights`
 * (metric_type=total_value), and `GET /{ig-user-id}/media` for history. Meta's errors on
 * these calls are the shared analytics rows (80002 throttle, (#10) permission → 682),
 * then publishing's table.
 */
export const instagramAnalytics = graphAnalytics({
  errors: {
    platform: 'instagram',
    platformName: PLATFORM_NAME,
    table: META_ANALYTICS_ROWS,
    publishing: classifyAnswer,
  },
  table: META_ANALYTICS_ROWS,
  credentials: CREDENTIALS,
  relinkCode: 623,
  urlField: 'permalink',
  post: { fields: MEDIA_FIELDS, metrics: MEDIA_METRICS, shape: mediaAnalytics },
  account: {
    fields: USER_FIELDS,
    edge: 'insights',
    query: { metric: USER_METRICS, period: 'day', metric_type: 'total_value' },
    shape: userAnalytics,
  },
  list: { edge: 'media', fields: MEDIA_FIELDS, max: 100, item: mediaItem },
  samples: INSTAGRAM_SAMPLES,
});
