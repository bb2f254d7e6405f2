import type { AnalyticsCapability, AnalyticsFailure } from '../analytics-types.ts';
import type { ConnectorContext, LinkedAccount } from '../types.ts';
import { analyticsFailure, notOwned, YOUTUBE_ANALYTICS_ERRORS } from './analytics-errors.ts';
import {
  CHANNEL_REPORT_METRICS,
  channelAnalytics,
  reportRow,
  uploadItem,
  VIDEO_REPORT_METRICS,
  videoAnalytics,
  YOUTUBE_SAMPLES,
} from './analytics-shape.ts';
import { isObject, type YouTubeClient } from './client.ts';
import { PLATFORM_NAME } from './errors.ts';
import { clientFor, videoUrl } from './publish.ts';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function connect(account: LinkedAccount, ctx: ConnectorContext): YouTubeClient | AnalyticsFailure {
  const client = clientFor(account.credentials, ctx);
  if (client) return client;
  return {
    kind: 'failed',
    error: {
      code: 623,
      platform: 'youtube',
      params: { platformName: PLATFORM_NAME },
      details: 'the stored credentials have no accessToken',
    },
  };
}

/**
 * A YouTube Analytics report (youtubeanalytics.googleapis.com/v2/reports) for the channel,
 * or undefined when the deployment points no analytics host or the token does not own
 * what is asked (Google's 403 `forbidden`): the public statistics then stand alone.
 */
async function report(
  client: YouTubeClient,
  ctx: ConnectorContext,
  query: Record<string, string>,
): Promise<Record<string, number> | undefined | AnalyticsFailure> {
  if (!ctx.analyticsBaseUrl) return undefined;
  const params = new URLSearchParams({ ids: 'channel==MINE', ...query });
  const answer = await client.read(`${ctx.analyticsBaseUrl}/v2/reports?${params}`);
  if (answer.ok) return reportRow(answer.value);
  if (notOwned(answer.failure)) return undefined;
  return analyticsFailure(answer.failure, 'channel==MINE');
}

const failed = (value: unknown): value is AnalyticsFailure => isObject(value) && value.kind === 'failed';

/**
 * YouTube metrics: `videos?part=snippet,statistics` (public counts, any video) and, for the
 * owner, a YouTube Analytics report filtered to the video since it was published; the
 * channel's `channels?part=snippet,statistics&mine=true` with the last 28 days' report;
 * history from the channel's uploads playlist (`playlistItems`), counts from `videos`.
 */
export const youtubeAnalytics: AnalyticsCapability = {
  errorTable: YOUTUBE_ANALYTICS_ERRORS,
  samples: YOUTUBE_SAMPLES,
  async post(input, ctx) {
    const client = connect(input.account, ctx);
    if (failed(client)) return client;
    const answer = await client.read(
      `${client.api}/videos?part=snippet,statistics&id=${encodeURIComponent(input.id)}`,
    );
    if (!answer.ok) return analyticsFailure(answer.failure, input.id);
    const [video] = Array.isArray(answer.value.items) ? answer.value.items.filter(isObject) : [];
    // videos.list answers an unknown id with an empty list, not a 404.
    if (!video)
      return {
        kind: 'failed',
        error: { code: 607, params: { what: `Video ${input.id} on ${PLATFORM_NAME}` } },
      };
    const snippet = isObject(video.snippet) ? video.snippet : {};
    const published = typeof snippet.publishedAt === 'string' ? Date.parse(snippet.publishedAt) : Date.now();
    const owned = await report(client, ctx, {
      startDate: day(published),
      endDate: day(Date.now()),
      metrics: VIDEO_REPORT_METRICS,
      filters: `video==${input.id}`,
    });
    if (failed(owned)) return owned;
    return {
      kind: 'metrics',
      id: input.id,
      postUrl: videoUrl(input.id),
      analytics: videoAnalytics(video, owned),
    };
  },
  async account(input, ctx) {
    const client = connect(input.account, ctx);
    if (failed(client)) return client;
    const answer = await client.read(`${client.api}/channels?part=snippet,statistics&mine=true`);
    if (!answer.ok) return analyticsFailure(answer.failure, 'mine');
    const [channel] = Array.isArray(answer.value.items) ? answer.value.items.filter(isObject) : [];
    if (!channel)
      return { kind: 'failed', error: { code: 607, params: { what: `The ${PLATFORM_NAME} channel` } } };
    const window = { startDate: day(Date.now() - 28 * 86_400_000), endDate: day(Date.now()) };
    const owned = await report(client, ctx, { ...window, metrics: CHANNEL_REPORT_METRICS });
    if (failed(owned)) return owned;
    return { kind: 'metrics', id: String(channel.id), analytics: channelAnalytics(channel, owned, window) };
  },
  async history(input, ctx) {
    const client = connect(input.account, ctx);
    if (failed(client)) return client;
    const channels = await client.read(`${client.api}/channels?part=contentDetails&mine=true`);
    if (!channels.ok) return analyticsFailure(channels.failure, 'mine');
    const [channel] = Array.isArray(channels.value.items) ? channels.value.items.filter(isObject) : [];
    const details = isObject(channel?.contentDetails) ? channel.contentDetails : {};
    const playlists = isObject(details.relatedPlaylists) ? details.relatedPlaylists : {};
    if (typeof playlists.uploads !== 'string') return { kind: 'posts', posts: [] };
    const page = new URLSearchParams({
      part: 'snippet,contentDetails',
      playlistId: playlists.uploads,
      maxResults: String(Math.min(input.limit, 50)),
      ...(input.cursor ? { pageToken: input.cursor } : {}),
    });
    const items = await client.read(`${client.api}/playlistItems?${page}`);
    if (!items.ok) return analyticsFailure(items.failure, playlists.uploads);
    const uploads = Array.isArray(items.value.items) ? items.value.items.filter(isObject) : [];
    const ids = uploads.map((u) => (isObject(u.contentDetails) ? String(u.contentDetails.videoId) : ''));
    const stats = new Map<string, Record<string, unknown>>();
    if (ids.length > 0) {
      const videos = await client.read(
        `${client.api}/videos?part=statistics&id=${ids.map(encodeURIComponent).join(',')}`,
      );
      if (!videos.ok) return analyticsFailure(videos.failure, ids.join(','));
      for (const video of Array.isArray(videos.value.items) ? videos.value.items.filter(isObject) : [])
        if (isObject(video.statistics)) stats.set(String(video.id), video.statistics);
    }
    const next = typeof items.value.nextPageToken === 'string' ? items.value.nextPageToken : undefined;
    return {
      kind: 'posts',
      posts: uploads.map((u, i) => uploadItem(u, stats.get(ids[i] ?? ''))),
      ...(next ? { next } : {}),
    };
  },
};
