import { HeraldError } from '../../errors/herald-error.ts';
import type { Choice, OAuth2Network } from '../../linking/types.ts';
import { FACEBOOK_LOGIN, graphRead, list, requirePermissions, text } from '../shared/graph-login.ts';
import { PLATFORM_NAME } from './errors.ts';

/**
 * Linking Instagram through Facebook Login (the Instagram Graph API's way): the same
 * dialog and long-lived exchange as Facebook, then the Instagram professional account
 * connected to each Page the user manages (`/me/accounts` with
 * `instagram_business_account`). Herald posts with that Page's token (no expiry).
 */

const NEEDED = ['instagram_basic', 'instagram_content_publish', 'pages_show_list', 'pages_read_engagement'];

export const instagramLinking: OAuth2Network = {
  kind: 'oauth2',
  platform: 'instagram',
  authorize: FACEBOOK_LOGIN.authorize,
  token: FACEBOOK_LOGIN.token,
  scopes: [...NEEDED, 'business_management'],
  scopeSeparator: ',',
  pkce: false,
  clientAuth: 'post',
  longLived: FACEBOOK_LOGIN.longLived,
  refresh: 'none',
  storedTokenNeverExpires: true,
  async choices(grant, ctx) {
    await requirePermissions(ctx, 'instagram', PLATFORM_NAME, grant.accessToken, NEEDED);
    const answer = await graphRead(ctx, 'instagram', PLATFORM_NAME, grant.accessToken, 'me/accounts', {
      fields: 'id,name,access_token,instagram_business_account{id,username,name,profile_picture_url}',
      limit: '100',
    });
    const accounts: Choice[] = list(answer).flatMap((page) => {
      const ig = page.instagram_business_account as Record<string, unknown> | undefined;
      const id = text(ig?.id);
      const token = text(page.access_token);
      if (!id || !token) return [];
      const username = text(ig?.username);
      const picture = text(ig?.profile_picture_url);
      return [
        {
          id,
          name: text(ig?.name) ?? username ?? id,
          kind: `Instagram account of the Page ${text(page.name) ?? ''}`.trim(),
          ...(username ? { username: `@${username}` } : {}),
          ...(picture ? { picture } : {}),
          data: { pageToken: token },
        },
      ];
    });
    if (accounts.length === 0) {
      throw new HeraldError({
        code: 666,
        platform: 'instagram',
        params: {
          platformName: PLATFORM_NAME,
          what: 'Instagram professional account',
          hint: 'Connect an Instagram business or creator account to a Facebook Page you manage, then connect again.',
        },
      });
    }
    return accounts;
  },
  credentials: (_grant, choice) => ({ igUserId: choice.id, accessToken: choice.data.pageToken }),
};
