import { DECLARATIONS } from '../../connectors/declarations.ts';
import type { Profile } from '../../db/profiles.ts';
import type { Platform } from '../../platforms.ts';
import { connectorContext } from '../connectors.ts';
import type { AppContext } from '../context.ts';
import type { Reply } from '../post-responses.ts';
import { type RequestSecrets, secretsFor } from '../request-secrets.ts';
import { analyticsEnvelope, type NetworkPart, refused } from './envelope.ts';
import { cacheKey, isSpec, profileAccount } from './network-account.ts';
import { throughCache } from './through-cache.ts';

export interface SocialAnalyticsRequest {
  platforms: readonly Platform[];
  /** X only: another account, by numeric id or by handle, instead of the linked one. */
  userId?: string;
  userName?: string;
}

/** The account's metrics show as `{analytics}`; the network's id of it stays in the cache. */
const shape = (body: Record<string, unknown>) => ({ analytics: body.analytics });

/**
 * POST /api/analytics/social: the metrics of each named network's linked account
 * (followers, views, engagement), through the same cache as post metrics.
 */
export async function socialAnalytics(
  app: AppContext,
  profile: Profile,
  request: SocialAnalyticsRequest,
  secrets: RequestSecrets,
  lang: string | undefined,
): Promise<Reply> {
  const parts: NetworkPart[] = [];
  for (const platform of [...new Set(request.platforms)]) {
    const resolved = await profileAccount(app, profile.id, platform);
    if (isSpec(resolved)) {
      parts.push({ platform, result: refused(resolved) });
      continue;
    }
    const user =
      platform === 'twitter' && (request.userId || request.userName)
        ? {
            ...(request.userId ? { id: request.userId } : {}),
            ...(request.userName ? { name: request.userName } : {}),
          }
        : undefined;
    const object = user ? `account:${user.id ?? ''}:${(user.name ?? '').toLowerCase()}` : 'account';
    const result = await throughCache(app, cacheKey(profile.id, resolved.record, object), () =>
      resolved.analytics.account(
        {
          account: resolved.account,
          requestSecrets: secretsFor(DECLARATIONS[platform], secrets),
          ...(user ? { user } : {}),
        },
        connectorContext(app, platform, resolved.record.id),
      ),
    );
    parts.push({ platform, result });
  }
  return analyticsEnvelope(parts, shape, lang);
}
