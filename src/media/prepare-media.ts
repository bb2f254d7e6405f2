import type { AppContext } from '../app/context.ts';
import { DECLARATIONS } from '../connectors/declarations.ts';
import type { MediaItem, PublishInput, PublishOutcome } from '../connectors/types.ts';
import type { ErrorSpec } from '../errors/build.ts';
import type { Platform } from '../platforms.ts';
import { presignedAdvice } from './crawler-advice.ts';
import { checkCrawler } from './crawler-check.ts';
import { crawlerBlocked, robotsWarning } from './crawler-errors.ts';
import { pullingCrawler } from './crawlers.ts';
import { downloadFailed, MediaFetchError } from './fetch-error.ts';
import { fitVideos, type VideoFixing } from './fit-videos.ts';
import { fetchHead, type MediaHead } from './media-head.ts';
import { checkImage, IMAGE_DOWNLOAD_MAX_BYTES, IMAGE_RULES, needsJpeg } from './media-rules.ts';
import { type MediaService, mediaService } from './media-service.ts';
import { dimensionsOf } from './probe.ts';
import { fetchMedia } from './safe-fetch.ts';
import { isImageType, type MediaType } from './sniff.ts';
import { MediaStepFailure, statusMayChange, storeAsJpeg } from './stored-jpeg.ts';
import { videoLayout } from './video-head.ts';
import { checkVideo, hasVideoRules } from './video-rules.ts';

/**
 * The media step of a publish, after the claim and before any call to the network:
 * each item is looked at (its real type from its bytes), converted to a JPEG Herald
 * serves where the network needs one, checked against the network's limits, and, for
 * networks that fetch media by URL themselves, checked the way their crawler will
 * fetch it. A finding fails the target with the catalog error the network would have
 * caused, with the cause and the fix in `details`; nothing reaches the network.
 */

export type PreparedMedia =
  | { ok: true; input: PublishInput; warnings: ErrorSpec[] }
  /** `mayChange`: see MediaStepFailure. */
  | { ok: false; error: ErrorSpec; mayChange: boolean };

/** Items checked at once: a carousel of 10 should not take 10 sequential round trips. */
const ITEMS_AT_ONCE = 4;
/**
 * The whole media step must end inside the margin by which the target's lease outlives
 * the publish timeout (30 s, src/jobs/publish-target.ts): past the lease, another worker
 * would take the target for dead while this one still sends.
 */
const MEDIA_BUDGET_MS = 25_000;

export async function prepareMedia(
  app: AppContext,
  platform: Platform,
  input: PublishInput,
  sandbox: boolean,
  fixing: VideoFixing = { autoFix: 'off', fixNow: true },
): Promise<PreparedMedia> {
  const service = mediaService(app);
  // Sandbox accounts simulate the network: they get media checks only when asked (HERALD_SANDBOX_MEDIA_CHECKS).
  if (input.media.length === 0 || (sandbox && !service.sandboxChecks))
    return { ok: true, input, warnings: [] };
  // The job runs at the post's time, so the network fetches the media now.
  return prepareFor(
    service,
    platform,
    input,
    new Date(),
    Math.min(MEDIA_BUDGET_MS, app.config.publishTimeoutMs),
    fixing,
  );
}

/** Media warnings (a fragile robots.txt) ride on a published outcome; the core stores them on the target. */
export function withMediaWarnings(outcome: PublishOutcome, warnings: readonly ErrorSpec[]): PublishOutcome {
  if (outcome.kind !== 'published' || warnings.length === 0) return outcome;
  return { ...outcome, warnings: [...(outcome.warnings ?? []), ...warnings] };
}

/** The same step without the app (tests, tools): `budgetMs` bounds the whole of it. */
export async function prepareFor(
  service: MediaService,
  platform: Platform,
  input: PublishInput,
  postTime: Date,
  budgetMs: number,
  fixing: VideoFixing = { autoFix: 'off', fixNow: false },
): Promise<PreparedMedia> {
  let fixed = new Set<number>();
  const fitWarnings: ErrorSpec[] = [];
  if (fixing.fixNow) {
    const fitted = await fitVideos(service, platform, input, fixing);
    if (fitted instanceof MediaStepFailure)
      return { ok: false, error: { ...fitted.error, platform }, mayChange: fitted.mayChange };
    input = { ...input, media: fitted.media };
    fixed = fitted.fixed;
    fitWarnings.push(...fitted.warnings);
  }
  // Ahead of the post's time, what ffmpeg will fix then is no refusal now.
  const fixLater = !fixing.fixNow && fixing.autoFix !== 'off' && canFix(service);
  // The target is `sending` under a lease: the checks must end well before the lease does.
  const signal = AbortSignal.timeout(budgetMs);
  const results: (MediaItem | MediaStepFailure)[] = new Array(input.media.length);
  const warnings = new Map<string, ErrorSpec>();
  let next = 0;
  const worker = async () => {
    while (next < input.media.length) {
      const index = next++;
      const item = input.media[index] as MediaItem;
      try {
        results[index] = await prepareItem(
          service,
          platform,
          item,
          input.options,
          postTime,
          signal,
          warnings,
          {
            fixed: fixed.has(index),
            fixLater,
          },
        );
      } catch (err) {
        results[index] = asFailure(err, platform, signal, budgetMs);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(ITEMS_AT_ONCE, input.media.length) }, worker));
  const failed = results.find((r): r is MediaStepFailure => r instanceof MediaStepFailure);
  if (failed) return { ok: false, error: { ...failed.error, platform }, mayChange: failed.mayChange };
  return {
    ok: true,
    input: { ...input, media: results as MediaItem[] },
    warnings: [...fitWarnings, ...warnings.values()],
  };
}

const canFix = (service: MediaService) => Boolean(service.video.ffmpeg && service.video.ffprobe);

function asFailure(
  err: unknown,
  platform: Platform,
  signal: AbortSignal,
  budgetMs: number,
): MediaStepFailure {
  // Out of time: whatever the item's own error looks like (an aborted download), the budget is the cause.
  if (signal.aborted)
    return new MediaStepFailure(downloadFailed(`media checks did not finish within ${budgetMs} ms`));
  if (err instanceof MediaStepFailure) return err;
  if (err instanceof MediaFetchError) return new MediaStepFailure(downloadFailed(err.message));
  return new MediaStepFailure(downloadFailed(`media check failed: ${(err as Error).message}`, platform));
}

async function prepareItem(
  service: MediaService,
  platform: Platform,
  item: MediaItem,
  options: Readonly<Record<string, unknown>>,
  postTime: Date,
  signal: AbortSignal,
  warnings: Map<string, ErrorSpec>,
  video: { fixed: boolean; fixLater: boolean },
): Promise<MediaItem> {
  // Herald's own fixed copy, probed after ffmpeg made it: the network fetches it from Herald.
  if (video.fixed) return item;
  const crawler = pullingCrawler(platform, item.kind);
  const fail = (cause: string, fix?: string, mayChange = false): never => {
    throw new MediaStepFailure(
      crawler ? crawlerBlocked(platform, item.url, cause, fix) : downloadFailed(`${item.url}: ${cause}`),
      mayChange || !crawler,
    );
  };
  if (crawler) {
    // An expired or expiring signed URL needs no request to be found (and its origin answers 403 anyway).
    const { advice } = presignedAdvice(item.url, postTime, service.presignedMarginMs);
    if (advice) fail(advice.cause, advice.fix);
  }
  let head: MediaHead | undefined;
  // Images are always looked at (conversion); videos where the network sets rules Herald can
  // check, unless Herald just made this file itself (fixed and probed: fix-video.ts).
  if (item.kind === 'image' || (hasVideoRules(platform) && !video.fixed)) {
    try {
      head = await service.headCache.load(item.url, () => fetchHead(service.policy, item.url, signal));
    } catch (err) {
      // Herald itself may not fetch it (non-public address): that is a refusal, 451 on every network.
      if (err instanceof MediaFetchError && err.failure === 'refused')
        throw new MediaStepFailure(downloadFailed(err.message));
      throw err instanceof MediaFetchError ? fail(err.message, undefined, true) : err;
    }
    if (head.status !== 200 && head.status !== 206)
      fail(`HTTP ${head.status} from origin`, undefined, statusMayChange(head.status));
    if (!head.type && head.html)
      fail(`an HTML page (${head.declaredType ?? 'no Content-Type'}) instead of the ${item.kind}`);
    if (!head.type)
      throw new MediaStepFailure({
        code: 450,
        details: `${item.url}: not ${item.kind === 'image' ? 'an image' : 'a video'} (unrecognised bytes)`,
      });
    if (item.kind === 'video' && isImageType(head.type))
      throw new MediaStepFailure({
        code: 450,
        details: `${item.url}: an image (${head.type}) where a video was expected`,
      });
    if (isImageType(head.type) && needsJpeg(platform, head.type)) {
      // The network fetches Herald's copy: the origin's crawler rules no longer matter.
      const jpeg = await storeAsJpeg(service, item.url, signal);
      checkOrFail(
        platform,
        { type: 'image/jpeg', width: jpeg.width, height: jpeg.height, bytes: jpeg.bytes },
        options,
      );
      return { ...item, url: jpeg.url };
    }
  }
  if (crawler) {
    const obeyRobots = !crawler.robotsIgnoredBy?.includes(platform);
    const report = await checkCrawler(service, item.url, crawler, postTime, { obeyRobots, signal });
    if (report.verdict === 'blocked')
      fail(
        report.cause ?? 'blocked',
        report.fix,
        (report.finding === 'http-status' || report.finding === 'download') &&
          statusMayChange(report.fetch.status),
      );
    for (const text of report.warnings) warnings.set(text, robotsWarning(platform, text));
  }
  if (head?.type && isImageType(head.type)) await checkHead(service, platform, head, options, signal);
  else if (head?.type) await checkVideoHead(service, platform, head, options, signal, video.fixLater);
  return item;
}

/** Type and size from the first bytes; displayed size and duration from `moov`, found with ranged reads. */
async function checkVideoHead(
  service: MediaService,
  platform: Platform,
  head: MediaHead,
  options: Readonly<Record<string, unknown>>,
  signal: AbortSignal,
  fixLater: boolean,
): Promise<void> {
  const type = head.type as MediaType;
  const layout = await videoLayout(service.policy, head, signal);
  const info = layout?.found ? layout.info : undefined;
  // What ffmpeg will fix when the post goes out (type, ratio) is not held against it now.
  const error = checkVideo(
    platform,
    DECLARATIONS[platform].name,
    {
      type: fixLater ? 'video/mp4' : type,
      width: fixLater ? null : (info?.width ?? null),
      height: fixLater ? null : (info?.height ?? null),
      durationSeconds: info?.durationSeconds ?? null,
      bytes: head.total,
    },
    options,
  );
  if (error) throw new MediaStepFailure(error);
}

async function checkHead(
  service: MediaService,
  platform: Platform,
  head: MediaHead,
  options: Readonly<Record<string, unknown>>,
  signal: AbortSignal,
): Promise<void> {
  const rules = IMAGE_RULES[platform];
  if (!rules) return;
  const limitsBytes = rules.maxBytes !== undefined || rules.maxBytesByType !== undefined;
  let total = head.total;
  let size = await dimensionsOf(head.prefix);
  // The header lies past the first 512 KiB, or a size limit applies and the size is unknown: read it all.
  if ((!size || (total === null && limitsBytes)) && !head.complete) {
    const maxBytes = Math.min(service.policy.maxBytes, IMAGE_DOWNLOAD_MAX_BYTES);
    const full = await fetchMedia(service.policy, head.url, { signal, maxBytes });
    if (full.status === 200) {
      total = full.body.length;
      size = await dimensionsOf(full.body);
    }
  }
  if (!size)
    throw new MediaStepFailure({
      code: 450,
      details: `${head.url}: the ${head.type} image could not be decoded`,
    });
  checkOrFail(
    platform,
    { type: head.type as NonNullable<MediaHead['type']>, ...size, bytes: total },
    options,
  );
}

function checkOrFail(
  platform: Platform,
  image: Parameters<typeof checkImage>[2],
  options: Readonly<Record<string, unknown>>,
): void {
  const error = checkImage(platform, DECLARATIONS[platform].name, image, options);
  if (error) throw new MediaStepFailure(error);
}
