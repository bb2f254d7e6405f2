import type { OAuth2Network } from '../../linking/types.ts';
import { bearerGet, text } from '../shared/link-read.ts';
import { PLATFORM_NAME } from './errors.ts';

/** Reddit refuses generic agents; its token endpoint too. */
const USER_AGENT = 'herald:connect:0.1.0 (account linking)';

/**
 * Linking Reddit: www.reddit.com/api/v1/authorize with `duration=permanent` (else no
 * refresh token) and space-separated scopes; the code exchanged at
 * www.reddit.com/api/v1/access_token with HTTP Basic (client id and secret), a
 * descriptive User-Agent on every call. No PKCE (Reddit does not document it). Access
 * tokens last an hour (`expires_in`), renewed with the refresh token.
 */
export const redditLinking: OAuth2Network = {
  kind: 'oauth2',
  platform: 'reddit',
  authorize: { origin: 'https://www.reddit.com', path: () => '/api/v1/authorize' },
  token: { origin: 'https://www.reddit.com', path: () => '/api/v1/access_token' },
  scopes: ['identity', 'submit', 'edit', 'read'],
  scopeSeparator: ' ',
  pkce: false,
  clientAuth: 'basic',
  authorizeParams: { duration: 'permanent' },
  tokenHeaders: { 'user-agent': USER_AGENT },
  requiredScopes: ['identity', 'submit'],
  refresh: 'refresh-token',
  // Linked with POST /api/accounts and the app's clientId (and clientSecret: empty for an installed app).
  ownClient: (credentials) => {
    const clientId = typeof credentials.clientId === 'string' ? credentials.clientId : '';
    const clientSecret = typeof credentials.clientSecret === 'string' ? credentials.clientSecret : '';
    return clientId ? { clientId, clientSecret } : undefined;
  },
  async choices(grant, ctx) {
    const me = await bearerGet(ctx, 'reddit', PLATFORM_NAME, grant.accessToken, `${ctx.apiUrl}/api/v1/me`, {
      'user-agent': USER_AGENT,
    });
    const name = text(me.name) ?? 'redditor';
    const picture = text(me.icon_img)?.split('?')[0];
    return [
      { id: name, name: `u/${name}`, kind: 'Reddit account', ...(picture ? { picture } : {}), data: {} },
    ];
  },
  credentials: (grant) => ({ accessToken: grant.accessToken }),
};
