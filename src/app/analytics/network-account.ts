import type { AnalyticsCapability } from '../../connectors/analytics-types.ts';
import { DECLARATIONS } from '../../connectors/declarations.ts';
import type { LinkedAccount } from '../../connectors/types.ts';
import { type AccountRecord, findAccountById, listAccounts } from '../../db/accounts.ts';
import type { CacheKey } from '../../db/analytics-cache.ts';
import type { ErrorSpec } from '../../errors/build.ts';
import type { Platform } from '../../platforms.ts';
import { connectorFor, linkedAccount } from '../connectors.ts';
import type { AppContext } from '../context.ts';

/** A profile's account of one network and the analytics of the connector that serves it. */
export interface AnalyticsAccount {
  record: AccountRecord;
  account: LinkedAccount;
  analytics: AnalyticsCapability;
}

const named = (code: number, platform: Platform, variant?: string): ErrorSpec => ({
  code,
  platform,
  ...(variant ? { variant } : {}),
  params: { platformName: DECLARATIONS[platform].name },
});

function serve(
  app: AppContext,
  record: AccountRecord | undefined,
  platform: Platform,
  what: 'analytics' | 'history',
): AnalyticsAccount | ErrorSpec {
  if (!record) return named(156, platform);
  const analytics = connectorFor(platform, record.sandbox)?.analytics;
  // A network whose API gives no metrics answers the same for sandbox accounts.
  if (!analytics) return named(680, platform, what === 'history' ? 'history' : undefined);
  return { record, account: linkedAccount(app, record), analytics };
}

/** The profile's linked account of this network: 156 when none, 680 when the network has no metrics. */
export async function profileAccount(
  app: AppContext,
  profileId: string,
  platform: Platform,
  what: 'analytics' | 'history' = 'analytics',
): Promise<AnalyticsAccount | ErrorSpec> {
  const record = (await listAccounts(app.pool, profileId)).find((a) => a.platform === platform);
  return serve(app, record, platform, what);
}

/**
 * The account a target was published with, still linked to this profile and network.
 * Unlinked since (or relinked to another profile): 156, as for a post to an unlinked network.
 */
export async function targetAccount(
  app: AppContext,
  profileId: string,
  platform: Platform,
  accountId: string | null,
): Promise<AnalyticsAccount | ErrorSpec> {
  const record = accountId ? await findAccountById(app.pool, accountId) : undefined;
  const ours = record && record.profileId === profileId && record.platform === platform ? record : undefined;
  return serve(app, ours, platform, 'analytics');
}

export function cacheKey(profileId: string, record: AccountRecord, objectKey: string): CacheKey {
  return { profileId, accountId: record.id, linkedAt: record.createdAt, objectKey };
}

export function isSpec(value: AnalyticsAccount | ErrorSpec): value is ErrorSpec {
  return 'code' in value;
}
