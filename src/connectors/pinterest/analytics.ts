import type { AnalyticsCapability, AnalyticsFailure } from '../analytics-types.ts';
import type { ConnectorContext, LinkedAccount } from '../types.ts';
import { analyticsFailure, PINTEREST_ANALYTICS_ERRORS } from './analytics-errors.ts';
import {
  ACCOUNT_METRICS,
  accountAnalytics,
  PIN_METRICS,
  PINTEREST_SAMPLES,
  pinAnalytics,
  pinItem,
  pinUrl,
  WINDOW_DAYS,
} from './analytics-shape.ts';
import { PinterestClient } from './client.ts';
import { PLATFORM_NAME } from './errors.ts';
import { clientFor } from './publish.ts';
import { isObject } from './wire.ts';

function connect(account: LinkedAccount, ctx: ConnectorContext): PinterestClient | AnalyticsFailure {
  const client = clientFor(account.credentials, ctx);
  if (client instanceof PinterestClient) return client;
  return {
    kind: 'failed',
    error: { code: 623, platform: 'pinterest', params: { platformName: PLATFORM_NAME }, details: client },
  };
}

/** The last 90 days, Pinterest's window, as its dates. */
function window(): string {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return `start_date=${day(Date.now() - (WINDOW_DAYS - 1) * 86_400_000)}&end_date=${day(Date.now())}`;
}

/**
 * Pinterest metrics (API v5, pins:read and user_accounts:read): `GET /pins/{id}` and its
 * `/analytics` over the last 90 days, `GET /user_account` and its `/analytics`, and
 * `GET /pins` (paged by `bookmark`) for history.
 */
export const pinterestAnalytics: AnalyticsCapability = {
  errorTable: PINTEREST_ANALYTICS_ERRORS,
  samples: PINTEREST_SAMPLES,
  async post(input, ctx) {
    const client = connect(input.account, ctx);
    if (!(client instanceof PinterestClient)) return client;
    const id = encodeURIComponent(input.id);
    const pin = await client.read(`/pins/${id}`);
    if (!pin.ok) return analyticsFailure(pin.failure, input.id);
    const analytics = await client.read(
      `/pins/${id}/analytics?${window()}&metric_types=${PIN_METRICS}&app_types=ALL`,
    );
    if (!analytics.ok) return analyticsFailure(analytics.failure, input.id);
    return {
      kind: 'metrics',
      id: input.id,
      postUrl: pinUrl(input.id),
      analytics: pinAnalytics(pin.value, analytics.value),
    };
  },
  async account(input, ctx) {
    const client = connect(input.account, ctx);
    if (!(client instanceof PinterestClient)) return client;
    const account = await client.read('/user_account');
    if (!account.ok) return analyticsFailure(account.failure, 'user_account');
    const analytics = await client.read(
      `/user_account/analytics?${window()}&metric_types=${ACCOUNT_METRICS}`,
    );
    if (!analytics.ok) return analyticsFailure(analytics.failure, 'user_account');
    return {
      kind: 'metrics',
      id: String(account.value.id ?? input.account.externalId),
      analytics: accountAnalytics(account.value, analytics.value),
    };
  },
  async history(input, ctx) {
    const client = connect(input.account, ctx);
    if (!(client instanceof PinterestClient)) return client;
    const query = new URLSearchParams({ page_size: String(Math.min(input.limit, 100)) });
    if (input.cursor) query.set('bookmark', input.cursor);
    const answer = await client.read(`/pins?${query}`);
    if (!answer.ok) return analyticsFailure(answer.failure, 'pins');
    const items = Array.isArray(answer.value.items) ? answer.value.items.filter(isObject) : [];
    const next =
      typeof answer.value.bookmark === 'string' && answer.value.bookmark ? answer.value.bookmark : undefined;
    return { kind: 'posts', posts: items.map(pinItem), ...(next ? { next } : {}) };
  },
};
