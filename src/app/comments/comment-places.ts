import { DECLARATIONS } from '../../connectors/declarations.ts';
import { type AccountRecord, listAccounts } from '../../db/accounts.ts';
import { ownedByAnotherProfile } from '../../db/comments.ts';
import { findPost, listTargets, type PostRecord, type TargetRecord } from '../../db/posts.ts';
import type { Profile } from '../../db/profiles.ts';
import type { ErrorSpec } from '../../errors/build.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { unknownPlatformError } from '../../errors/platform-error.ts';
import { isPlatform, type Platform } from '../../platforms.ts';
import type { AppContext } from '../context.ts';

/** Where a comment call acts on one network: the profile's account and the network's post id. */
export interface CommentPlace {
  platform: Platform;
  account: AccountRecord;
  networkPostId: string;
  /** Herald's post and target, when the call names a Herald post. */
  post?: PostRecord;
  target?: TargetRecord;
}

export type PlaceOrRefusal = { ok: true; place: CommentPlace } | { ok: false; error: ErrorSpec };

export type CommentAction = 'comment' | 'get' | 'delete';

/**
 * Seed 288 for TikTok (a post still processing, or one that failed), Herald's 686 for
 * any other network: a post with no live id there is refused before any call.
 */
export function notLive(
  platform: Platform,
  state: string,
  networkPostId: string | null,
  action: CommentAction,
): ErrorSpec | undefined {
  const published = state === 'published' && networkPostId !== null && networkPostId !== 'pending';
  if (published && !(platform === 'tiktok' && networkPostId === 'failed')) return undefined;
  if (platform === 'tiktok') {
    const failed =
      state === 'failed' || state === 'cancelled' || state === 'deleted' || networkPostId === 'failed';
    return { code: 288, platform, action, ...(failed ? { variant: 'failed' } : {}) };
  }
  return { code: 686, platform, action, params: { platformName: DECLARATIONS[platform].name, state } };
}

function platformOf(value: string): Platform {
  if (!isPlatform(value)) throw new HeraldError(unknownPlatformError(value));
  return value;
}

/** The platforms a call names (`platform` or `platforms`), each a known network. */
export function namedPlatforms(
  platforms: readonly string[] | undefined,
  platform: string | undefined,
): Platform[] | undefined {
  const named = [...(platforms ?? []), ...(platform ? [platform] : [])];
  return named.length > 0 ? [...new Set(named.map(platformOf))] : undefined;
}

/**
 * The places a call names. A Herald post id (of this profile; 607 otherwise) gives one
 * place per network of the post (or of `platforms`); with `searchPlatformId` the id is the
 * network's own, on exactly one platform, acted on with this profile's account there. A
 * network id that belongs to another profile's post or comment in Herald is 607 as well.
 */
export async function commentPlaces(
  app: AppContext,
  profile: Profile,
  input: { id: string; platforms: Platform[] | undefined; searchPlatformId: boolean; action: CommentAction },
): Promise<PlaceOrRefusal[]> {
  const accounts = await listAccounts(app.pool, profile.id);
  if (input.searchPlatformId) {
    const [platform] = input.platforms ?? [];
    if (!platform || (input.platforms?.length ?? 0) !== 1) {
      throw new HeraldError({
        code: 604,
        params: { problem: 'searchPlatformId needs exactly one platform' },
      });
    }
    if (await ownedByAnotherProfile(app.pool, profile.id, platform, input.id)) {
      throw new HeraldError({
        code: 607,
        params: { what: `${DECLARATIONS[platform].name} id ${input.id.slice(0, 64)}` },
      });
    }
    return [placeOn(platform, accounts, input.id, input.action)];
  }
  const post = await findPost(app.pool, profile.id, input.id);
  if (!post) throw new HeraldError({ code: 607, params: { what: `Post ${input.id.slice(0, 64)}` } });
  const targets = await listTargets(app.pool, [post.id]);
  const wanted = [...(input.platforms ?? targets.map((t) => t.platform))].sort();
  return wanted.map((platform) => {
    const target = targets.find((t) => t.platform === platform);
    const name = DECLARATIONS[platform].name;
    if (!DECLARATIONS[platform].comments)
      return {
        ok: false,
        error: { code: 685, platform, action: input.action, params: { platformName: name } },
      };
    if (!target) {
      return {
        ok: false,
        error: {
          code: 686,
          platform,
          action: input.action,
          params: { platformName: name, state: 'not sent there' },
        },
      };
    }
    const refused = notLive(platform, target.state, target.networkPostId, input.action);
    if (refused) return { ok: false, error: refused };
    const placed = placeOn(platform, accounts, target.networkPostId as string, input.action);
    return placed.ok ? { ok: true, place: { ...placed.place, post, target } } : placed;
  });
}

function placeOn(
  platform: Platform,
  accounts: readonly AccountRecord[],
  networkPostId: string,
  action: CommentAction,
): PlaceOrRefusal {
  const params = { platformName: DECLARATIONS[platform].name };
  if (!DECLARATIONS[platform].comments) return { ok: false, error: { code: 685, platform, action, params } };
  if (platform === 'tiktok' && (networkPostId === 'pending' || networkPostId === 'failed')) {
    return { ok: false, error: notLive(platform, 'published', networkPostId, action) as ErrorSpec };
  }
  const account = accounts.find((a) => a.platform === platform);
  if (!account) return { ok: false, error: { code: 156, platform, action, params } };
  return { ok: true, place: { platform, account, networkPostId } };
}
