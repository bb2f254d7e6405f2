import path from 'node:path';
import { Readable } from 'node:stream';
import type { AppContext } from '../app/context.ts';
import type { Config } from '../config/config.ts';
import type { CrawlerCheckDeps } from './crawler-check.ts';
import { fetchAdapter } from './fetch-adapter.ts';
import { type VideoTools, videoTools } from './ffmpeg/tools.ts';
import type { MediaHead } from './media-head.ts';
import { typeOfName } from './media-names.ts';
import { localMediaStore, type MediaStore, STORED_NAME } from './media-store.ts';
import { s3MediaStore } from './s3-store.ts';
import type { FetchPolicy } from './safe-fetch.ts';
import type { StoredJpeg } from './stored-jpeg.ts';
import { TtlCache } from './ttl-cache.ts';
import { type Resolver, systemResolver } from './url-decision.ts';

/**
 * Everything media work needs, built once per process from the config: the fetch
 * policy (allowlist, caps), the caches, the store and the public URL of stored files.
 */
export interface MediaService extends CrawlerCheckDeps {
  publicUrl: string;
  store: MediaStore;
  /** Signs stored names; without it (the CLI) nothing is converted. */
  secret?: Buffer;
  sandboxChecks: boolean;
  /** Results of Herald's own ranged fetch per URL, and of conversions per URL. */
  headCache: TtlCache<MediaHead>;
  convertCache: TtlCache<StoredJpeg>;
  /** The safe fetcher shaped as `fetch`, for connectors. */
  fetchMedia: typeof fetch;
  /** ffmpeg/ffprobe, the per-CPU encode queue and each run's caps. */
  video: VideoTools;
  /** Fix videos unless a post says otherwise (HERALD_MEDIA_AUTOFIX). */
  autoFix: boolean;
  /** Where downloads and encodes are written while they run (HERALD_DATA_DIR/tmp). */
  tmpDir: string;
}

export function createMediaService(
  config: Pick<Config, 'media' | 'publicUrl' | 'dataDir' | 'mediaLibrary'>,
  options: { secret?: Buffer; resolve?: Resolver; store?: MediaStore } = {},
): MediaService {
  const { media } = config;
  const policy: FetchPolicy = {
    allow: media.allow,
    resolve: options.resolve ?? systemResolver,
    timeoutMs: media.timeoutMs,
    maxBytes: media.maxBytes,
  };
  const store = options.store ?? configuredStore(config);
  const publicUrl = config.publicUrl;
  return {
    policy,
    publicUrl,
    store,
    ...(options.secret ? { secret: options.secret } : {}),
    sandboxChecks: media.sandboxChecks,
    presignedMarginMs: media.presignedMarginMs,
    robotsCache: new TtlCache(media.cacheTtlMs),
    fetchCache: new TtlCache(media.cacheTtlMs),
    headCache: new TtlCache(media.cacheTtlMs),
    convertCache: new TtlCache(media.cacheTtlMs),
    fetchMedia: ownMediaFirst(publicUrl, store, fetchAdapter(policy)),
    video: videoTools(config.mediaLibrary),
    autoFix: config.mediaLibrary.autoFix,
    tmpDir: path.join(config.dataDir, 'tmp'),
  };
}

/** HERALD_MEDIA_STORE: the local folder, or the S3-compatible bucket every process shares. */
export function configuredStore(config: Pick<Config, 'media' | 'dataDir'>): MediaStore {
  const { store } = config.media;
  if (store.kind === 'local') return localMediaStore(path.join(config.dataDir, 'media'));
  return s3MediaStore({ ...store, timeoutMs: config.media.timeoutMs });
}

/** The stored file a URL names when it is one Herald serves itself (`<publicUrl>/media/<file>`). */
export function ownMediaName(publicUrl: string, url: string): string | undefined {
  const prefix = `${publicUrl}/media/`;
  if (!url.startsWith(prefix)) return undefined;
  const name = url.slice(prefix.length);
  return STORED_NAME.test(name) ? name : undefined;
}

/**
 * Files Herald converted are read from its store, not fetched over HTTP: its public URL
 * is often a loopback or private address that the SSRF guard rightly refuses.
 */
function ownMediaFirst(publicUrl: string, store: MediaStore, fetchMedia: typeof fetch): typeof fetch {
  const wrapped = async (resource: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const url = resource instanceof Request ? resource.url : String(resource);
    const name = ownMediaName(publicUrl, url);
    if (!name) return fetchMedia(resource, init);
    // Streamed: an uploaded video may be a gigabyte.
    const info = await store.stat(name);
    const body = info && (await store.read(name));
    if (!info || !body) return new Response(null, { status: 404 });
    return new Response(Readable.toWeb(body) as unknown as ReadableStream<Uint8Array>, {
      status: 200,
      headers: {
        'content-type': typeOfName(name) ?? 'application/octet-stream',
        'content-length': String(info.size),
      },
    });
  };
  return wrapped as typeof fetch;
}

const services = new WeakMap<AppContext, MediaService>();

/** The process's media service (built on first use, so AppContext needs no new field). */
export function mediaService(app: AppContext): MediaService {
  let service = services.get(app);
  if (!service) {
    service = createMediaService(app.config, {
      secret: app.secretKey,
      ...(app.resolve ? { resolve: app.resolve } : {}),
    });
    services.set(app, service);
  }
  return service;
}
