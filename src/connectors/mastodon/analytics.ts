import type { AnalyticsCapability } from '../analytics-types.ts';
import { analyticsFailure, MASTODON_ANALYTICS_ERRORS } from './analytics-errors.ts';
import { accountAnalytics, MASTODON_SAMPLES, statusAnalytics, statusItem } from './analytics-shape.ts';
import { clientFor } from './publish.ts';
import { isObject } from './wire.ts';

/** Mastodon pages statuses by id: statuses at most this many per call (the instance's maximum). */
const MAX_PAGE = 40;

/**
 * Mastodon metrics from the account's own instance (through the SSRF-safe fetcher, as
 * publishing): `GET /api/v1/statuses/:id` (replies, reblogs, favourites),
 * `verify_credentials` (followers, statuses) and `GET /api/v1/accounts/:id/statuses`
 * paged by `max_id` for history.
 */
export const mastodonAnalytics: AnalyticsCapability = {
  errorTable: MASTODON_ANALYTICS_ERRORS,
  samples: MASTODON_SAMPLES,
  async post(input, ctx) {
    const prepared = clientFor(input.account.credentials, ctx);
    if ('kind' in prepared) return prepared;
    const answer = await prepared.client.read(`/api/v1/statuses/${encodeURIComponent(input.id)}`);
    if (!answer.ok) return analyticsFailure(answer.failure, input.id);
    const status = isObject(answer.value) ? answer.value : {};
    const url = typeof status.url === 'string' ? status.url : undefined;
    return {
      kind: 'metrics',
      id: input.id,
      ...(url ? { postUrl: url } : {}),
      analytics: statusAnalytics(status),
    };
  },
  async account(input, ctx) {
    const prepared = clientFor(input.account.credentials, ctx);
    if ('kind' in prepared) return prepared;
    const answer = await prepared.client.read('/api/v1/accounts/verify_credentials');
    if (!answer.ok) return analyticsFailure(answer.failure, 'verify_credentials');
    const account = isObject(answer.value) ? answer.value : {};
    return {
      kind: 'metrics',
      id: String(account.id ?? input.account.externalId),
      analytics: accountAnalytics(account),
    };
  },
  async history(input, ctx) {
    const prepared = clientFor(input.account.credentials, ctx);
    if ('kind' in prepared) return prepared;
    const query = new URLSearchParams({ limit: String(Math.min(input.limit, MAX_PAGE)) });
    if (input.cursor) query.set('max_id', input.cursor);
    // Herald keeps `<account id>@<instance host>`: the instance knows the account by its id.
    const accountId = input.account.externalId.split('@')[0] ?? '';
    const path = `/api/v1/accounts/${encodeURIComponent(accountId)}/statuses?${query}`;
    const answer = await prepared.client.read(path);
    if (!answer.ok) return analyticsFailure(answer.failure, accountId);
    const statuses = Array.isArray(answer.value) ? answer.value.filter(isObject) : [];
    // The instance names the next page in a Link header (rel="next", max_id=<the last id>).
    const link = answer.headers.get('link') ?? '';
    const last = statuses.at(-1);
    const next = /rel="next"/.test(link) && last ? String(last.id) : undefined;
    return { kind: 'posts', posts: statuses.map(statusItem), ...(next ? { next } : {}) };
  },
};
