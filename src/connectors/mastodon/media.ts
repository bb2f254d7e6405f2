import type { ErrorSpec } from '../../errors/build.ts';
import type { ConnectorContext, MediaItem, PublishInput } from '../types.ts';
import type { MastodonClient } from './client.ts';
import { BACKOFF_MS, failedOutcome, PLATFORM_NAME } from './errors.ts';
import { type MastodonProgress, saveProgress } from './progress.ts';

/**
 * Media through `POST /api/v2/media` (multipart `file` + `description`, the alt
 * text): 200 when processed, 202 while processing; then `GET /api/v1/media/:id`
 * answers 206 until ready (200). Uploaded ids are kept in progress, so a retry
 * resumes instead of uploading again.
 */

type Failed = { kind: 'failed'; error: ErrorSpec; retryAfterMs?: number };

/** Waits between polls of a processing attachment: about 40 s in all, then the attempt is retried. */
const POLL_DELAYS_MS = [250, 500, 1000, 2000, 4000, 8000, 8000, 8000, 8000];
/** Unattached media are removed by the instance after a day: reuse them for far less. */
const REUSE_MS = 6 * 3_600_000;

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function downloadFailed(details: string): Failed {
  return { kind: 'failed', error: { code: 451, platform: 'mastodon', details } };
}

function refused(reason: string, details: string): Failed {
  return {
    kind: 'failed',
    error: { code: 136, platform: 'mastodon', params: { platformName: PLATFORM_NAME, reason }, details },
  };
}

/** The alt text of item `index`: `mastodonOptions.altText[index]`, else the item's own. */
export function altTextOf(input: PublishInput, index: number): string | undefined {
  const given = Array.isArray(input.options.altText) ? input.options.altText[index] : undefined;
  const text = typeof given === 'string' ? given : input.media[index]?.altText;
  return text?.trim() ? text : undefined;
}

function filenameOf(url: string, index: number): string {
  const last = new URL(url).pathname.split('/').at(-1) ?? '';
  return /^[\w.-]{1,100}$/.test(last) ? last : `media-${index + 1}`;
}

async function download(item: MediaItem, ctx: ConnectorContext): Promise<Blob | Failed> {
  try {
    const response = await ctx.fetchMedia(item.url, ctx.signal ? { signal: ctx.signal } : {});
    if (!response.ok) {
      await response.body?.cancel();
      return downloadFailed(`${item.url}: HTTP ${response.status} from origin`);
    }
    const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!type.startsWith('image/') && !type.startsWith('video/')) {
      await response.body?.cancel();
      return refused('only images and videos are accepted', `${item.url}: ${type || 'no content-type'}`);
    }
    return new Blob([await response.arrayBuffer()], { type });
  } catch (error) {
    return downloadFailed(`${item.url}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function processed(
  client: MastodonClient,
  id: string,
  ctx: ConnectorContext,
): Promise<Failed | undefined> {
  for (const delay of POLL_DELAYS_MS) {
    await sleep(delay, ctx.signal);
    if (ctx.signal?.aborted) break;
    const polled = await client.media(id);
    if (!polled.ok) return failedOutcome(polled.failure);
    if (polled.status === 200 && polled.value.url !== null) return undefined;
  }
  // Kept in progress: the retry polls the same attachment instead of uploading it again.
  return {
    kind: 'failed',
    error: {
      code: 625,
      platform: 'mastodon',
      params: { platformName: PLATFORM_NAME },
      details: `the instance is still processing media ${id}`,
    },
    retryAfterMs: BACKOFF_MS,
  };
}

/** The attachment ids of the post, uploading those no recent attempt uploaded. */
export async function uploadMedia(
  input: PublishInput,
  client: MastodonClient,
  progress: MastodonProgress,
  ctx: ConnectorContext,
  nowMs: number,
): Promise<{ kind: 'ok'; ids: string[] } | Failed> {
  // Old uploads may be gone from the instance: then all are uploaded again, in order.
  if (progress.media.some((item) => !(nowMs - Date.parse(item.at) < REUSE_MS))) progress.media = [];
  for (const [index, item] of input.media.entries()) {
    let uploaded = progress.media[index];
    if (!uploaded) {
      const file = await download(item, ctx);
      if (!(file instanceof Blob)) return file;
      const answer = await client.uploadMedia(file, filenameOf(item.url, index), altTextOf(input, index));
      if (!answer.ok) return failedOutcome(answer.failure);
      const ready = answer.status === 200 && answer.value.url !== null;
      uploaded = { id: answer.value.id, at: new Date(nowMs).toISOString(), ready };
      progress.media.push(uploaded);
      await saveProgress(ctx, input.targetId, progress);
    }
    if (uploaded.ready) continue;
    const problem = await processed(client, uploaded.id, ctx);
    if (problem) return problem;
    uploaded.ready = true;
    await saveProgress(ctx, input.targetId, progress);
  }
  return { kind: 'ok', ids: progress.media.map((item) => item.id) };
}
