import { DECLARATIONS } from '../connectors/declarations.ts';
import type { ErrorSpec } from '../errors/build.ts';
import type { Platform } from '../platforms.ts';

/** Herald's code for a crawler finding on a network the seeds give no code for (Pinterest, TikTok, GBP). */
export const CRAWLER_BLOCKED_CODE = 650;
/** Herald's warning for a robots.txt with several `User-agent: *` groups. */
export const ROBOTS_WARNING_CODE = 651;

/**
 * The error a crawler finding fails a target with, before any call to the network:
 * 440 for Instagram and Facebook (seed 000), 379 for Threads, Herald's 628 elsewhere.
 * `details` name the cause, then the fix.
 */
export function crawlerBlocked(platform: Platform, url: string, cause: string, fix?: string): ErrorSpec {
  const details = `${url}: ${cause}${fix ? `\nFix: ${fix}` : ''}`;
  if (platform === 'instagram' || platform === 'facebook') return { code: 440, platform, details };
  if (platform === 'threads') return { code: 379, platform, details };
  return {
    code: CRAWLER_BLOCKED_CODE,
    platform,
    params: { platformName: DECLARATIONS[platform].name },
    details,
  };
}

export function robotsWarning(platform: Platform, text: string): ErrorSpec {
  return { code: ROBOTS_WARNING_CODE, platform, feature: 'robots.txt', details: text };
}
