import type { AnalyticsCapability, AnalyticsFailure } from '../analytics-types.ts';
import type { ConnectorContext, LinkedAccount } from '../types.ts';
import { analyticsFailure, BLUESKY_ANALYTICS_ERRORS } from './analytics-errors.ts';
import { BLUESKY_SAMPLES, postAnalytics, postItem, profileAnalytics, urlOf } from './analytics-shape.ts';
import { XrpcClient } from './client.ts';
import { PLATFORM_NAME } from './errors.ts';
import { fetchForService } from './service-fetch.ts';
import { parseCredentials, SessionKeeper } from './session.ts';

function connect(account: LinkedAccount, ctx: ConnectorContext) {
  const credentials = parseCredentials(account.credentials, ctx.baseUrl);
  if (typeof credentials === 'string') {
    const failure: AnalyticsFailure = {
      kind: 'failed',
      error: {
        code: 623,
        platform: 'bluesky',
        params: { platformName: PLATFORM_NAME },
        details: credentials,
      },
    };
    return failure;
  }
  const client = new XrpcClient(credentials.service, fetchForService(credentials.service, ctx), ctx.signal);
  const did = credentials.session?.did ?? account.externalId;
  return { client, keeper: new SessionKeeper(client, credentials, ctx), did };
}

const objects = (value: unknown) =>
  Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
    : [];

/**
 * Bluesky metrics through the account's PDS, which proxies `app.bsky.*` to the AppView:
 * `app.bsky.feed.getPosts` (like, repost, reply and quote counts), `app.bsky.actor.getProfile`
 * (followers, follows, posts) and `app.bsky.feed.getAuthorFeed` (the account's own posts, no
 * reposts, paged by cursor) for history. The stored session is reused and refreshed once.
 */
export const blueskyAnalytics: AnalyticsCapability = {
  errorTable: BLUESKY_ANALYTICS_ERRORS,
  samples: BLUESKY_SAMPLES,
  async post(input, ctx) {
    const session = connect(input.account, ctx);
    if ('kind' in session) return session;
    const answer = await session.keeper.run((jwt) =>
      session.client.query(jwt, 'app.bsky.feed.getPosts', { uris: input.id }),
    );
    if (!answer.ok) return analyticsFailure(answer.failure, input.id);
    const [post] = objects(answer.value.posts);
    // getPosts leaves out what the AppView does not hold (deleted, never indexed, not a post URI).
    if (!post)
      return {
        kind: 'failed',
        error: { code: 607, params: { what: `Post ${input.id} on ${PLATFORM_NAME}` } },
      };
    const url = urlOf(post);
    return {
      kind: 'metrics',
      id: input.id,
      ...(url ? { postUrl: url } : {}),
      analytics: postAnalytics(post),
    };
  },
  async account(input, ctx) {
    const session = connect(input.account, ctx);
    if ('kind' in session) return session;
    const answer = await session.keeper.run((jwt) =>
      session.client.query(jwt, 'app.bsky.actor.getProfile', { actor: session.did }),
    );
    if (!answer.ok) return analyticsFailure(answer.failure, session.did);
    return { kind: 'metrics', id: session.did, analytics: profileAnalytics(answer.value) };
  },
  async history(input, ctx) {
    const session = connect(input.account, ctx);
    if ('kind' in session) return session;
    const params: Record<string, string> = {
      actor: session.did,
      limit: String(Math.min(input.limit, 100)),
      filter: 'posts_and_author_threads',
      ...(input.cursor ? { cursor: input.cursor } : {}),
    };
    const answer = await session.keeper.run((jwt) =>
      session.client.query(jwt, 'app.bsky.feed.getAuthorFeed', params),
    );
    if (!answer.ok) return analyticsFailure(answer.failure, session.did);
    // A repost of someone else's post carries a `reason`: history lists the account's own posts.
    const own = objects(answer.value.feed).filter((item) => item.reason === undefined);
    const posts = own.map((item) =>
      typeof item.post === 'object' && item.post !== null
        ? postItem(item.post as Record<string, unknown>)
        : {},
    );
    const next = typeof answer.value.cursor === 'string' ? answer.value.cursor : undefined;
    return { kind: 'posts', posts, ...(next ? { next } : {}) };
  },
};
