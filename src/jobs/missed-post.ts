import { DECLARATIONS } from '../connectors/declarations.ts';
import type { PostRecord } from '../db/posts.ts';
import type { ErrorSpec } from '../errors/build.ts';
import type { Platform } from '../platforms.ts';

/**
 * A scheduled post whose time passed while no worker ran: its first send is still made
 * up to HERALD_MISSED_GRACE_MS late; later than that, posting it would surprise more
 * than help (a "Happy New Year" on 2 January), so each target ends `failed` with 677,
 * through the ordinary claim → failed move, and its outcome is reported like any other.
 * Immediate posts are exempt: their caller asked for "now" and was told `pending`.
 * Returns the error per network when missed, undefined otherwise.
 */
export function missedBy(
  post: PostRecord,
  now: Date,
  graceMs: number,
): ((platform: Platform) => ErrorSpec) | undefined {
  if (post.scheduleDate === null) return undefined;
  if (now.getTime() - post.dueAt.getTime() <= graceMs) return undefined;
  const grace =
    graceMs % 60_000 === 0 ? plural(graceMs / 60_000, 'minute') : plural(graceMs / 1000, 'second');
  return (platform) => ({
    code: 677,
    platform,
    params: {
      dueAt: post.dueAt.toISOString(),
      startedAt: now.toISOString(),
      grace,
      platformName: DECLARATIONS[platform].name,
    },
  });
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
