import type { OAuth2Network, OwnClient } from '../../linking/types.ts';
import { GOOGLE_TOKEN_URL } from './google-token.ts';

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
  | 'authorize'
  | 'token'
  | 'issuer'
  | 'scopeSeparator'
  | 'pkce'
  | 'clientAuth'
  | 'authorizeParams'
  | 'refresh'
  | 'ownClient'
> = {
  authorize: { origin: 'https://accounts.google.com', path: () => '/o/oauth2/v2/auth' },
  token: { origin: 'https://oauth2.googleapis.com', path: () => '/token' },
  issuer: 'https://accounts.google.com',
  scopeSeparator: ' ',
  pkce: true,
  clientAuth: 'post',
  authorizeParams: { access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' },
  refresh: 'refresh-token',
  // Linked with POST /api/accounts and the user's own OAuth client (clientId, clientSecret, tokenUrl).
  ownClient: (credentials) => {
    const clientId = field(credentials, 'clientId');
    const clientSecret = field(credentials, 'clientSecret');
    if (!clientId || !clientSecret) return undefined;
    const tokenUrl = field(credentials, 'tokenUrl');
    const own: OwnClient = { clientId, clientSecret };
    if (tokenUrl && tokenUrl !== GOOGLE_TOKEN_URL) own.tokenUrl = tokenUrl;
    return own;
  },
};

function field(credentials: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = credentials[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
