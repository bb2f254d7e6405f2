import { generateKeyPair, SignJWT } from 'jose';
import type { Reply } from '../http.ts';
import type { FakeUser } from './authorization-server.ts';

/**
 * Each network's OAuth 2.0 flow shape, from its own documentation: where its endpoints
 * are, how the client authenticates, what the token endpoint answers (fields, token
 * type, scope format), how it refuses, and what its consent page's Cancel sends back.
 */

export interface TokenInput {
  accessToken: string;
  refreshToken?: string | undefined;
  scopes: string[];
  user: FakeUser;
  via: string;
  clientId: string;
}

export interface GetExchange {
  path: string;
  grantType: string;
  /** The query parameter holding the token to trade. */
  tokenParam: string;
  needsSecret: boolean;
  expiresIn: number;
}

export interface OAuthShape {
  name: string;
  clientId: string;
  authorizePath: string;
  tokenPath: string;
  clientAuth: 'post' | 'basic' | 'post-client-key';
  pkce: 'required' | 'supported' | 'unsupported';
  scopeSeparator: ' ' | ',';
  /** Redirect URIs the app registered (checked exactly, as every network does). */
  redirectUris: ((uri: string) => boolean)[];
  issuesRefreshToken: boolean;
  refreshGrant: boolean;
  /** The refresh token is single-use: each refresh answers a new one (TikTok). */
  refreshRotates: boolean;
  tokenPrefix: string;
  refreshPrefix: string;
  codePrefix: string;
  /** What Cancel on the consent page sends back in the redirect. */
  cancelError: Record<string, string>;
  badCodeDescription: string;
  badRefreshDescription: string;
  tokenAnswer(input: TokenInput): Record<string, unknown> | Promise<Record<string, unknown>>;
  tokenError(error: string, description: string, status?: number): Reply;
  /** Extra callback parameters (TikTok's `scopes`). */
  callbackExtras?(scopes: string[]): Record<string, string>;
  getExchanges?: GetExchange[];
}

/** Flat OAuth errors, `{error, error_description}` (RFC 6749 §5.2): LinkedIn, Google, Pinterest's OAuth... */
function flatError(error: string, description: string, status = 400): Reply {
  return { status, body: { error, error_description: description } };
}

/** Any redirect URI under this Herald's callback path (the test sets HERALD_PUBLIC_URL). */
export function callbackOf(network: string): (uri: string) => boolean {
  return (uri) =>
    /^https?:\/\/[^/]+\/connect\/callback\//.test(uri) && uri.endsWith(`/connect/callback/${network}`);
}

const linkedinKeys = generateKeyPair('RS256');

/**
 * LinkedIn (Authorization Code Flow, 3-legged): /oauth/v2/authorization and
 * /oauth/v2/accessToken on www.linkedin.com, client_id and client_secret in the form,
 * no PKCE for web apps. The answer has no token_type: `{access_token, expires_in
 * (5184000: 60 days), scope, id_token (with openid)}`; refresh tokens only for approved
 * partners. Cancel redirects with `error=user_cancelled_authorize`. A bad or reused code
 * is 400 invalid_request "Unable to retrieve access token: ...".
 */
export function linkedinShape(options: { partnerRefresh?: boolean } = {}): OAuthShape {
  return {
    name: 'LinkedIn',
    clientId: '78linkedinfake',
    authorizePath: '/oauth/v2/authorization',
    tokenPath: '/oauth/v2/accessToken',
    clientAuth: 'post',
    pkce: 'unsupported',
    scopeSeparator: ' ',
    redirectUris: [callbackOf('linkedin')],
    issuesRefreshToken: options.partnerRefresh === true,
    refreshGrant: options.partnerRefresh === true,
    refreshRotates: false,
    tokenPrefix: 'AQV',
    refreshPrefix: 'AQX',
    codePrefix: 'AQT',
    cancelError: {
      error: 'user_cancelled_authorize',
      error_description: 'The user cancelled the authorization',
    },
    badCodeDescription:
      'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired. Or external member binding exists',
    badRefreshDescription: 'The provided refresh token is invalid or expired',
    async tokenAnswer({ accessToken, refreshToken, scopes, user, clientId }) {
      const answer: Record<string, unknown> = {
        access_token: accessToken,
        expires_in: 5_184_000,
        scope: scopes.join(','),
      };
      if (refreshToken) {
        answer.refresh_token = refreshToken;
        answer.refresh_token_expires_in = 31_536_000;
      }
      if (scopes.includes('openid')) {
        const { privateKey } = await linkedinKeys;
        answer.id_token = await new SignJWT({ name: user.name, given_name: user.name.split(' ')[0] })
          .setProtectedHeader({ alg: 'RS256', kid: 'fake-linkedin' })
          .setIssuer('https://www.linkedin.com/oauth')
          .setAudience(clientId)
          .setSubject(user.id)
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(privateKey);
      }
      return answer;
    },
    tokenError: (error, description, status) =>
      flatError(error === 'invalid_grant' ? 'invalid_request' : error, description, status ?? 400),
  };
}

/** Meta's Graph error envelope, which its OAuth endpoints answer too. */
function metaError(code: number, message: string, subcode?: number): Reply {
  return {
    status: 400,
    body: {
      error: {
        message,
        type: 'OAuthException',
        code,
        ...(subcode ? { error_subcode: subcode } : {}),
        fbtrace_id: 'AbCdEfGhIjK',
      },
    },
  };
}

/**
 * Facebook Login (manual flow): www.facebook.com/vXX/dialog/oauth, then
 * graph.facebook.com/vXX/oauth/access_token → `{access_token, token_type: "bearer",
 * expires_in}`; errors in Graph's `{error: {message, type, code, error_subcode}}` (a used
 * code: 100/36009). Cancel: `error_reason=user_denied&error=access_denied&error_description=Permissions+error.`
 * The long-lived exchange is a GET on the same path with grant_type=fb_exchange_token.
 */
export function facebookShape(version = 'v23.0'): OAuthShape {
  return {
    name: 'Facebook',
    clientId: '1234567890123456',
    authorizePath: `/${version}/dialog/oauth`,
    tokenPath: `/${version}/oauth/access_token`,
    clientAuth: 'post',
    pkce: 'unsupported',
    scopeSeparator: ',',
    redirectUris: [callbackOf('facebook'), callbackOf('instagram')],
    issuesRefreshToken: false,
    refreshGrant: false,
    refreshRotates: false,
    tokenPrefix: 'EAAG',
    refreshPrefix: '',
    codePrefix: 'AQD',
    cancelError: {
      error_reason: 'user_denied',
      error: 'access_denied',
      error_description: 'Permissions error.',
    },
    badCodeDescription: 'This authorization code has been used.',
    badRefreshDescription: '',
    tokenAnswer: ({ accessToken }) => ({ access_token: accessToken, token_type: 'bearer', expires_in: 6399 }),
    tokenError: (error, description) =>
      error === 'invalid_grant'
        ? metaError(100, description, 36009)
        : error === 'invalid_client'
          ? metaError(1, 'Error validating client secret.')
          : metaError(100, description),
    getExchanges: [
      {
        path: `/${version}/oauth/access_token`,
        grantType: 'fb_exchange_token',
        tokenParam: 'fb_exchange_token',
        needsSecret: true,
        expiresIn: 5_183_944,
      },
    ],
  };
}

/**
 * Threads' own OAuth: threads.net/oauth/authorize, POST graph.threads.net/oauth/access_token
 * → `{access_token, user_id}` (short-lived, no token_type); GET /access_token
 * (th_exchange_token, with client_secret) and GET /refresh_access_token (th_refresh_token)
 * → `{access_token, token_type: "bearer", expires_in: 5183944}`. Errors as Graph's.
 */
export function threadsShape(): OAuthShape {
  return {
    name: 'Threads',
    clientId: '987654321098765',
    authorizePath: '/oauth/authorize',
    tokenPath: '/oauth/access_token',
    clientAuth: 'post',
    pkce: 'unsupported',
    scopeSeparator: ',',
    redirectUris: [callbackOf('threads')],
    issuesRefreshToken: false,
    refreshGrant: false,
    refreshRotates: false,
    tokenPrefix: 'THQVJ',
    refreshPrefix: '',
    codePrefix: 'AQB',
    cancelError: {
      error_reason: 'user_denied',
      error: 'access_denied',
      error_description: 'Permissions error.',
    },
    badCodeDescription: 'Invalid verification code format.',
    badRefreshDescription: '',
    tokenAnswer: ({ accessToken, user }) => ({ access_token: accessToken, user_id: Number(user.id) }),
    tokenError: (error, description) =>
      error === 'invalid_client'
        ? metaError(1, 'Error validating client secret.')
        : metaError(100, description),
    getExchanges: [
      {
        path: '/access_token',
        grantType: 'th_exchange_token',
        tokenParam: 'access_token',
        needsSecret: true,
        expiresIn: 5_183_944,
      },
      {
        path: '/refresh_access_token',
        grantType: 'th_refresh_token',
        tokenParam: 'access_token',
        needsSecret: false,
        expiresIn: 5_183_944,
      },
    ],
  };
}

/**
 * Google (OAuth 2.0 for web server apps): /o/oauth2/v2/auth (PKCE S256 taken), POST
 * /token → `{access_token, expires_in: 3599, refresh_token (with access_type=offline),
 * scope (space-separated URLs), token_type: "Bearer"}`; refresh answers no new refresh
 * token; errors flat, a revoked refresh token 400 `invalid_grant` "Token has been
 * expired or revoked.". Cancel: `error=access_denied`.
 */
export function googleShape(network: 'youtube' | 'gmb'): OAuthShape {
  return {
    name: 'Google',
    clientId: '1234567890-fake.apps.googleusercontent.com',
    authorizePath: '/o/oauth2/v2/auth',
    tokenPath: '/token',
    clientAuth: 'post',
    pkce: 'supported',
    scopeSeparator: ' ',
    redirectUris: [callbackOf(network)],
    issuesRefreshToken: true,
    refreshGrant: true,
    refreshRotates: false,
    tokenPrefix: 'ya29.',
    refreshPrefix: '1//',
    codePrefix: '4/0A',
    cancelError: { error: 'access_denied' },
    badCodeDescription: 'Malformed auth code.',
    badRefreshDescription: 'Token has been expired or revoked.',
    tokenAnswer: ({ accessToken, refreshToken, scopes, via }) => ({
      access_token: accessToken,
      expires_in: 3599,
      ...(refreshToken && via === 'authorization_code' ? { refresh_token: refreshToken } : {}),
      scope: scopes.join(' '),
      token_type: 'Bearer',
    }),
    tokenError: (error, description, status) => flatError(error, description, status ?? 400),
  };
}

/**
 * TikTok (Login Kit v2): /v2/auth/authorize/ with client_key, PKCE; POST
 * /v2/oauth/token/ (client_key, client_secret in the form) → `{access_token, expires_in:
 * 86400, open_id, refresh_expires_in: 31536000, refresh_token, scope (comma-separated),
 * token_type: "Bearer"}`; refresh tokens single-use (rotated); errors flat with log_id.
 */
export function tiktokShape(): OAuthShape {
  return {
    name: 'TikTok',
    clientId: 'awfaketiktokclientkey',
    authorizePath: '/v2/auth/authorize/',
    tokenPath: '/v2/oauth/token/',
    clientAuth: 'post-client-key',
    pkce: 'required',
    scopeSeparator: ',',
    redirectUris: [callbackOf('tiktok')],
    issuesRefreshToken: true,
    refreshGrant: true,
    refreshRotates: true,
    tokenPrefix: 'act.',
    refreshPrefix: 'rft.',
    codePrefix: 'code-',
    cancelError: { error: 'access_denied', error_description: 'The user denied the authorization request.' },
    badCodeDescription: 'Authorization code is expired.',
    badRefreshDescription: 'Refresh token is invalid or expired.',
    tokenAnswer: ({ accessToken, refreshToken, scopes, user }) => ({
      access_token: accessToken,
      expires_in: 86_400,
      open_id: user.id,
      refresh_expires_in: 31_536_000,
      refresh_token: refreshToken,
      scope: scopes.join(','),
      token_type: 'Bearer',
    }),
    tokenError: (error, description, status) => ({
      status: status ?? 400,
      body: { error, error_description: description, log_id: '20260101000000FAKE' },
    }),
    callbackExtras: (scopes) => ({ scopes: scopes.join(',') }),
  };
}

/**
 * Reddit: /api/v1/authorize (duration=permanent), POST /api/v1/access_token with HTTP
 * Basic → `{access_token, token_type: "bearer", expires_in: 3600, scope (space-separated),
 * refresh_token}`; errors `{error: "invalid_grant"}`. Cancel: `error=access_denied`.
 */
export function redditShape(): OAuthShape {
  return {
    name: 'Reddit',
    clientId: 'fakeRedditClient',
    authorizePath: '/api/v1/authorize',
    tokenPath: '/api/v1/access_token',
    clientAuth: 'basic',
    pkce: 'unsupported',
    scopeSeparator: ' ',
    redirectUris: [callbackOf('reddit')],
    issuesRefreshToken: true,
    refreshGrant: true,
    refreshRotates: false,
    tokenPrefix:
      'eyJhbGciOiJSUzI1NiIsImtpZCI6IlNIQTI1NjpzS3dsMnlsV0VtMjVmcXhwTU40cWY4MXE2OWFFdWFyMnpLMUdhVGxjdWNZIiwidHlwIjoiSldUIn0.',
    refreshPrefix: '1234567-',
    codePrefix: 'rc',
    cancelError: { error: 'access_denied' },
    badCodeDescription: '',
    badRefreshDescription: '',
    tokenAnswer: ({ accessToken, refreshToken, scopes, via }) => ({
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: 3600,
      scope: scopes.join(' '),
      ...(refreshToken && via === 'authorization_code' ? { refresh_token: refreshToken } : {}),
    }),
    tokenError: (error, _description, status) => ({ status: status ?? 400, body: { error } }),
  };
}

/**
 * Pinterest: www.pinterest.com/oauth/, POST api.pinterest.com/v5/oauth/token with HTTP
 * Basic → `{access_token, refresh_token, response_type, token_type: "bearer", expires_in:
 * 2592000, refresh_token_expires_in: 31536000, scope (space-separated)}`; errors
 * `{code, message}`.
 */
export function pinterestShape(): OAuthShape {
  return {
    name: 'Pinterest',
    clientId: '1500000',
    authorizePath: '/oauth/',
    tokenPath: '/v5/oauth/token',
    clientAuth: 'basic',
    pkce: 'unsupported',
    scopeSeparator: ',',
    redirectUris: [callbackOf('pinterest')],
    issuesRefreshToken: true,
    refreshGrant: true,
    refreshRotates: false,
    tokenPrefix: 'pina_',
    refreshPrefix: 'pinr_',
    codePrefix: 'pinc_',
    cancelError: { error: 'access_denied' },
    badCodeDescription: 'Invalid authorization code',
    badRefreshDescription: 'Invalid refresh token',
    tokenAnswer: ({ accessToken, refreshToken, scopes, via }) => ({
      access_token: accessToken,
      ...(refreshToken && via === 'authorization_code' ? { refresh_token: refreshToken } : {}),
      response_type: via === 'authorization_code' ? 'authorization_code' : 'refresh_token',
      token_type: 'bearer',
      expires_in: 2_592_000,
      ...(via === 'authorization_code' ? { refresh_token_expires_in: 31_536_000 } : {}),
      scope: scopes.join(' '),
    }),
    tokenError: (_error, description, status) => ({
      status: status ?? 400,
      body: { code: status === 401 ? 2 : 1, message: description },
    }),
  };
}

/**
 * A Mastodon instance's own OAuth (Doorkeeper): /oauth/authorize (PKCE S256 taken since
 * 4.3), POST /oauth/token → `{access_token, token_type: "Bearer", scope, created_at}` (no
 * expiry, no refresh token); errors flat, invalid_grant with Doorkeeper's description.
 * Apps are registered per instance with POST /api/v1/apps.
 */
export function mastodonShape(): OAuthShape {
  return {
    name: 'Mastodon',
    clientId: 'unregistered',
    authorizePath: '/oauth/authorize',
    tokenPath: '/oauth/token',
    clientAuth: 'post',
    pkce: 'supported',
    scopeSeparator: ' ',
    redirectUris: [callbackOf('mastodon')],
    issuesRefreshToken: false,
    refreshGrant: false,
    refreshRotates: false,
    tokenPrefix: 'ZA-',
    refreshPrefix: '',
    codePrefix: 'mc-',
    cancelError: {
      error: 'access_denied',
      error_description: 'The resource owner or authorization server denied the request.',
    },
    badCodeDescription:
      'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
    badRefreshDescription: '',
    tokenAnswer: ({ accessToken, scopes }) => ({
      access_token: accessToken,
      token_type: 'Bearer',
      scope: scopes.join(' '),
      created_at: Math.floor(Date.now() / 1000),
    }),
    tokenError: (error, description, status) => flatError(error, description, status ?? 400),
  };
}
