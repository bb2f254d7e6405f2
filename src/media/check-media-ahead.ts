import type { AppContext } from '../app/context.ts';
import type { PublishInput } from '../connectors/types.ts';
import type { ErrorSpec } from '../errors/build.ts';
import type { Platform } from '../platforms.ts';
import type { AutoFix } from './auto-fix.ts';
import { mediaService } from './media-service.ts';
import { prepareFor } from './prepare-media.ts';

/**
 * The media step run when a scheduled post is accepted, against its scheduled time: a
 * signed URL that expires before then, a robots.txt that shuts out the network's
 * crawler, a story that is not 9:16 — found now, while the user is there to fix it,
 * not at 3 a.m. when the job runs. The job runs the whole step again at the post's
 * time (robots.txt and origins change meanwhile); this only refuses early.
 */

export interface AheadTarget {
  platform: Platform;
  input: PublishInput;
  sandbox: boolean;
}

/** Long enough for a robots.txt and two ranged fetches per item; a slow origin is left to the job. */
const AHEAD_BUDGET_MS = 10_000;

export async function checkMediaAhead(
  app: AppContext,
  targets: readonly AheadTarget[],
  postTime: Date,
  /**
   * `now`: the dry run of an immediate post: the job would run now, so a passing cause
   * counts too. `autoFix`: what ffmpeg will fix when the post goes out refuses nothing now.
   */
  { now = false, autoFix = 'off' }: { now?: boolean; autoFix?: AutoFix } = {},
): Promise<ErrorSpec[]> {
  const service = mediaService(app);
  const checked = targets.filter((t) => t.input.media.length > 0 && (!t.sandbox || service.sandboxChecks));
  const results = await Promise.all(
    checked.map((t) =>
      prepareFor(service, t.platform, t.input, postTime, AHEAD_BUDGET_MS, { autoFix, fixNow: false }),
    ),
  );
  // A cause that may be gone by the post's time (the origin is down, the file not uploaded
  // yet) is left to the job; lasting findings (robots.txt, expiry, WAF, ratio, type) refuse now.
  return results.flatMap((r) => (!r.ok && (now || !r.mayChange) ? [r.error] : []));
}
