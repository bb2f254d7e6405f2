import type { ConnectorContext, PublishOutcome } from '../types.ts';
import type { Result, UploadState, Video, YouTubeClient } from './client.ts';
import { BACKOFF_MS, failedOutcome, PLATFORM_NAME } from './errors.ts';
import { openVideo, type Source } from './media.ts';
import { saveProgress, type YouTubeProgress } from './progress.ts';
import { openSession, putChunk, querySession, type VideoResource } from './resumable.ts';

/** Google wants chunks in multiples of 256 KiB (all but the last). */
export const CHUNK_UNIT = 256 * 1024;
export const DEFAULT_CHUNK_BYTES = 32 * CHUNK_UNIT;

export interface UploadRequest {
  client: YouTubeClient;
  ctx: ConnectorContext;
  progress: YouTubeProgress;
  videoUrl: string;
  resource: VideoResource;
  notifySubscribers: boolean | undefined;
  chunkBytes: number;
}

type Failed = PublishOutcome & { kind: 'failed' };
export type Uploaded = { ok: true; video: Video } | { ok: false; outcome: Failed };

function mediaFailed(details: string): Uploaded {
  const reason = 'the video could not be downloaded';
  return {
    ok: false,
    outcome: {
      kind: 'failed',
      error: { code: 136, platform: 'youtube', params: { platformName: PLATFORM_NAME, reason }, details },
    },
  };
}

function failed<T>(result: Result<T> & { ok: false }): Uploaded {
  return { ok: false, outcome: failedOutcome(result.failure) };
}

/**
 * Uploads the video through one resumable session, kept in the target's progress:
 * a retry asks the session where it stands and sends only the rest; a finished
 * session hands back its video; an expired one (404) is started over.
 */
export async function uploadVideo(request: UploadRequest): Promise<Uploaded> {
  const { client, ctx, progress } = request;
  let offset = 0;
  if (progress.session) {
    const state = await querySession(client, progress.session.uri, progress.session.size ?? undefined);
    if (!state.ok) return failed(state);
    if (state.value.kind === 'done') return { ok: true, video: state.value.video };
    if (state.value.kind === 'expired') {
      ctx.log.info({ session: 'expired' }, 'youtube: upload session expired, starting over');
      delete progress.session;
      await saveProgress(ctx, progress);
    } else offset = state.value.received;
  }
  return send(request, offset, 1);
}

async function send(request: UploadRequest, start: number, restartsLeft: number): Promise<Uploaded> {
  const { client, ctx, progress } = request;
  const opened = await openVideo(ctx.fetchMedia, request.videoUrl, start, ctx.signal);
  if (!opened.ok) return mediaFailed(opened.details);
  const { source } = opened;
  if (!progress.session) {
    if (source.size === 0) return mediaFailed(`${request.videoUrl}: the file is empty`);
    const media = { size: source.size, type: source.type };
    const session = await openSession(client, request.resource, media, request.notifySubscribers);
    if (!session.ok) {
      await source.chunks.cancel();
      return failed(session);
    }
    // Saved before the first byte leaves: from here on, a retry resumes this session.
    progress.session = { uri: session.value, size: source.size ?? null, type: source.type };
    await saveProgress(ctx, progress);
  }
  const uri = progress.session.uri;
  const state = await sendChunks(request, uri, source, start);
  if (state.ok === 'source') {
    return state.final
      ? mediaFailed(state.details)
      : sourceCut(request, uri, start, state.details, restartsLeft);
  }
  if (!state.ok) return failed(state);
  const { value } = state;
  if (value.kind === 'done') return { ok: true, video: value.video };
  if (value.kind === 'expired' && restartsLeft > 0) {
    delete progress.session;
    await saveProgress(ctx, progress);
    return send(request, 0, restartsLeft - 1);
  }
  // YouTube stored less than was sent: go on from what it holds, as long as it holds more each time.
  if (value.kind === 'incomplete' && value.received > start)
    return send(request, value.received, restartsLeft);
  ctx.log.warn({ state: value }, 'youtube: the upload session makes no progress');
  return {
    ok: false,
    outcome: { kind: 'failed', error: { code: 454, platform: 'youtube' }, retryAfterMs: BACKOFF_MS },
  };
}

/**
 * The source stopped mid-way (the media fetcher's deadline covers one whole download,
 * or the connection dropped): read it again from what YouTube holds, as long as each
 * round moved forward; the session is never lost, so a later retry resumes as well.
 */
async function sourceCut(
  request: UploadRequest,
  uri: string,
  start: number,
  details: string,
  restartsLeft: number,
): Promise<Uploaded> {
  const state = await querySession(request.client, uri, request.progress.session?.size ?? undefined);
  if (state.ok && state.value.kind === 'done') return { ok: true, video: state.value.video };
  if (state.ok && state.value.kind === 'incomplete' && state.value.received > start) {
    request.ctx.log.info({ received: state.value.received }, 'youtube: source cut, reading on from there');
    return send(request, state.value.received, restartsLeft);
  }
  return mediaFailed(details);
}

/**
 * Streams chunks until the session is done. Stops early (closing the source) when
 * YouTube stored less than was sent: the caller reopens the source at that offset.
 */
async function sendChunks(
  request: UploadRequest,
  uri: string,
  source: Source,
  start: number,
): Promise<Result<UploadState> | { ok: 'source'; details: string; final: boolean }> {
  let offset = start;
  for (;;) {
    const read = await source.chunks.take(request.chunkBytes);
    if ('error' in read)
      return { ok: 'source', details: `${request.videoUrl}: ${read.error}`, final: read.tooLarge };
    const { bytes, last } = read;
    const end = offset + bytes.byteLength;
    const total = last ? end : (request.progress.session?.size ?? undefined);
    const put = await putChunk(request.client, uri, { bytes, start: offset, total, type: source.type });
    if (!put.ok || put.value.kind !== 'incomplete' || put.value.received !== end || last) {
      await source.chunks.cancel();
      return put;
    }
    offset = end;
  }
}
