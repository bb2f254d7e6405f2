import type { EngagementBook } from '../engagement.ts';
import { type FakeAnswer, googleError } from './errors.ts';
import type { FakeVideo } from './uploads.ts';

/**
 * The reads analytics makes, as Google documents them: `videos.list` (statistics as
 * strings; an unknown id is an empty list), `channels.list` with statistics and the
 * uploads playlist, `playlistItems.list` paged by `pageToken`, and the YouTube Analytics
 * API's `reports` (a result table; 403 `forbidden` for what the token does not own).
 */

export interface ReadsState {
  channel: { id: string; title: string; customUrl: string } | null;
  videos: Map<string, FakeVideo>;
  engagement: EngagementBook;
  /** Videos on the channel the fake did not see uploaded (made in YouTube Studio). */
  external: Map<string, FakeVideo>;
  /** Public videos of other channels: videos.list shows them, reports refuse them. */
  foreign: Map<string, FakeVideo>;
  /** Scopes of the token: reports need yt-analytics.readonly. */
  scopes: Set<string>;
}

function statistics(book: EngagementBook, id: string) {
  const e = book.of(id);
  return {
    viewCount: String(e.views),
    likeCount: String(e.like),
    favoriteCount: '0',
    commentCount: String(e.comments),
  };
}

function all(state: ReadsState): FakeVideo[] {
  return [...state.videos.values(), ...state.external.values()];
}

/**
 * videos.list: `part` is required; each video answers the parts asked for (its stored
 * snippet with YouTube's read-only fields, its status, its statistics as strings); an
 * unknown id is left out of `items`, never a 404.
 */
export function listVideos(state: ReadsState, query: URLSearchParams): FakeAnswer {
  const part = query.get('part');
  if (!part) return googleError(400, 'global', 'required', 'Required parameter: part');
  const parts = new Set(part.split(',').map((p) => p.trim()));
  const ids = (query.get('id') ?? '').split(',').filter(Boolean);
  const items = ids
    .map((id) => [...all(state), ...state.foreign.values()].find((v) => v.id === id))
    .filter((v): v is FakeVideo => v !== undefined)
    .map((video) => ({
      kind: 'youtube#video',
      etag: `etag-${video.id}`,
      id: video.id,
      ...(parts.has('snippet')
        ? {
            snippet: {
              publishedAt: video.publishedAt ?? new Date().toISOString(),
              ...video.snippet,
              thumbnails: {
                default: { url: `https://i.ytimg.com/vi/${video.id}/default.jpg`, width: 120, height: 90 },
              },
              channelTitle: state.channel?.title,
            },
          }
        : {}),
      ...(parts.has('status') ? { status: video.status } : {}),
      ...(parts.has('statistics') ? { statistics: statistics(state.engagement, video.id) } : {}),
    }));
  return {
    status: 200,
    body: {
      kind: 'youtube#videoListResponse',
      etag: 'etag-list',
      items,
      pageInfo: { totalResults: items.length, resultsPerPage: items.length },
    },
  };
}

export function uploadsPlaylist(channelId: string): string {
  return `UU${channelId.slice(2)}`;
}

export function channelItem(state: ReadsState, parts: Set<string>) {
  const channel = state.channel;
  if (!channel) return undefined;
  const e = state.engagement.of(channel.id);
  return {
    kind: 'youtube#channel',
    id: channel.id,
    snippet: { title: channel.title, customUrl: channel.customUrl },
    ...(parts.has('statistics')
      ? {
          statistics: {
            viewCount: String(e.views * 50),
            subscriberCount: String(e.followers),
            hiddenSubscriberCount: false,
            videoCount: String(all(state).length),
          },
        }
      : {}),
    ...(parts.has('contentDetails')
      ? { contentDetails: { relatedPlaylists: { likes: '', uploads: uploadsPlaylist(channel.id) } } }
      : {}),
  };
}

export function listPlaylistItems(state: ReadsState, query: URLSearchParams): FakeAnswer {
  const channel = state.channel;
  if (!channel || query.get('playlistId') !== uploadsPlaylist(channel.id))
    return googleError(
      404,
      'youtube.playlistItem',
      'playlistNotFound',
      'The playlist identified with the request cannot be found.',
    );
  const max = Math.min(Number(query.get('maxResults') ?? 5), 50);
  const start = Number(query.get('pageToken')?.replace(/^CA/, '') ?? 0);
  const videos = all(state).reverse();
  const page = videos.slice(start, start + max);
  const end = start + page.length;
  return {
    status: 200,
    body: {
      kind: 'youtube#playlistItemListResponse',
      ...(end < videos.length ? { nextPageToken: `CA${end}` } : {}),
      pageInfo: { totalResults: videos.length, resultsPerPage: max },
      items: page.map((video, i) => ({
        kind: 'youtube#playlistItem',
        id: `PLI-${video.id}`,
        snippet: {
          publishedAt: video.publishedAt,
          channelId: channel.id,
          title: video.snippet.title,
          description: video.snippet.description,
          playlistId: uploadsPlaylist(channel.id),
          position: start + i,
          resourceId: { kind: 'youtube#video', videoId: video.id },
        },
        contentDetails: { videoId: video.id, videoPublishedAt: video.publishedAt },
      })),
    },
  };
}

/** GET /v2/reports?ids=channel==MINE&startDate&endDate&metrics[&filters=video==ID] */
export function report(state: ReadsState, query: URLSearchParams): FakeAnswer {
  if (!state.scopes.has('yt-analytics.readonly'))
    return googleError(403, 'global', 'insufficientPermissions', 'Insufficient Permission');
  if (
    query.get('ids') !== 'channel==MINE' ||
    !query.get('startDate') ||
    !query.get('endDate') ||
    !query.get('metrics')
  )
    return googleError(400, 'global', 'required', 'Required parameters: ids, startDate, endDate, metrics.');
  const metrics = (query.get('metrics') ?? '').split(',');
  const video = /^video==(.+)$/.exec(query.get('filters') ?? '')?.[1];
  if (video && !state.videos.has(video) && !state.external.has(video))
    return googleError(403, 'global', 'forbidden', 'Forbidden');
  const e = state.engagement.of(video ?? state.channel?.id ?? '');
  const values: Record<string, number> = {
    views: e.views,
    estimatedMinutesWatched: Math.round(e.views * 1.5),
    averageViewDuration: 42,
    averageViewPercentage: 37.5,
    subscribersGained: e.follows,
    subscribersLost: Math.round(e.follows / 10),
    likes: e.like,
    dislikes: e.wow,
    comments: e.comments,
    shares: e.shares,
  };
  return {
    status: 200,
    body: {
      kind: 'youtubeAnalytics#resultTable',
      columnHeaders: metrics.map((name) => ({
        name,
        columnType: 'METRIC',
        dataType: name === 'averageViewPercentage' ? 'FLOAT' : 'INTEGER',
      })),
      rows: [metrics.map((name) => values[name] ?? 0)],
    },
  };
}
