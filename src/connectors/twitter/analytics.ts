import type { AnalyticsCapability } from '../analytics-types.ts';
import type { ConnectorContext, LinkedAccount } from '../types.ts';
import { analyticsFailure, X_ANALYTICS_ERRORS } from './analytics-errors.ts';
import {
  LIST_FIELDS,
  TWEET_FIELDS,
  TWITTER_SAMPLES,
  tweetAnalytics,
  tweetItem,
  tweetUrl,
  USER_FIELDS,
  userAnalytics,
} from './analytics-shape.ts';
import { isKeys, oauthKeys } from './byo-keys.ts';
import { XClient } from './client.ts';
import { postedSegments } from './publish.ts';
import { isObject, type XProblem } from './wire.ts';

function clientOf(
  account: LinkedAccount,
  secrets: Readonly<Record<string, string>> | undefined,
  ctx: ConnectorContext,
) {
  const keys = oauthKeys(secrets, account.credentials);
  if (!isKeys(keys)) return { kind: 'failed' as const, error: keys };
  return new XClient(ctx.baseUrl, ctx.apiVersion ?? '2', keys, ctx.fetch, ctx.signal);
}

/** X answers a lookup of something missing with HTTP 200 and `errors`: the first one, as a problem. */
function lookupProblem(payload: Record<string, unknown>, headers: Headers): XProblem | undefined {
  if (isObject(payload.data)) return undefined;
  const first = Array.isArray(payload.errors) ? payload.errors.find(isObject) : undefined;
  const problem: XProblem = { kind: 'x', status: 404, headers };
  if (typeof first?.type === 'string') problem.type = first.type;
  if (typeof first?.title === 'string') problem.title = first.title;
  if (typeof first?.detail === 'string') problem.detail = first.detail;
  return problem;
}

/** A history cursor: X's pagination token, and how many of that page were already shown (X pages by 5 at least). */
function parseCursor(cursor: string | undefined): { token?: string; skip: number } {
  if (!cursor) return { skip: 0 };
  const dot = cursor.lastIndexOf('.');
  if (dot < 0) return { token: cursor, skip: 0 };
  const token = cursor.slice(0, dot);
  const skip = Number(cursor.slice(dot + 1));
  return { ...(token ? { token } : {}), skip: Number.isInteger(skip) && skip > 0 ? skip : 0 };
}

/**
 * X metrics with the user's OAuth 1.0a tokens signed by the request's BYO keys (as
 * publishing): `GET /2/tweets/:id` with public, non-public and organic metrics, the user
 * lookup with public_metrics (the linked account, or `userId` / `userName`), and the
 * user's timeline `GET /2/users/:id/tweets` for history. Each tweet of a thread is
 * measured on its own, as Ayrshare answers threads.
 */
export const twitterAnalytics: AnalyticsCapability = {
  errorTable: X_ANALYTICS_ERRORS,
  samples: TWITTER_SAMPLES,
  threadIds: (progress) => postedSegments(progress),
  async post(input, ctx) {
    const client = clientOf(input.account, input.requestSecrets, ctx);
    if (!(client instanceof XClient)) return client;
    const answer = await client.read(`/tweets/${encodeURIComponent(input.id)}`, {
      'tweet.fields': TWEET_FIELDS,
    });
    if (!answer.ok) return analyticsFailure(answer.failure, input.id);
    const missing = lookupProblem(answer.value, answer.headers);
    if (missing) return analyticsFailure(missing, input.id);
    const tweet = answer.value.data as Record<string, unknown>;
    return {
      kind: 'metrics',
      id: input.id,
      postUrl: tweetUrl(input.account.username, input.id),
      analytics: tweetAnalytics(tweet),
    };
  },
  async account(input, ctx) {
    const client = clientOf(input.account, input.requestSecrets, ctx);
    if (!(client instanceof XClient)) return client;
    const path = input.user?.id
      ? `/users/${encodeURIComponent(input.user.id)}`
      : input.user?.name
        ? `/users/by/username/${encodeURIComponent(input.user.name)}`
        : '/users/me';
    const answer = await client.read(path, { 'user.fields': USER_FIELDS });
    const who = input.user?.id ?? input.user?.name ?? input.account.username;
    if (!answer.ok) return analyticsFailure(answer.failure, who);
    const missing = lookupProblem(answer.value, answer.headers);
    if (missing) {
      const failure = analyticsFailure(missing, who);
      if (failure.error.code === 607) failure.error.params = { what: `User ${who} on X/Twitter` };
      return failure;
    }
    const user = answer.value.data as Record<string, unknown>;
    return { kind: 'metrics', id: String(user.id), analytics: userAnalytics(user) };
  },
  async history(input, ctx) {
    const client = clientOf(input.account, input.requestSecrets, ctx);
    if (!(client instanceof XClient)) return client;
    const { token, skip } = parseCursor(input.cursor);
    const max = Math.min(Math.max(input.limit + skip, 5), 100);
    const answer = await client.read(`/users/${encodeURIComponent(input.account.externalId)}/tweets`, {
      max_results: String(max),
      'tweet.fields': LIST_FIELDS,
      ...(token ? { pagination_token: token } : {}),
    });
    if (!answer.ok) return analyticsFailure(answer.failure, input.account.externalId);
    const data = Array.isArray(answer.value.data) ? answer.value.data.filter(isObject) : [];
    const meta = isObject(answer.value.meta) ? answer.value.meta : {};
    const page = data.slice(skip, skip + input.limit);
    const shown = skip + page.length;
    const next =
      shown < data.length
        ? `${token ?? ''}.${shown}`
        : typeof meta.next_token === 'string'
          ? `${meta.next_token}.0`
          : undefined;
    return {
      kind: 'posts',
      posts: page.map((tweet) => tweetItem(tweet, input.account.username)),
      ...(next ? { next } : {}),
    };
  },
};
