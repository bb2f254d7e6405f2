import { HeraldError } from '../../errors/herald-error.ts';
import type { Choice, OAuth2Network } from '../../linking/types.ts';
import { FACEBOOK_LOGIN, graphRead, list, requirePermissions, text } from '../shared/graph-login.ts';
import { PLATFORM_NAME } from './errors.ts';

/**
 * Linking a Facebook Page (Facebook Login, manual flow): www.facebook.com/vXX/dialog/oauth,
 * the code exchanged at graph.facebook.com/vXX/oauth/access_token, the user token made
 * long-lived (fb_exchange_token), then the user picks one of the Pages `/me/accounts`
 * lists. Herald keeps that Page's token: obtained from a long-lived user token, it has
 * no expiry, so nothing needs refreshing. No PKCE: Meta documents it for Limited Login
 * only. A Cancel answers `error=access_denied&error_reason=user_denied`.
 */

const NEEDED = ['pages_show_list', 'pages_manage_posts', 'pages_read_engagement'];

export const facebookLinking: OAuth2Network = {
  kind: 'oauth2',
  platform: 'facebook',
  authorize: FACEBOOK_LOGIN.authorize,
  token: FACEBOOK_LOGIN.token,
  scopes: NEEDED,
  scopeSeparator: ',',
  pkce: false,
  clientAuth: 'post',
  longLived: FACEBOOK_LOGIN.longLived,
  refresh: 'none',
  storedTokenNeverExpires: true,
  async choices(grant, ctx) {
    await requirePermissions(ctx, 'facebook', PLATFORM_NAME, grant.accessToken, NEEDED);
    const answer = await graphRead(ctx, 'facebook', PLATFORM_NAME, grant.accessToken, 'me/accounts', {
      fields: 'id,name,access_token,picture{url},tasks',
      limit: '100',
    });
    const pages: Choice[] = list(answer).flatMap((page) => {
      const id = text(page.id);
      const token = text(page.access_token);
      const tasks = Array.isArray(page.tasks) ? page.tasks : [];
      // Posting needs the CREATE_CONTENT task on the Page.
      if (!id || !token || (tasks.length > 0 && !tasks.includes('CREATE_CONTENT'))) return [];
      const picture = (page.picture as { data?: { url?: unknown } } | undefined)?.data?.url;
      return [
        {
          id,
          name: text(page.name) ?? id,
          kind: 'Page',
          ...(typeof picture === 'string' ? { picture } : {}),
          data: { pageToken: token },
        },
      ];
    });
    if (pages.length === 0) {
      throw new HeraldError({
        code: 666,
        platform: 'facebook',
        params: {
          platformName: PLATFORM_NAME,
          what: 'Facebook Page',
          hint: 'Create a Page, or get a role on one that lets you create content, then connect again.',
        },
      });
    }
    return pages;
  },
  credentials: (_grant, choice) => ({ pageId: choice.id, pageAccessToken: choice.data.pageToken }),
};
