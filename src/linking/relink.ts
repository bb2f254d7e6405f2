import { DECLARATIONS } from '../connectors/declarations.ts';
import type { AccountRecord } from '../db/accounts.ts';
import type { ErrorSpec } from '../errors/build.ts';
import type { Platform } from '../platforms.ts';
import { healthOf } from './token-health.ts';

/**
 * The error a post to an account that needs relinking fails with, before any call: each
 * network's own relink code as the catalog has it (Facebook 161, Instagram 258 with
 * relink: true, X 272), and 623 (relink: true) for every other network.
 */
export function relinkError(platform: Platform, reason: string): ErrorSpec {
  const details = `Herald could not renew the access token: ${reason}`;
  if (platform === 'facebook') return { code: 161, platform, details };
  if (platform === 'instagram') return { code: 258, variant: 'relink', platform, details };
  if (platform === 'twitter') return { code: 272, platform, details };
  return { code: 623, platform, params: { platformName: DECLARATIONS[platform].name }, details };
}

/** The account's relink error when only its owner can make it work again (a refresh failed for good, or the token ran out). */
export function needsRelink(account: AccountRecord, platform: Platform): ErrorSpec | undefined {
  const health = healthOf(account, new Date());
  return health.status === 'needs-relink'
    ? relinkError(platform, health.reason ?? 'needs relinking')
    : undefined;
}
