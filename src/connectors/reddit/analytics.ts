import type { AnalyticsCapability, AnalyticsFailure } from '../analytics-types.ts';
import type { ConnectorContext, LinkedAccount } from '../types.ts';
import { analyticsFailure, REDDIT_ANALYTICS_ERRORS } from './analytics-errors.ts';
import {
  accountAnalytics,
  childrenOf,
  postAnalytics,
  postItem,
  postUrlOf,
  REDDIT_SAMPLES,
} from './analytics-shape.ts';
import { PLATFORM_NAME } from './errors.ts';
import { parseCredentials, TokenKeeper } from './session.ts';
import { isObject } from './wire.ts';

function keeperOf(account: LinkedAccount, ctx: ConnectorContext): TokenKeeper | AnalyticsFailure {
  const credentials = parseCredentials(account.credentials);
  if (typeof credentials !== 'string') return new TokenKeeper(credentials, ctx, account.username);
  return {
    kind: 'failed',
    error: { code: 623, platform: 'reddit', params: { platformName: PLATFORM_NAME }, details: credentials },
  };
}

/** Publishing stores the post's fullname (`t3_<id>`); a caller may give the bare id. */
const fullname = (id: string) => (/^t3_/.test(id) ? id : `t3_${id}`);

/**
 * Reddit metrics: `GET /api/info?id=t3_…` (score, upvote ratio, comments), the account's
 * karma (`GET /api/v1/me`) and its submissions (`GET /user/{name}/submitted`, paged by
 * `after`) for history; a 1-hour token is renewed once, as for publishing.
 */
export const redditAnalytics: AnalyticsCapability = {
  errorTable: REDDIT_ANALYTICS_ERRORS,
  samples: REDDIT_SAMPLES,
  async post(input, ctx) {
    const keeper = keeperOf(input.account, ctx);
    if (!(keeper instanceof TokenKeeper)) return keeper;
    const name = fullname(input.id);
    const answer = await keeper.run((token) =>
      keeper.client.read(token, `/api/info?id=${encodeURIComponent(name)}`),
    );
    if (!answer.ok) return analyticsFailure(answer.failure);
    const [post] = childrenOf(answer.value);
    if (!post)
      return { kind: 'failed', error: { code: 607, params: { what: `Post ${name} on ${PLATFORM_NAME}` } } };
    const url = postUrlOf(post);
    return { kind: 'metrics', id: name, ...(url ? { postUrl: url } : {}), analytics: postAnalytics(post) };
  },
  async account(input, ctx) {
    const keeper = keeperOf(input.account, ctx);
    if (!(keeper instanceof TokenKeeper)) return keeper;
    const answer = await keeper.run((token) => keeper.client.read(token, '/api/v1/me'));
    if (!answer.ok) return analyticsFailure(answer.failure);
    return {
      kind: 'metrics',
      id: String(answer.value.id ?? input.account.externalId),
      analytics: accountAnalytics(answer.value),
    };
  },
  async history(input, ctx) {
    const keeper = keeperOf(input.account, ctx);
    if (!(keeper instanceof TokenKeeper)) return keeper;
    const query = new URLSearchParams({ limit: String(Math.min(input.limit, 100)), raw_json: '1' });
    if (input.cursor) query.set('after', input.cursor);
    const path = `/user/${encodeURIComponent(input.account.username)}/submitted?${query}`;
    const answer = await keeper.run((token) => keeper.client.read(token, path));
    if (!answer.ok) return analyticsFailure(answer.failure);
    const data = isObject(answer.value.data) ? answer.value.data : {};
    const next = typeof data.after === 'string' ? data.after : undefined;
    return { kind: 'posts', posts: childrenOf(answer.value).map(postItem), ...(next ? { next } : {}) };
  },
};
