import type { AnalyticsSamples, Metrics, SampleSeed } from '../analytics-types.ts';
import { sampleNumbers } from '../shared/sample-numbers.ts';
import { isObject } from './client.ts';
import { videoUrl } from './publish.ts';

/**
 * YouTube's answers in Ayrshare's shape: the Data API's public statistics (strings there,
 * numbers here) and, for the owner, the YouTube Analytics report's metrics.
 */
export const VIDEO_REPORT_METRICS =
  'views,estimatedMinutesWatched,averageViewDuration,averageViewPercentage,subscribersGained,subscribersLost,likes,dislikes,comments,shares';
export const CHANNEL_REPORT_METRICS =
  'views,estimatedMinutesWatched,averageViewDuration,subscribersGained,subscribersLost,likes,dislikes,comments,shares';

const number = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? Number(value) || 0 : 0;

/** A report's single row as `{metric: value}` (`columnHeaders` name the columns). */
export function reportRow(report: Record<string, unknown>): Record<string, number> {
  const headers = Array.isArray(report.columnHeaders) ? report.columnHeaders.filter(isObject) : [];
  const row =
    Array.isArray(report.rows) && Array.isArray(report.rows[0]) ? (report.rows[0] as unknown[]) : [];
  const out: Record<string, number> = {};
  headers.forEach((header, i) => {
    if (typeof header.name === 'string' && header.columnType === 'METRIC') out[header.name] = number(row[i]);
  });
  return out;
}

/** A video: snippet and statistics, plus the owner's report when there is one (absent for others' videos). */
export function videoAnalytics(video: Record<string, unknown>, report?: Record<string, number>): Metrics {
  const snippet = isObject(video.snippet) ? video.snippet : {};
  const stats = isObject(video.statistics) ? video.statistics : {};
  const thumbnails = isObject(snippet.thumbnails) ? snippet.thumbnails : {};
  const high = isObject(thumbnails.high)
    ? thumbnails.high
    : isObject(thumbnails.default)
      ? thumbnails.default
      : {};
  return {
    title: snippet.title,
    description: snippet.description,
    created: snippet.publishedAt,
    channelTitle: snippet.channelTitle,
    ...(Array.isArray(snippet.tags) ? { tags: snippet.tags } : {}),
    ...(typeof high.url === 'string' ? { thumbnailUrl: high.url } : {}),
    views: number(stats.viewCount),
    likes: number(stats.likeCount),
    comments: number(stats.commentCount),
    favorites: number(stats.favoriteCount),
    ...(report ?? {}),
  };
}

export function channelAnalytics(
  channel: Record<string, unknown>,
  report: Record<string, number> | undefined,
  window: { startDate: string; endDate: string },
): Metrics {
  const snippet = isObject(channel.snippet) ? channel.snippet : {};
  const stats = isObject(channel.statistics) ? channel.statistics : {};
  return {
    title: snippet.title,
    customUrl: snippet.customUrl,
    subscriberCount: number(stats.subscriberCount),
    viewCount: number(stats.viewCount),
    videoCount: number(stats.videoCount),
    ...(report ? { ...window, ...report } : {}),
  };
}

/** An upload of the channel (playlistItems) with its statistics, as a history item. */
export function uploadItem(
  item: Record<string, unknown>,
  stats: Record<string, unknown> | undefined,
): Metrics {
  const snippet = isObject(item.snippet) ? item.snippet : {};
  const details = isObject(item.contentDetails) ? item.contentDetails : {};
  const id = String(details.videoId ?? '');
  const statistics = isObject(stats) ? stats : {};
  return {
    id,
    post: snippet.description,
    title: snippet.title,
    postUrl: videoUrl(id),
    created: details.videoPublishedAt ?? snippet.publishedAt,
    viewCount: number(statistics.viewCount),
    likeCount: number(statistics.likeCount),
    commentsCount: number(statistics.commentCount),
  };
}

function sampleVideo(seed: SampleSeed) {
  const n = sampleNumbers(seed.id);
  return {
    video: {
      id: seed.id,
      snippet: {
        title: seed.text.slice(0, 100),
        description: seed.text,
        publishedAt: seed.created,
        channelTitle: seed.username,
      },
      statistics: {
        viewCount: String(n.views),
        likeCount: String(n.likes),
        commentCount: String(n.comments),
        favoriteCount: '0',
      },
    },
    report: {
      views: n.views,
      estimatedMinutesWatched: Math.round(n.watchSeconds / 60),
      averageViewDuration: Math.round(n.watchSeconds / Math.max(1, n.views)),
      averageViewPercentage: 35 + (n.views % 40),
      subscribersGained: Math.round(n.likes / 20),
      subscribersLost: Math.round(n.likes / 200),
      likes: n.likes,
      dislikes: Math.round(n.likes / 40),
      comments: n.comments,
      shares: n.shares,
    },
  };
}

export const YOUTUBE_SAMPLES: AnalyticsSamples = {
  post(seed) {
    const { video, report } = sampleVideo(seed);
    return videoAnalytics(video, report);
  },
  account(seed) {
    const n = sampleNumbers(seed.id);
    const { report } = sampleVideo(seed);
    const end = new Date(Date.parse(seed.created)).toISOString().slice(0, 10);
    const start = new Date(Date.parse(seed.created) - 28 * 86_400_000).toISOString().slice(0, 10);
    return channelAnalytics(
      {
        snippet: { title: seed.text, customUrl: `@${seed.username}` },
        statistics: {
          subscriberCount: String(n.followers),
          viewCount: String(n.views * 40),
          videoCount: String(n.posts),
        },
      },
      report,
      { startDate: start, endDate: end },
    );
  },
  historyItem(seed) {
    const { video } = sampleVideo(seed);
    return uploadItem(
      {
        snippet: { title: video.snippet.title, description: seed.text, publishedAt: seed.created },
        contentDetails: { videoId: seed.id, videoPublishedAt: seed.created },
      },
      video.statistics,
    );
  },
};
