import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { EngagementBook } from '../engagement.ts';
import {
  answerComments,
  type CommentRoute,
  type CommentWorld,
  chargeRead,
  commentRouteOf,
} from './comments.ts';
import { type FakeAnswer, googleError, YOUTUBE_FAILURES } from './errors.ts';
import { FakeGoogleOAuth } from './oauth.ts';
import { channelItem, listPlaylistItems, listVideos, report } from './reads.ts';
import { type FakeVideo, UploadSessions } from './uploads.ts';
import { updateVideo } from './videos.ts';

/**
 * A YouTube Data API v3 on 127.0.0.1, answering as platform-apis.md §6 documents:
 * channels.list, resumable videos.insert, thumbnails.set, playlistItems.insert,
 * videos.list, videos.update and videos.delete, with Google's error bodies. Tests script failures per route and
 * read the counters (uploads completed, thumbnails set, ...).
 */

export type Route =
  | 'channels'
  | 'open'
  | 'chunk'
  | 'thumbnail'
  | 'playlist'
  | 'delete'
  | 'videos'
  | 'update'
  | 'playlistItems'
  | 'reports'
  | CommentRoute;

/**
 * What the next call of a route meets: a canned answer; `reset` (the connection is reset,
 * ECONNRESET); `lost` (handled, then reset: the answer never arrives); `partial` (a chunk of
 * which YouTube keeps only the first bytes); `pass` (answered normally).
 */
export type Scripted = FakeAnswer | { reset: true } | { lost: true } | { partial: number } | { pass: true };

export interface FakeYouTube extends CommentWorld {
  url: string;
  token: string;
  channel: { id: string; title: string; customUrl: string; verified: boolean } | null;
  videos: Map<string, FakeVideo>;
  /** Videos on the channel that were not uploaded through the fake (made in YouTube Studio). */
  external: Map<string, FakeVideo>;
  /** Public videos of other channels: listed by id, refused by reports (403 forbidden). */
  foreign: Map<string, FakeVideo>;
  /** Counts statistics and reports answer, per video or channel id. */
  engagement: EngagementBook;
  /** Requests per route, in order. */
  calls: Route[];
  thumbnails: Map<string, { type: string; size: number }>;
  playlists: Map<string, string[]>;
  sessions: UploadSessions;
  counts: { opened: number; chunks: number; statusChecks: number; updates: number };
  /**
   * Scopes the token was granted: videos.update needs youtube or youtube.force-ssl
   * (403 insufficientPermissions otherwise), reports need yt-analytics.readonly.
   */
  scopes: Set<string>;
  /** The token endpoint at `${url}/token`. */
  oauth: FakeGoogleOAuth;
  tokenUrl: string;
  /** The current access token expires: calls answer 401 authError until a refreshed one is used. */
  expireToken(): void;
  failNext(route: Route, answer: Scripted): void;
  close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

function send(res: ServerResponse, answer: FakeAnswer): void {
  const headers: Record<string, string> = { ...answer.headers };
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers).end();
    return;
  }
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  if (typeof answer.body !== 'string') headers['content-type'] = 'application/json; charset=UTF-8';
  res.writeHead(answer.status, headers).end(text);
}

function routeOf(method: string, path: string, query: URLSearchParams): Route | undefined {
  if (method === 'GET' && /^\/youtube\/v\d+\/channels$/.test(path)) return 'channels';
  if (method === 'POST' && /^\/upload\/youtube\/v\d+\/videos$/.test(path)) return 'open';
  if (method === 'PUT' && /^\/upload\/youtube\/v\d+\/videos$/.test(path) && query.has('upload_id'))
    return 'chunk';
  if (method === 'POST' && /^\/upload\/youtube\/v\d+\/thumbnails\/set$/.test(path)) return 'thumbnail';
  if (method === 'POST' && /^\/youtube\/v\d+\/playlistItems$/.test(path)) return 'playlist';
  if (method === 'DELETE' && /^\/youtube\/v\d+\/videos$/.test(path)) return 'delete';
  if (method === 'GET' && /^\/youtube\/v\d+\/videos$/.test(path)) return 'videos';
  if (method === 'PUT' && /^\/youtube\/v\d+\/videos$/.test(path)) return 'update';
  if (method === 'GET' && /^\/youtube\/v\d+\/playlistItems$/.test(path)) return 'playlistItems';
  if (method === 'GET' && path === '/v2/reports') return 'reports';
  return commentRouteOf(method, path);
}

export async function startFakeYouTube(options: { token?: string } = {}): Promise<FakeYouTube> {
  const scripts = new Map<Route, Scripted[]>();
  let origin = '';
  const fake: FakeYouTube = {
    url: '',
    token: options.token ?? 'ya29.fake-youtube-token',
    channel: {
      id: 'UC_fake_channel_0001',
      title: 'Herald Test Channel',
      customUrl: '@heraldtest',
      verified: true,
    },
    videos: new Map(),
    external: new Map(),
    foreign: new Map(),
    engagement: new EngagementBook(),
    calls: [],
    thumbnails: new Map(),
    playlists: new Map([['PL_owned', []]]),
    comments: new Map(),
    commentsDisabled: new Set(),
    quota: { used: 0, limit: Number.POSITIVE_INFINITY },
    sessions: new UploadSessions('UC_fake_channel_0001', (video) => fake.videos.set(video.id, video)),
    counts: { opened: 0, chunks: 0, statusChecks: 0, updates: 0 },
    scopes: new Set(['youtube.upload', 'youtube.force-ssl', 'youtube.readonly', 'yt-analytics.readonly']),
    oauth: new FakeGoogleOAuth((token) => {
      fake.token = token;
    }),
    tokenUrl: '',
    expireToken() {
      fake.oauth.expired.add(fake.token);
    },
    failNext(route, answer) {
      scripts.set(route, [...(scripts.get(route) ?? []), answer]);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const handle = async (req: IncomingMessage): Promise<FakeAnswer | 'reset'> => {
    const url = new URL(req.url ?? '/', origin);
    const route = routeOf(req.method ?? 'GET', url.pathname, url.searchParams);
    const body = await bodyOf(req);
    if (req.method === 'POST' && url.pathname === '/token')
      return fake.oauth.exchange(req.headers['content-type'], body);
    if (!route) return { status: 404, body: 'Not Found' };
    fake.calls.push(route);
    const expired = fake.oauth.expired.has(fake.token);
    if (expired || req.headers.authorization !== `Bearer ${fake.token}`) return YOUTUBE_FAILURES.authError();
    const scripted = scripts.get(route)?.shift();
    if (!scripted || 'pass' in scripted) return answer(route, url, req, body);
    if ('reset' in scripted) return 'reset';
    if ('lost' in scripted) {
      answer(route, url, req, body);
      return 'reset';
    }
    if ('partial' in scripted) {
      const start = Number(/^bytes (\d+)-/.exec(String(req.headers['content-range']))?.[1] ?? 0);
      const kept = body.subarray(0, scripted.partial);
      const range = `bytes ${start}-${start + kept.length - 1}/*`;
      return fake.sessions.put(url.searchParams.get('upload_id') ?? '', range, kept);
    }
    return scripted;
  };

  const answer = (route: Route, url: URL, req: IncomingMessage, body: Buffer): FakeAnswer => {
    const query = url.searchParams;
    switch (route) {
      case 'threads':
      case 'comments':
        return answerComments(fake, route, req.method ?? 'GET', query, body);
      case 'channels': {
        const item = channelItem(fake, new Set((query.get('part') ?? '').split(',')));
        return { status: 200, body: { kind: 'youtube#channelListResponse', items: item ? [item] : [] } };
      }
      case 'videos':
        // videos.list costs a unit like every read (counted for the comment tests' quota).
        return chargeRead(fake) ?? listVideos(fake, query);
      case 'playlistItems':
        return listPlaylistItems(fake, query);
      case 'reports':
        return report(fake, query);
      case 'open': {
        const metadata = JSON.parse(body.toString('utf8') || '{}');
        if (!metadata.snippet?.title) return YOUTUBE_FAILURES.invalidTitle();
        const declared = req.headers['x-upload-content-length'];
        const type = String(req.headers['x-upload-content-type'] ?? 'video/*');
        const id = fake.sessions.open(metadata, declared ? Number(declared) : undefined, type);
        fake.counts.opened += 1;
        const location = `${origin}${url.pathname}?uploadType=resumable&upload_id=${id}`;
        return { status: 200, headers: { location } };
      }
      case 'chunk': {
        const range = req.headers['content-range'];
        if (/^bytes \*\//.test(range ?? '')) fake.counts.statusChecks += 1;
        else fake.counts.chunks += 1;
        return fake.sessions.put(query.get('upload_id') ?? '', range, body);
      }
      case 'thumbnail': {
        const video = fake.videos.get(query.get('videoId') ?? '');
        if (!video)
          return googleError(
            404,
            'youtube.video',
            'videoNotFound',
            'The video that you are trying to update cannot be found.',
          );
        if (!fake.channel?.verified) return YOUTUBE_FAILURES.thumbnailForbidden();
        if (body.length > 2 * 1024 * 1024)
          return googleError(413, 'global', 'uploadTooLarge', 'Media larger than 2097152 bytes');
        const type = String(req.headers['content-type'] ?? '');
        if (!['image/png', 'image/jpeg'].includes(type)) {
          return googleError(
            400,
            'youtube.thumbnail',
            'imageFormatUnsupported',
            "The image's content type is not supported.",
          );
        }
        fake.thumbnails.set(video.id, { type, size: body.length });
        const url = `https://i.ytimg.com/vi/${video.id}/default.jpg`;
        return {
          status: 200,
          body: {
            kind: 'youtube#thumbnailSetResponse',
            items: [{ default: { url, width: 120, height: 90 } }],
          },
        };
      }
      case 'playlist': {
        const { snippet } = JSON.parse(body.toString('utf8') || '{}');
        const items = fake.playlists.get(snippet?.playlistId);
        if (!items)
          return googleError(
            404,
            'youtube.playlistItem',
            'playlistNotFound',
            'The playlist identified with the request cannot be found.',
          );
        items.push(snippet.resourceId.videoId);
        return { status: 200, body: { kind: 'youtube#playlistItem', id: `PLI${items.length}`, snippet } };
      }
      case 'update': {
        const answer = updateVideo(fake.videos, query, body, fake.scopes);
        if (answer.status === 200) fake.counts.updates += 1;
        return answer;
      }
      case 'delete': {
        const id = query.get('id') ?? '';
        if (!fake.videos.delete(id))
          return googleError(
            404,
            'youtube.video',
            'videoNotFound',
            'The video that you are trying to delete cannot be found.',
          );
        return { status: 204 };
      }
    }
  };

  const server = createServer((req, res) => {
    handle(req).then(
      (result) => (result === 'reset' ? req.socket.resetAndDestroy() : send(res, result)),
      (error: unknown) => send(res, { status: 500, body: String(error) }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.url = origin;
  fake.tokenUrl = `${origin}/token`;
  return fake;
}
