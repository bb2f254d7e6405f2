import { HeraldError } from '../../errors/herald-error.ts';
import type { OAuth2Network } from '../../linking/types.ts';
import { bearerGet, text } from '../shared/link-read.ts';
import { PLATFORM_NAME } from './errors.ts';

/**
 * Linking TikTok (Login Kit v2): www.tiktok.com/v2/auth/authorize/ with `client_key`,
 * comma-separated scopes and a PKCE S256 challenge; the code exchanged at
 * open.tiktokapis.com/v2/oauth/token/ (client_key and client_secret in the form) →
 * `{access_token (24 h), refresh_token (365 days), open_id, scope, token_type}`, errors
 * flat (`{error, error_description, log_id}`). Refresh tokens are single-use: each
 * refresh answers a new one, stored in place of the old (one refresh per account at a
 * time, or the account is lost).
 */
export const tiktokLinking: OAuth2Network = {
  kind: 'oauth2',
  platform: 'tiktok',
  authorize: { origin: 'https://www.tiktok.com', path: () => '/v2/auth/authorize/' },
  token: { origin: 'https://open.tiktokapis.com', path: () => '/v2/oauth/token/' },
  scopes: ['user.info.basic', 'video.publish', 'video.upload'],
  scopeSeparator: ',',
  pkce: true,
  clientAuth: 'post-client-key',
  requiredScopes: ['user.info.basic', 'video.publish'],
  refresh: 'refresh-token',
  // Linked with POST /api/accounts and the app's clientKey and clientSecret.
  ownClient: (credentials) => {
    const clientId = typeof credentials.clientKey === 'string' ? credentials.clientKey : '';
    const clientSecret = typeof credentials.clientSecret === 'string' ? credentials.clientSecret : '';
    return clientId && clientSecret ? { clientId, clientSecret } : undefined;
  },
  async choices(grant, ctx) {
    const url = `${ctx.apiUrl}/${ctx.apiVersion ?? 'v2'}/user/info/?fields=open_id,avatar_url,display_name`;
    const answer = await bearerGet(ctx, 'tiktok', PLATFORM_NAME, grant.accessToken, url);
    const user = ((answer.data ?? {}) as { user?: Record<string, unknown> }).user ?? {};
    const openId = text(user.open_id) ?? text(grant.raw.open_id);
    if (!openId) {
      throw new HeraldError({
        code: 665,
        platform: 'tiktok',
        params: { platformName: PLATFORM_NAME },
        details: 'no open_id',
      });
    }
    const picture = text(user.avatar_url);
    return [
      {
        id: openId,
        name: text(user.display_name) ?? openId,
        kind: 'TikTok account',
        ...(picture ? { picture } : {}),
        data: {},
      },
    ];
  },
  credentials: (grant, choice) => ({ accessToken: grant.accessToken, openId: choice.id }),
};
