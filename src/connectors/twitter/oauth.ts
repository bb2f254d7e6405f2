import type { OAuth1Network } from '../../linking/types.ts';
import { API_KEY_HEADER, API_SECRET_HEADER } from './byo-keys.ts';

/**
 * Linking X: OAuth 1.0a three-legged with the developer's own app (its keys given to
 * generateJWT, as Ayrshare does): POST api.x.com/oauth/request_token (signed with the
 * app's keys and oauth_callback) → `oauth_token`, `oauth_token_secret`,
 * `oauth_callback_confirmed=true`; the user authorizes at api.x.com/oauth/authorize;
 * X sends back `oauth_token` and `oauth_verifier` (or `denied=` when they cancel); POST
 * api.x.com/oauth/access_token trades them for the account's token and secret.
 */
export const twitterLinking: OAuth1Network = {
  kind: 'oauth1',
  platform: 'twitter',
  requestToken: { origin: 'https://api.x.com', path: () => '/oauth/request_token' },
  authorize: { origin: 'https://api.x.com', path: () => '/oauth/authorize' },
  accessToken: { origin: 'https://api.x.com', path: () => '/oauth/access_token' },
  keyHeaders: { key: API_KEY_HEADER, secret: API_SECRET_HEADER },
};
