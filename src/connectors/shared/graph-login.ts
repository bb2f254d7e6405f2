import { HeraldError } from '../../errors/herald-error.ts';
import type { LinkingContext } from '../../linking/types.ts';
import type { Platform } from '../../platforms.ts';
import { bearerGet, items, text } from './link-read.ts';
import { isObject } from './wire.ts';

export { text };

/**
 * The few Graph API reads that linking makes with a user's token (Facebook Login and
 * Threads): `/me`, `/me/permissions`, `/me/accounts`.
 */
export async function graphRead(
  ctx: LinkingContext,
  platform: Platform,
  platformName: string,
  token: string,
  path: string,
  params: Record<string, string>,
): Promise<Record<string, unknown>> {
  const url = new URL(`${ctx.apiUrl}/${ctx.apiVersion ?? 'v23.0'}/${path}`);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return bearerGet(ctx, platform, platformName, token, url.href);
}

/** The permissions a user declined (or never granted) among those needed: 664 names them. */
export async function requirePermissions(
  ctx: LinkingContext,
  platform: Platform,
  platformName: string,
  token: string,
  needed: readonly string[],
): Promise<void> {
  const answer = await graphRead(ctx, platform, platformName, token, 'me/permissions', {});
  const granted = new Set(
    (Array.isArray(answer.data) ? answer.data : [])
      .filter(isObject)
      .filter((p) => p.status === 'granted')
      .map((p) => String(p.permission)),
  );
  const missing = needed.filter((p) => !granted.has(p));
  if (missing.length > 0)
    throw new HeraldError({ code: 664, platform, params: { platformName, missing: missing.join(', ') } });
}

export function list(answer: Record<string, unknown>): Record<string, unknown>[] {
  return items(answer, 'data');
}

/** Facebook Login's endpoints (www.facebook.com dialog, graph.facebook.com token), at the Graph version. */
export const FACEBOOK_LOGIN = {
  authorize: {
    origin: 'https://www.facebook.com',
    path: (v: string | undefined) => `/${v ?? 'v23.0'}/dialog/oauth`,
  },
  token: {
    origin: 'https://graph.facebook.com',
    path: (v: string | undefined) => `/${v ?? 'v23.0'}/oauth/access_token`,
  },
  /** The short-lived user token traded for a long-lived one (60 days), whose Page tokens never expire. */
  longLived: {
    path: (v: string | undefined) => `/${v ?? 'v23.0'}/oauth/access_token`,
    params: (grant: { accessToken: string }) => ({
      grant_type: 'fb_exchange_token',
      fb_exchange_token: grant.accessToken,
    }),
    withClientId: true,
  },
} as const;
