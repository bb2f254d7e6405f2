import type { ConnectorContext, PublishInput, PublishOutcome } from '../types.ts';
import type { PinterestClient } from './client.ts';
import { BACKOFF_MS, failedOutcome, PLATFORM_NAME, unreachableSpec } from './errors.ts';

/**
 * A video pin's media: `POST /v5/media` → multipart POST of the file to the storage URL
 * it returns → `GET /v5/media/{id}` until `succeeded` (bounded). Nothing here creates a
 * pin, so any failure may be retried; the media id is kept in `progress` once uploaded,
 * so a retry polls the same upload instead of sending the file again.
 */

type Failed = PublishOutcome & { kind: 'failed' };

export interface VideoTiming {
  /** Wait between two status polls. */
  pollIntervalMs: number;
  /** Polls in one attempt before handing back to the queue (the upload is kept). */
  maxPolls: number;
}

/** Processing takes seconds to minutes: 10 × 2 s stays well inside the attempt's timeout. */
export const DEFAULT_VIDEO_TIMING: VideoTiming = { pollIntervalMs: 2000, maxPolls: 10 };
const STILL_PROCESSING_RETRY_MS = 60_000;

function refused(reason: string, details: string): Failed {
  return {
    kind: 'failed',
    error: { code: 136, platform: 'pinterest', params: { platformName: PLATFORM_NAME, reason }, details },
  };
}

async function download(
  url: string,
  ctx: ConnectorContext,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; mimeType: string } | Failed> {
  try {
    // The core's safe fetcher bounds the size (HERALD_MEDIA_MAX_BYTES) and the time.
    const response = await ctx.fetchMedia(url, { signal: ctx.signal });
    if (!response.ok) {
      await response.body?.cancel();
      return refused('the video could not be downloaded', `${url}: HTTP ${response.status} from origin`);
    }
    const mimeType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() || 'video/mp4';
    return { bytes: new Uint8Array(await response.arrayBuffer()), mimeType };
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    return refused('the video could not be downloaded', `${url}: ${cause}`);
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Registers and uploads the file; the media id once Pinterest holds the bytes. */
async function uploadVideo(
  input: PublishInput,
  client: PinterestClient,
  ctx: ConnectorContext,
): Promise<{ mediaId: string } | Failed> {
  const url = input.media[0]?.url ?? '';
  const file = await download(url, ctx);
  if ('kind' in file) return file;
  const registered = await client.registerVideo();
  if (!registered.ok) return failedOutcome(registered.failure);
  const sent = await client.upload(registered.value, file.bytes, file.mimeType);
  if (!sent.ok) {
    // Storage's refusal (an expired policy…) says nothing about the account: register anew later.
    const reason = sent.failure.kind === 'network' ? sent.failure.reason : sent.failure.message;
    return { kind: 'failed', error: unreachableSpec(reason), retryAfterMs: BACKOFF_MS };
  }
  await ctx.progress.save({ videoMediaId: registered.value.mediaId });
  return { mediaId: registered.value.mediaId };
}

/** The id of an uploaded video Pinterest has finished processing. */
export async function readyVideo(
  input: PublishInput,
  client: PinterestClient,
  ctx: ConnectorContext,
  timing: VideoTiming,
): Promise<{ mediaId: string } | Failed> {
  const saved = ctx.progress.load()?.videoMediaId;
  let mediaId = typeof saved === 'string' ? saved : undefined;
  if (!mediaId) {
    const uploaded = await uploadVideo(input, client, ctx);
    if ('kind' in uploaded) return uploaded;
    mediaId = uploaded.mediaId;
  }
  for (let poll = 0; poll < timing.maxPolls; poll += 1) {
    const status = await client.mediaStatus(mediaId);
    if (!status.ok) return failedOutcome(status.failure);
    if (status.value === 'succeeded') return { mediaId };
    if (status.value === 'failed') {
      // This upload is dead: a retry starts from a new one.
      await ctx.progress.save({});
      return refused('Pinterest could not process the video', `media ${mediaId}: status failed`);
    }
    if (ctx.signal?.aborted || poll === timing.maxPolls - 1) break;
    await sleep(timing.pollIntervalMs, ctx.signal);
  }
  return {
    ...refused('Pinterest is still processing the video', `media ${mediaId}`),
    retryAfterMs: STILL_PROCESSING_RETRY_MS,
  };
}
