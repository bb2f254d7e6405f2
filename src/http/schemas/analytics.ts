import { Type } from 'typebox';
import { HeraldError } from '../../errors/herald-error.ts';
import { unknownPlatformError } from '../../errors/platform-error.ts';
import { isPlatform, PLATFORMS, type Platform } from '../../platforms.ts';
import { Unsupported } from './unsupported.ts';

const PlatformList = (what: string) =>
  Type.Array(Type.String({ maxLength: 64 }), {
    maxItems: PLATFORMS.length,
    description: `${what}: ${PLATFORMS.join(', ')}.`,
  });

/** Ayrshare's POST /analytics/post body. */
export const AnalyticsPostBody = Type.Object({
  id: Type.String({
    minLength: 1,
    maxLength: 512,
    description:
      'Herald’s post id; with searchPlatformId: true, the network’s own id of a post (made through Herald or not).',
  }),
  platforms: Type.Optional(PlatformList('Networks to measure (default: every network the post was sent to)')),
  searchPlatformId: Type.Optional(
    Type.Boolean({ description: '`id` is the network’s id of a post on the one platform named.' }),
  ),
  postIds: Type.Optional(Unsupported('several network ids in one call')),
});

/** Ayrshare's POST /analytics/social body. */
export const AnalyticsSocialBody = Type.Object({
  platforms: Type.Array(Type.String({ maxLength: 64 }), {
    minItems: 1,
    maxItems: PLATFORMS.length,
    description: `Networks whose linked account to measure: ${PLATFORMS.join(', ')}.`,
  }),
  userId: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, description: 'X only: another account by its numeric id.' }),
  ),
  userName: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, description: 'X only: another account by its handle.' }),
  ),
  quarters: Type.Optional(Unsupported('metrics per quarter')),
  daily: Type.Optional(Unsupported('daily series')),
  period60Days: Type.Optional(Unsupported('TikTok 60-day totals')),
  youtube: Type.Optional(Unsupported('YouTube lifetime likes')),
});

export const UNSUPPORTED_SOCIAL_FIELDS = ['quarters', 'daily', 'period60Days', 'youtube'] as const;

/** Platform ids as sent, checked: 605 names an unknown one (604 for a network Herald does not offer). */
export function platformsOf(values: readonly string[] | undefined): Platform[] | undefined {
  if (values === undefined) return undefined;
  for (const value of values) if (!isPlatform(value)) throw new HeraldError(unknownPlatformError(value));
  return values as Platform[];
}
