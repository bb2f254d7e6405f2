import type { MediaItem, PublishInput } from '../connectors/types.ts';
import type { ErrorSpec } from '../errors/build.ts';
import type { Platform } from '../platforms.ts';
import type { AutoFix } from './auto-fix.ts';
import { downloadFailed } from './fetch-error.ts';
import { fitVideo, needsFullProbe } from './fix-video.ts';
import type { MediaService } from './media-service.ts';
import { MediaStepFailure } from './stored-jpeg.ts';

/** How a publish treats videos a network would refuse (prepare-media.ts runs this first). */
export interface VideoFixing {
  autoFix: AutoFix;
  /** Fix videos now (the publish job) or only leave fixable findings to it (a check ahead). */
  fixNow: boolean;
  /** Keeps the target leased while ffmpeg works. */
  keepAlive?: () => Promise<void>;
}

/**
 * Videos first, one at a time and outside the checks' time budget (an encode takes
 * minutes): probed fully, and fixed where the post allows it (fix-video.ts).
 */
export async function fitVideos(
  service: MediaService,
  platform: Platform,
  input: PublishInput,
  fixing: VideoFixing,
): Promise<{ media: MediaItem[]; fixed: Set<number>; warnings: ErrorSpec[] } | MediaStepFailure> {
  const media = [...input.media];
  const fixed = new Set<number>();
  const warnings: ErrorSpec[] = [];
  // The target stays leased while videos download, wait for an encode slot and encode:
  // minutes of work are not a dead sender.
  const keepAlive = fixing.keepAlive ?? (async () => {});
  const heartbeat = setInterval(() => void keepAlive().catch(() => undefined), 10_000);
  try {
    for (const [index, item] of media.entries()) {
      if (!needsFullProbe(service, platform, item)) continue;
      try {
        const fitted = await fitVideo(service, platform, item, input.options, fixing.autoFix);
        media[index] = fitted.item;
        if (fitted.warning) {
          fixed.add(index);
          warnings.push(fitted.warning);
        }
      } catch (err) {
        if (err instanceof MediaStepFailure) return err;
        return new MediaStepFailure(
          downloadFailed(`video check failed: ${(err as Error).message}`, platform),
        );
      }
    }
  } finally {
    clearInterval(heartbeat);
  }
  return { media, fixed, warnings };
}
