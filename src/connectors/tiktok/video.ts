import type { ConnectorContext, PublishInput, PublishOutcome } from '../types.ts';
import { describeFailure, failedOutcome } from './errors.ts';
import { chunkRanges, openVideo, planChunks, type VideoSource } from './media.ts';
import { caption, failure, flag, pending, type Session } from './outcomes.ts';
import { saveProgress, type TikTokProgress } from './progress.ts';

/**
 * A video by FILE_UPLOAD: init with the size and chunk plan, then the chunks in
 * order. TikTok holds a post only once the last chunk is in; until then a failure
 * leaves an upload that can never become a post, so a retry is safe.
 */

export async function postVideo(
  session: Session,
  input: PublishInput,
  level: string,
  progress: TikTokProgress,
  ctx: ConnectorContext,
  chunkBytes: number,
): Promise<PublishOutcome> {
  const url = input.media[0]?.url ?? '';
  const opened = await openVideo(ctx.fetchMedia, url, ctx.signal);
  if (!opened.ok) return failure(136, opened.details, { reason: 'the video could not be downloaded' });
  let { source } = opened;
  const plan = planChunks(source.size, chunkBytes);
  const { options } = input;
  const body = {
    post_info: {
      title: caption(input.text),
      privacy_level: level,
      disable_duet: flag(options.disableDuet),
      disable_comment: flag(options.disableComments),
      disable_stitch: flag(options.disableStitch),
      ...(typeof options.thumbNailOffset === 'number'
        ? { video_cover_timestamp_ms: options.thumbNailOffset }
        : {}),
      brand_content_toggle: flag(options.isBrandedContent),
      brand_organic_toggle: flag(options.isBrandOrganic),
      is_aigc: flag(options.isAIGenerated),
    },
    source_info: {
      source: 'FILE_UPLOAD',
      video_size: plan.size,
      chunk_size: plan.chunkSize,
      total_chunk_count: plan.count,
    },
  };
  const init = await session.keeper.run((token) =>
    session.client.call(token, 'POST', '/post/publish/video/init/', body),
  );
  if (!init.ok) {
    await source.close();
    // Without the file, no video can come of an init whose answer was lost: a retry is safe.
    return failedOutcome(init.failure);
  }
  progress.publishId = String(init.value.publish_id ?? '');
  progress.complete = false;
  await saveProgress(ctx, progress);
  const uploadUrl = String(init.value.upload_url ?? '');
  const ranges = chunkRanges(plan);
  let readSinceOpen = 0;
  for (const [index, range] of ranges.entries()) {
    let read = await readChunk(source, range.length);
    // A source cut mid-way (the media fetcher's deadline covers one download): read on from here,
    // once per cut. Never past the size cap (HERALD_MEDIA_MAX_BYTES): reading on must not get around it.
    if ('error' in read && readSinceOpen > 0 && !read.tooLarge) {
      await source.close();
      const reopened = await openVideo(ctx.fetchMedia, url, ctx.signal, range.start);
      if (reopened.ok) {
        source = reopened.source;
        readSinceOpen = 0;
        read = await readChunk(source, range.length);
      }
    }
    if ('error' in read) {
      await source.close();
      // TikTok has an incomplete file at most: this publish id can never become a post.
      return failure(136, `${url}: ${read.error}`, { reason: 'the video could not be downloaded' });
    }
    readSinceOpen += 1;
    const put = await session.client.putChunk(uploadUrl, {
      bytes: read.bytes,
      start: range.start,
      total: plan.size,
      type: source.type,
    });
    if (put.ok) continue;
    await source.close();
    const last = index === ranges.length - 1;
    if (last && put.failure.kind === 'network')
      return settleLostUpload(session, progress, ctx, plan.size, describeFailure(put.failure));
    // TikTok does not hold the whole file: this publish id can never become a post.
    return failedOutcome(put.failure);
  }
  progress.complete = true;
  await saveProgress(ctx, progress);
  return pending(progress);
}

type Read = { bytes: Uint8Array<ArrayBuffer> } | { error: string; tooLarge: boolean };

/** Exactly `length` bytes, or why not; `tooLarge` when the media fetcher's size cap stopped it. */
async function readChunk(source: VideoSource, length: number): Promise<Read> {
  try {
    const bytes = await source.read(length);
    return bytes.byteLength === length
      ? { bytes }
      : { error: 'shorter than its announced size', tooLarge: false };
  } catch (error) {
    const tooLarge = (error as { failure?: unknown } | null)?.failure === 'too-large';
    return { error: error instanceof Error ? error.message : String(error), tooLarge };
  }
}

/** The last chunk's answer was lost: TikTok may hold the whole file. Its status says. */
async function settleLostUpload(
  session: Session,
  progress: TikTokProgress,
  ctx: ConnectorContext,
  size: number,
  reason: string,
): Promise<PublishOutcome> {
  const status = await session.keeper.run((token) =>
    session.client.call(token, 'POST', '/post/publish/status/fetch/', { publish_id: progress.publishId }),
  );
  if (!status.ok) return { kind: 'unknown', reason: `${reason}; status: ${describeFailure(status.failure)}` };
  const received = Number(status.value.uploaded_bytes ?? 0);
  if (status.value.status === 'PROCESSING_UPLOAD' && received < size) {
    return failure(625, `${reason}; TikTok holds ${received} of ${size} bytes`);
  }
  progress.complete = true;
  await saveProgress(ctx, progress);
  return pending(progress);
}
