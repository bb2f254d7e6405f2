import type { PostAnalyticsInput } from '../../connectors/analytics-types.ts';
import { DECLARATIONS } from '../../connectors/declarations.ts';
import { findPost, listTargets, type TargetRecord } from '../../db/posts.ts';
import type { Profile } from '../../db/profiles.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import type { Platform } from '../../platforms.ts';
import { connectorContext } from '../connectors.ts';
import type { AppContext } from '../context.ts';
import type { Reply } from '../post-responses.ts';
import { type RequestSecrets, secretsFor } from '../request-secrets.ts';
import { analyticsEnvelope, type NetworkPart, refused } from './envelope.ts';
import { type AnalyticsAccount, cacheKey, isSpec, profileAccount, targetAccount } from './network-account.ts';
import { type CallResult, throughCache } from './through-cache.ts';

export interface PostAnalyticsRequest {
  id: string;
  platforms?: readonly Platform[];
  /** `id` is the network's own id of a post (made through Herald or not), on the one platform named. */
  searchPlatformId?: boolean;
}

/** `{id, postUrl, analytics}` as stored; the envelope adds the two times. */
const shape = (body: Record<string, unknown>) => body;

function measure(
  app: AppContext,
  profile: Profile,
  target: AnalyticsAccount,
  input: Omit<PostAnalyticsInput, 'account' | 'requestSecrets'>,
  secrets: RequestSecrets,
): Promise<CallResult> {
  const platform = target.record.platform;
  return throughCache(app, cacheKey(profile.id, target.record, `post:${input.id}`), () =>
    target.analytics.post(
      {
        ...input,
        account: target.account,
        requestSecrets: secretsFor(DECLARATIONS[platform], secrets),
      },
      connectorContext(app, platform, target.record.id),
    ),
  );
}

async function publishedPart(
  app: AppContext,
  profile: Profile,
  platform: Platform,
  target: TargetRecord | undefined,
  text: string,
  secrets: RequestSecrets,
): Promise<NetworkPart> {
  const platformName = DECLARATIONS[platform].name;
  if (!target)
    return {
      platform,
      result: refused({ code: 681, variant: 'notSent', platform, params: { platformName } }),
    };
  if (target.state !== 'published' || !target.networkPostId) {
    return {
      platform,
      result: refused({ code: 681, platform, params: { platformName, state: target.state } }),
    };
  }
  const resolved = await targetAccount(app, profile.id, platform, target.accountId);
  if (isSpec(resolved)) return { platform, result: refused(resolved) };
  const published = {
    text,
    postUrl: target.postUrl ?? '',
    created: (target.publishedAt ?? target.updatedAt).toISOString(),
  };
  // A post the network holds as several (an X thread) answers one result per part.
  const parts = resolved.analytics.threadIds?.(target.progress) ?? [];
  if (parts.length > 1) {
    const results: CallResult[] = [];
    for (const id of parts) results.push(await measure(app, profile, resolved, { id, published }, secrets));
    return { platform, result: results };
  }
  return {
    platform,
    result: await measure(app, profile, resolved, { id: target.networkPostId, published }, secrets),
  };
}

/**
 * POST /api/analytics/post: the metrics of a Herald post on each network it was published
 * to (or those named), or of a network's own post id on one network (`searchPlatformId`).
 * Every answer goes through the cache, so repeated calls do not spend the network's limits.
 */
export async function postAnalytics(
  app: AppContext,
  profile: Profile,
  request: PostAnalyticsRequest,
  secrets: RequestSecrets,
  lang: string | undefined,
): Promise<Reply> {
  if (request.searchPlatformId) {
    const [platform, ...others] = request.platforms ?? [];
    if (!platform || others.length > 0)
      throw new HeraldError({
        code: 604,
        params: { problem: 'searchPlatformId: true needs exactly one platform in platforms' },
      });
    const resolved = await profileAccount(app, profile.id, platform);
    const result = isSpec(resolved)
      ? refused(resolved)
      : await measure(app, profile, resolved, { id: request.id }, secrets);
    return analyticsEnvelope([{ platform, result }], shape, lang, request.id);
  }
  const post = await findPost(app.pool, profile.id, request.id);
  if (!post) throw new HeraldError({ code: 607, params: { what: `Post ${request.id.slice(0, 64)}` } });
  const targets = await listTargets(app.pool, [post.id]);
  const platforms = request.platforms ?? post.platforms;
  const parts: NetworkPart[] = [];
  for (const platform of [...new Set(platforms)]) {
    const target = targets.find((t) => t.platform === platform);
    parts.push(await publishedPart(app, profile, platform, target, post.text, secrets));
  }
  return analyticsEnvelope(parts, shape, lang, post.id);
}
