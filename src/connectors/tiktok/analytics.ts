import type { AnalyticsCapability, AnalyticsFailure } from '../analytics-types.ts';
import type { ConnectorContext, LinkedAccount } from '../types.ts';
import { analyticsFailure, TIKTOK_ANALYTICS_ERRORS } from './analytics-errors.ts';
import {
  TIKTOK_SAMPLES,
  USER_FIELDS,
  userAnalytics,
  VIDEO_FIELDS,
  videoAnalytics,
  videoItem,
} from './analytics-shape.ts';
import { isObject, TikTokClient } from './client.ts';
import { PLATFORM_NAME } from './errors.ts';
import { parseCredentials, TokenKeeper } from './session.ts';

function keeperOf(account: LinkedAccount, ctx: ConnectorContext) {
  const credentials = parseCredentials(account.credentials);
  if (typeof credentials === 'string') {
    const failure: AnalyticsFailure = {
      kind: 'failed',
      error: { code: 623, platform: 'tiktok', params: { platformName: PLATFORM_NAME }, details: credentials },
    };
    return failure;
  }
  const client = new TikTokClient(ctx.baseUrl, ctx.apiVersion ?? 'v2', ctx.fetch, ctx.signal);
  return { client, keeper: new TokenKeeper(client, credentials, ctx) };
}

const videosOf = (data: Record<string, unknown>) =>
  Array.isArray(data.videos) ? data.videos.filter(isObject) : [];

/**
 * TikTok metrics through the Display API (scopes video.list and user.info.stats):
 * `POST /v2/video/query/` for a video (only the user's own), `GET /v2/user/info/` with the
 * stats fields, `POST /v2/video/list/` (cursor = a time in ms) for history. An expired
 * token is refreshed once, as for publishing.
 */
export const tiktokAnalytics: AnalyticsCapability = {
  errorTable: TIKTOK_ANALYTICS_ERRORS,
  samples: TIKTOK_SAMPLES,
  async post(input, ctx) {
    const session = keeperOf(input.account, ctx);
    if ('kind' in session) return session;
    const { client, keeper } = session;
    const answer = await keeper.run((token) =>
      client.call(token, 'POST', `/video/query/?fields=${VIDEO_FIELDS}`, {
        filters: { video_ids: [input.id] },
      }),
    );
    if (!answer.ok) return analyticsFailure(answer.failure);
    const [video] = videosOf(answer.value);
    // video.query leaves out what is not the user's, or was taken down.
    if (!video)
      return {
        kind: 'failed',
        error: { code: 607, params: { what: `Video ${input.id} on ${PLATFORM_NAME}` } },
      };
    const url = typeof video.share_url === 'string' ? video.share_url : undefined;
    return {
      kind: 'metrics',
      id: input.id,
      ...(url ? { postUrl: url } : {}),
      analytics: videoAnalytics(video),
    };
  },
  async account(input, ctx) {
    const session = keeperOf(input.account, ctx);
    if ('kind' in session) return session;
    const { client, keeper } = session;
    const answer = await keeper.run((token) =>
      client.call(token, 'GET', `/user/info/?fields=${USER_FIELDS}`),
    );
    if (!answer.ok) return analyticsFailure(answer.failure);
    const user = isObject(answer.value.user) ? answer.value.user : {};
    return {
      kind: 'metrics',
      id: String(user.open_id ?? input.account.externalId),
      analytics: userAnalytics(user),
    };
  },
  async history(input, ctx) {
    const session = keeperOf(input.account, ctx);
    if ('kind' in session) return session;
    const { client, keeper } = session;
    const cursor = Number(input.cursor);
    const answer = await keeper.run((token) =>
      client.call(token, 'POST', `/video/list/?fields=${VIDEO_FIELDS}`, {
        max_count: Math.min(input.limit, 20),
        ...(Number.isFinite(cursor) && cursor > 0 ? { cursor } : {}),
      }),
    );
    if (!answer.ok) return analyticsFailure(answer.failure);
    const next =
      answer.value.has_more === true && typeof answer.value.cursor === 'number'
        ? String(answer.value.cursor)
        : undefined;
    return { kind: 'posts', posts: videosOf(answer.value).map(videoItem), ...(next ? { next } : {}) };
  },
};
