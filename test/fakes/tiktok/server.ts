import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EngagementBook } from '../engagement.ts';
import {
  BUSINESS_ROUTES,
  type BusinessRoute,
  businessAnswer,
  type FakeBusinessComment,
} from './business-comments.ts';
import { chunkingProblem, type FakePublish, Publishes } from './publishes.ts';
import { asVideo, userInfo, type VideoOnTikTok, videoList, videoQuery } from './reads.ts';
import { type FakeAnswer, oauthError, ok, tiktokError } from './wire.ts';

/**
 * TikTok's Content Posting API v2 (and the API for Business comment calls Herald makes,
 * business-comments.ts) on 127.0.0.1, answering as platform-apis.md §7 documents. Tests
 * script failures per route, settle posts (`publish`, `fail`) and read the counters.
 */

export type Route =
  | 'user'
  | 'creator'
  | 'videoInit'
  | 'contentInit'
  | 'upload'
  | 'status'
  | 'token'
  | 'videoQuery'
  | 'videoList'
  | BusinessRoute;
/** A canned answer, a reset connection, or `lost`: handled, then the connection resets. */
export type Scripted = FakeAnswer | { reset: true } | { lost: true };

export interface FakeTikTok {
  url: string;
  /** The access token that works now; `expireToken` replaces it (the stored one gets access_token_invalid). */
  token: string;
  refreshToken: string;
  app: { clientKey: string; clientSecret: string };
  business: { id: string; token: string; username: string };
  creator: { openId: string; username: string; nickname: string; privacy: string[] };
  publishes: Publishes;
  /** Moderate posts at the first status fetch after TikTok holds them (else `publish`/`fail` decide). */
  autoPublish: boolean;
  comments: FakeBusinessComment[];
  /** Scopes of the token: video.list and user.info.stats are what analytics reads need. */
  scopes: Set<string>;
  /** Counts the Display API answers, per video id (and per open_id for the user). */
  engagement: EngagementBook;
  /** Videos posted in the TikTok app, not through the fake's Content Posting API. */
  appVideos: VideoOnTikTok[];
  /** Published videos as the Display API lists them, oldest first. */
  videos(): VideoOnTikTok[];
  counts: { inits: number; chunks: number; statusFetches: number; refreshes: number };
  published(): FakePublish[];
  expireToken(): void;
  failNext(route: Route, answer: Scripted): void;
  close(): Promise<void>;
}

const ROUTES: Record<string, Route> = {
  'GET /v2/user/info/': 'user',
  'POST /v2/post/publish/creator_info/query/': 'creator',
  'POST /v2/post/publish/video/init/': 'videoInit',
  'POST /v2/post/publish/content/init/': 'contentInit',
  'PUT /upload/': 'upload',
  'POST /v2/post/publish/status/fetch/': 'status',
  'POST /v2/oauth/token/': 'token',
  'POST /v2/video/query/': 'videoQuery',
  'POST /v2/video/list/': 'videoList',
  ...BUSINESS_ROUTES,
};

const BUSINESS_ROUTES_BY_NAME = Object.fromEntries(Object.values(BUSINESS_ROUTES).map((r) => [r, true]));

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

function json(body: Buffer): Record<string, unknown> {
  try {
    return JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}

export async function startFakeTikTok(): Promise<FakeTikTok> {
  const scripts = new Map<Route, Scripted[]>();
  let origin = '';
  const fake: FakeTikTok = {
    url: '',
    token: 'act.fake-tiktok-token',
    refreshToken: 'rft.fake-tiktok-refresh',
    app: { clientKey: 'fakeclientkey', clientSecret: 'fake-client-secret' },
    business: { id: 'biz-open-id-0001', token: 'biz.fake-business-token', username: 'herald.creator' },
    creator: {
      openId: 'act.fake-open-id',
      username: 'herald.creator',
      nickname: 'Herald Creator',
      privacy: ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'],
    },
    publishes: new Publishes(),
    autoPublish: true,
    comments: [],
    scopes: new Set([
      'user.info.basic',
      'user.info.profile',
      'user.info.stats',
      'video.publish',
      'video.list',
    ]),
    engagement: new EngagementBook(),
    appVideos: [],
    videos() {
      const ours = fake
        .published()
        .map((p, i) => asVideo(p, 1_780_000_000 + i * 60))
        .filter((v): v is VideoOnTikTok => v !== undefined);
      return [...fake.appVideos, ...ours].sort((a, b) => a.createTime - b.createTime);
    },
    counts: { inits: 0, chunks: 0, statusFetches: 0, refreshes: 0 },
    published: () => [...fake.publishes.all.values()].filter((p) => p.status === 'PUBLISH_COMPLETE'),
    expireToken() {
      fake.token = `act.${randomBytes(8).toString('hex')}`;
    },
    failNext(route, answer) {
      scripts.set(route, [...(scripts.get(route) ?? []), answer]);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const answer = (route: Route, url: URL, req: IncomingMessage, body: Buffer): FakeAnswer => {
    switch (route) {
      case 'user':
        return userInfo(fake, url);
      case 'videoQuery':
        return videoQuery(fake, url, json(body));
      case 'videoList':
        return videoList(fake, url, json(body));
      case 'creator':
        return ok({
          creator_avatar_url: '',
          creator_username: fake.creator.username,
          creator_nickname: fake.creator.nickname,
          privacy_level_options: fake.creator.privacy,
          comment_disabled: false,
          duet_disabled: false,
          stitch_disabled: false,
          max_video_post_duration_sec: 600,
        });
      case 'videoInit': {
        const { post_info: info = {}, source_info: source = {} } = json(body) as Record<
          string,
          Record<string, unknown>
        >;
        const privacy = String(info.privacy_level ?? '');
        if (!fake.creator.privacy.includes(privacy)) return tiktokError('privacy_level_option_mismatch');
        if (source.source !== 'FILE_UPLOAD') return tiktokError('url_ownership_unverified');
        const [size, chunkSize, chunks] = [
          source.video_size,
          source.chunk_size,
          source.total_chunk_count,
        ].map(Number) as [number, number, number];
        const problem = chunkingProblem(size, chunkSize, chunks);
        if (problem) return tiktokError('invalid_params', problem);
        fake.counts.inits += 1;
        const publish = fake.publishes.create('video', {
          title: String(info.title ?? ''),
          privacy,
          size,
          chunkSize,
          chunks,
        });
        const uploadUrl = `${origin}/upload/?upload_id=${encodeURIComponent(publish.id)}&upload_token=${publish.uploadToken}`;
        return ok({ publish_id: publish.id, upload_url: uploadUrl });
      }
      case 'contentInit': {
        const request = json(body) as Record<string, Record<string, unknown> | undefined>;
        const images = request.source_info?.photo_images;
        if (
          json(body).media_type !== 'PHOTO' ||
          !Array.isArray(images) ||
          images.length < 1 ||
          images.length > 35
        ) {
          return tiktokError('invalid_params', 'photo_images must hold 1 to 35 URLs');
        }
        const privacy = String(request.post_info?.privacy_level ?? '');
        if (!fake.creator.privacy.includes(privacy)) return tiktokError('privacy_level_option_mismatch');
        fake.counts.inits += 1;
        const fields = {
          title: String(request.post_info?.title ?? ''),
          privacy,
          size: 0,
          chunkSize: 0,
          chunks: 0,
        };
        return ok({ publish_id: fake.publishes.create('photo', fields).id });
      }
      case 'upload': {
        const publish = fake.publishes.byUpload(
          url.searchParams.get('upload_id') ?? '',
          url.searchParams.get('upload_token') ?? '',
        );
        if (!publish) return tiktokError('invalid_file_upload', 'unknown upload_id or upload_token');
        fake.counts.chunks += 1;
        return fake.publishes.upload(publish, req.headers['content-range'], body);
      }
      case 'status': {
        const publish = fake.publishes.all.get(String(json(body).publish_id ?? ''));
        if (!publish) return tiktokError('invalid_params', 'publish_id not found');
        fake.counts.statusFetches += 1;
        if (fake.autoPublish && publish.complete && publish.status.startsWith('PROCESSING'))
          fake.publishes.publish(publish);
        return fake.publishes.statusOf(publish);
      }
      case 'token': {
        const form = new URLSearchParams(body.toString('utf8'));
        if (
          form.get('client_key') !== fake.app.clientKey ||
          form.get('client_secret') !== fake.app.clientSecret
        ) {
          return oauthError('invalid_client', 'Client key or secret is incorrect.');
        }
        if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== fake.refreshToken) {
          return oauthError('invalid_grant', 'Refresh token is invalid or expired.');
        }
        fake.counts.refreshes += 1;
        fake.expireToken();
        fake.refreshToken = `rft.${randomBytes(8).toString('hex')}`;
        const flat = {
          access_token: fake.token,
          expires_in: 86_400,
          open_id: fake.creator.openId,
          refresh_expires_in: 31_536_000,
          refresh_token: fake.refreshToken,
          scope: 'user.info.basic,video.publish',
          token_type: 'Bearer',
        };
        return { status: 200, text: JSON.stringify(flat) };
      }
      default:
        return businessAnswer(
          {
            business: fake.business,
            comments: fake.comments,
            videos: () => fake.published().map((p) => String(p.postId)),
          },
          route,
          req,
          url,
          json(body),
        );
    }
  };

  const handle = async (req: IncomingMessage): Promise<FakeAnswer | 'reset'> => {
    const url = new URL(req.url ?? '/', origin);
    const route = ROUTES[`${req.method} ${url.pathname}`];
    const body = await bodyOf(req);
    if (!route)
      return {
        status: 404,
        text: JSON.stringify({ data: {}, error: { code: 'not_found', message: url.pathname } }),
      };
    const needsToken = route !== 'token' && route !== 'upload' && !(route in BUSINESS_ROUTES_BY_NAME);
    if (needsToken && req.headers.authorization !== `Bearer ${fake.token}`) {
      return tiktokError('access_token_invalid', 'The access token is invalid or not found in the request.');
    }
    const scripted = scripts.get(route)?.shift();
    if (!scripted) return answer(route, url, req, body);
    if ('reset' in scripted) return 'reset';
    if ('lost' in scripted) {
      answer(route, url, req, body);
      return 'reset';
    }
    return scripted;
  };

  const server = createServer((req, res) => {
    handle(req).then(
      (result) => {
        if (result === 'reset') return req.socket.resetAndDestroy();
        const headers = {
          ...result.headers,
          ...(result.text ? { 'content-type': 'application/json; charset=UTF-8' } : {}),
        };
        res.writeHead(result.status, headers).end(result.text);
      },
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.url = origin;
  return fake;
}
