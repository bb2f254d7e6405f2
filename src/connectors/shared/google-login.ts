import type { OAuth2Network } from '../../linking/types.ts';

/**
 * Google's OAuth 2.0 for web server apps: accounts.google.com/o/oauth2/v2/auth with
 * access_type=offline and prompt=consent (so a refresh token comes back every time),
 * PKCE S256, and oauth2.googleapis.com/token (client secret in the form). Access tokens
 * last an hour (`expires_in` 3599) and are refreshed with the refresh token, which
 * Google does not rotate; a revoked one answers 400 `invalid_grant`. Cancel answers
 * `error=access_denied`. Users may untick scopes (granular consent): the answer's
 * `scope` says what was granted.
 */
export const GOOGLE_LOGIN: Pick<
  OAuth2Network,
  'authorize' | 'token' | 'issuer' | 'scopeSeparator' | 'pkce' | 'clientAuth' | 'authorizeParams' | 'refresh'
> = {
  authorize: { origin: 'https://accounts.google.com', path: () => '/o/oauth2/v2/auth' },
  token: { origin: 'https://oauth2.googleapis.com', path: () => '/token' },
  issuer: 'https://accounts.google.com',
  scopeSeparator: ' ',
  pkce: true,
  clientAuth: 'post',
  authorizeParams: { access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' },
  refresh: 'refresh-token',
};
