import type { ErrorSpec } from '../../errors/build.ts';
import { readCapped } from '../shared/wire.ts';
import type { ConnectorContext, MediaItem, PublishInput, PublishOutcome } from '../types.ts';
import type { MediaInfo, XClient } from './client.ts';
import { failedOutcome, PLATFORM_NAME } from './errors.ts';
import type { XResult } from './wire.ts';

/**
 * Media for a tweet: images up to 5 MB in one request; GIFs and videos through the
 * chunked upload (initialize, append, finalize) and then STATUS until X has processed
 * them. Every failure here happens before the tweet is sent, so it never creates a post.
 */

export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
export const GIF_MAX_BYTES = 15 * 1024 * 1024;
export const VIDEO_MAX_BYTES = 512 * 1024 * 1024;
/** Size of one append; X takes up to 5 MB per segment. */
export const CHUNK_BYTES = 4 * 1024 * 1024;
/** STATUS polls before giving up on processing (each waits what X says, at most a minute). */
const MAX_STATUS_POLLS = 60;

type Failed = PublishOutcome & { kind: 'failed' };

function rejected(reason: string, details?: string): Failed {
  const error: ErrorSpec = {
    code: 136,
    platform: 'twitter',
    params: { platformName: PLATFORM_NAME, reason },
  };
  if (details !== undefined) error.details = details;
  return { kind: 'failed', error };
}

interface File {
  bytes: Uint8Array<ArrayBuffer>;
  mimeType: string;
}

function limitFor(item: MediaItem, mimeType: string): number {
  if (item.kind === 'video' || mimeType.startsWith('video/')) return VIDEO_MAX_BYTES;
  return mimeType === 'image/gif' ? GIF_MAX_BYTES : IMAGE_MAX_BYTES;
}

/** Seed 002's download failure (451), with the cause in details, as the core's media step reports it. */
function failedDownload(details: string): Failed {
  return { kind: 'failed', error: { code: 451, platform: 'twitter', details } };
}

/** Downloads through the core's SSRF-safe fetcher; never more than X takes for that type. */
async function download(item: MediaItem, ctx: ConnectorContext): Promise<File | Failed> {
  try {
    const response = await ctx.fetchMedia(item.url, { signal: ctx.signal });
    if (!response.ok) {
      await response.body?.cancel();
      return failedDownload(`${item.url}: HTTP ${response.status} from origin`);
    }
    const mimeType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!mimeType.startsWith('image/') && !mimeType.startsWith('video/')) {
      await response.body?.cancel();
      return rejected(
        'only images and videos are accepted',
        `${item.url}: content-type ${mimeType || 'missing'}`,
      );
    }
    const limit = limitFor(item, mimeType);
    const tooLarge = () => rejected(`${mimeType} files must be at most ${limit / 1024 / 1024} MB`, item.url);
    if (Number(response.headers.get('content-length') ?? 0) > limit) {
      await response.body?.cancel();
      return tooLarge();
    }
    const bytes = await readCapped(response, limit);
    return bytes ? { bytes, mimeType } : tooLarge();
  } catch (error) {
    return failedDownload(`${item.url}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Waits while X processes the media, as long as X asks (check_after_secs). */
async function processed(
  client: XClient,
  first: MediaInfo,
  ctx: ConnectorContext,
): Promise<Failed | undefined> {
  let media = first;
  for (let poll = 0; poll < MAX_STATUS_POLLS; poll += 1) {
    if (media.state === undefined || media.state === 'succeeded') return undefined;
    if (media.state === 'failed') return rejected('X could not process it', media.error);
    await sleep(Math.min(media.checkAfterSecs ?? 1, 60) * 1000, ctx.signal);
    if (ctx.signal?.aborted) break;
    const status = await client.uploadStatus(media.id);
    if (!status.ok) return failedOutcome(status.failure, 'other');
    media = status.value;
  }
  // Nothing was posted yet: the whole publish may be tried again later.
  return { ...rejected('X is still processing it'), retryAfterMs: 60_000 };
}

async function chunked(client: XClient, file: File, category: string): Promise<XResult<MediaInfo>> {
  const init = await client.initializeUpload(file.mimeType, file.bytes.byteLength, category);
  if (!init.ok) return init;
  for (let index = 0; index * CHUNK_BYTES < file.bytes.byteLength; index += 1) {
    const chunk = file.bytes.subarray(index * CHUNK_BYTES, (index + 1) * CHUNK_BYTES);
    const appended = await client.appendUpload(init.value.id, index, chunk);
    if (!appended.ok) return appended;
  }
  return client.finalizeUpload(init.value.id);
}

type MediaInput = Pick<PublishInput, 'media' | 'options'>;

function altTextOf(input: MediaInput, index: number, item: MediaItem): string | undefined {
  const given = Array.isArray(input.options.altText) ? input.options.altText[index] : undefined;
  const text = typeof given === 'string' ? given : item.altText;
  return text?.trim() ? text : undefined;
}

/** Uploads every media item of the post (or comment); the ids to attach to its first tweet. */
export async function uploadMedia(
  input: MediaInput,
  client: XClient,
  ctx: ConnectorContext,
): Promise<{ kind: 'ok'; ids: string[] } | Failed> {
  const ids: string[] = [];
  for (const [index, item] of input.media.entries()) {
    const file = await download(item, ctx);
    if ('kind' in file) return file;
    const isVideo = file.mimeType.startsWith('video/');
    const isGif = file.mimeType === 'image/gif';
    if (isGif && input.media.length > 1) return rejected('a GIF must be the only media of a post');
    const uploaded =
      isVideo || isGif
        ? await chunked(client, file, isVideo ? 'tweet_video' : 'tweet_gif')
        : await client.uploadSimple(file.bytes, file.mimeType, 'tweet_image');
    if (!uploaded.ok) return failedOutcome(uploaded.failure, 'other');
    const stillProcessing = await processed(client, uploaded.value, ctx);
    if (stillProcessing) return stillProcessing;
    const alt = isVideo ? undefined : altTextOf(input, index, item);
    if (alt) {
      const described = await client.setAltText(uploaded.value.id, alt);
      if (!described.ok) return failedOutcome(described.failure, 'other');
    }
    ids.push(uploaded.value.id);
  }
  return { kind: 'ok', ids };
}
