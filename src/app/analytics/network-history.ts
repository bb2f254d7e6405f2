import { DECLARATIONS } from '../../connectors/declarations.ts';
import { publishedOnAccount } from '../../db/account-posts.ts';
import type { Profile } from '../../db/profiles.ts';
import type { Platform } from '../../platforms.ts';
import { connectorContext } from '../connectors.ts';
import type { AppContext } from '../context.ts';
import type { Reply } from '../post-responses.ts';
import { type RequestSecrets, secretsFor } from '../request-secrets.ts';
import { analyticsEnvelope, refused } from './envelope.ts';
import { cacheKey, isSpec, profileAccount } from './network-account.ts';
import { throughCache } from './through-cache.ts';

export interface NetworkHistoryRequest {
  platform: Platform;
  /** Posts per page, 1–100 (default 10, as Ayrshare's). */
  limit: number;
  /** The `next` of the previous page. */
  next?: string;
}

/**
 * GET /api/history/:platform: the account's posts as the network lists them, made through
 * Herald or not, newest first, a page at a time (`next`), through the analytics cache.
 */
export async function networkHistory(
  app: AppContext,
  profile: Profile,
  request: NetworkHistoryRequest,
  secrets: RequestSecrets,
  lang: string | undefined,
): Promise<Reply> {
  const { platform } = request;
  const resolved = await profileAccount(app, profile.id, platform, 'history');
  if (isSpec(resolved)) return analyticsEnvelope([{ platform, result: refused(resolved) }], (b) => b, lang);
  const objectKey = `history:${request.next ?? ''}:${request.limit}`;
  const result = await throughCache(app, cacheKey(profile.id, resolved.record, objectKey), async () =>
    resolved.analytics.history(
      {
        account: resolved.account,
        limit: request.limit,
        requestSecrets: secretsFor(DECLARATIONS[platform], secrets),
        ...(request.next ? { cursor: request.next } : {}),
        ...(resolved.record.sandbox
          ? { published: await publishedOnAccount(app.pool, profile.id, resolved.record.id) }
          : {}),
      },
      connectorContext(app, platform, resolved.record.id),
    ),
  );
  if (!result.ok) return analyticsEnvelope([{ platform, result }], (b) => b, lang);
  return {
    status: 200,
    body: {
      status: 'success',
      posts: result.body.posts,
      lastUpdated: result.lastUpdated.toISOString(),
      nextUpdate: result.nextUpdate.toISOString(),
      ...(typeof result.body.next === 'string' ? { next: result.body.next } : {}),
    },
  };
}
