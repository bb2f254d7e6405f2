import * as oauth from 'oauth4webapi';
import type { ErrorSpec } from '../errors/build.ts';
import type { Endpoint, Grant, OAuth2Network } from './types.ts';

/**
 * The one OAuth 2.0 module: authorization requests, code exchange and refresh for every
 * network, on oauth4webapi (state, PKCE S256, response checks and token parsing are the
 * library's). A network is data (`OAuth2Network`); this file only wires it in.
 */

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** Replaces the origin of the authorize and token endpoints (HERALD_<NETWORK>_AUTH_URL). */
  authUrl?: string;
  /** API version where endpoints carry one (Meta's Graph API). */
  version?: string;
}

export function endpointUrl(endpoint: Endpoint, client: Pick<OAuthClient, 'authUrl' | 'version'>): string {
  return `${client.authUrl ?? endpoint.origin}${endpoint.path(client.version)}`;
}

function serverOf(network: OAuth2Network, client: OAuthClient): oauth.AuthorizationServer {
  const token = endpointUrl(network.token, client);
  return {
    issuer: network.issuer ?? new URL(token).origin,
    authorization_endpoint: endpointUrl(network.authorize, client),
    token_endpoint: token,
  };
}

function clientAuthOf(network: OAuth2Network, client: OAuthClient): oauth.ClientAuth {
  // HTTP Basic as Reddit and Pinterest document it: base64 of `client_id:client_secret` as
  // they are. (The library form-encodes both first, as RFC 6749 §2.3.1 asks, which turns the
  // `-` and `_` of their client ids into %2D/%5F that these servers do not decode.) Reddit's
  // installed apps have an empty secret.
  if (network.clientAuth === 'basic') {
    return (_as, c, _body, headers) => {
      const pair = `${c.client_id}:${client.clientSecret}`;
      headers.set('authorization', `Basic ${Buffer.from(pair).toString('base64')}`);
    };
  }
  if (network.clientAuth === 'post') return oauth.ClientSecretPost(client.clientSecret);
  // TikTok names its client id `client_key`; the secret travels the same way.
  return (_as, c, body) => {
    body.set('client_key', c.client_id);
    body.set('client_secret', client.clientSecret);
  };
}

/**
 * Requests options: plain http is allowed only where the operator pointed the network
 * (a test double on loopback), and the answer of a network that omits `token_type`
 * (LinkedIn) is told it is a bearer token before the library reads it.
 */
function requestOptions(
  network: OAuth2Network,
  client: OAuthClient,
  fetchFn: typeof fetch,
  headers?: Readonly<Record<string, string>>,
): oauth.TokenEndpointRequestOptions {
  const insecure = new URL(serverOf(network, client).token_endpoint as string).protocol === 'http:';
  return {
    ...(insecure ? { [oauth.allowInsecureRequests]: true } : {}),
    [oauth.customFetch]: network.impliedBearer ? impliedBearer(fetchFn) : fetchFn,
    ...(headers || network.tokenHeaders ? { headers: { ...network.tokenHeaders, ...headers } } : {}),
    signal: AbortSignal.timeout(15_000),
  };
}

function impliedBearer(fetchFn: typeof fetch): typeof fetch {
  return (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const response = await fetchFn(input, init);
    if (response.status !== 200) return response;
    const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object') return new Response(null, { status: 502 });
    const typed = body.token_type === undefined ? { ...body, token_type: 'bearer' } : body;
    return new Response(JSON.stringify(typed), { status: 200, headers: response.headers });
  }) as typeof fetch;
}

export interface Authorization {
  url: string;
  state: string;
  /** PKCE code verifier, kept sealed until the callback. */
  codeVerifier?: string;
}

/** The network's authorize URL for one attempt, with a fresh state (and PKCE challenge). */
export async function beginAuthorization(
  network: OAuth2Network,
  client: OAuthClient,
  redirectUri: string,
): Promise<Authorization> {
  const state = oauth.generateRandomState();
  const url = new URL(endpointUrl(network.authorize, client));
  // TikTok calls the client id `client_key` in the authorize request too.
  url.searchParams.set(
    network.clientAuth === 'post-client-key' ? 'client_key' : 'client_id',
    client.clientId,
  );
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', network.scopes.join(network.scopeSeparator));
  url.searchParams.set('state', state);
  for (const [name, value] of Object.entries(network.authorizeParams ?? {}))
    url.searchParams.set(name, value);
  if (!network.pkce) return { url: url.href, state };
  const codeVerifier = oauth.generateRandomCodeVerifier();
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  return { url: url.href, state, codeVerifier };
}

function splitScopes(scope: unknown): string[] | undefined {
  if (typeof scope !== 'string') return undefined;
  return scope.split(/[\s,]+/).filter(Boolean);
}

export function grantOf(response: oauth.TokenEndpointResponse): Grant {
  const raw = { ...response } as Record<string, unknown>;
  const grant: Grant = { accessToken: response.access_token, raw };
  if (typeof response.refresh_token === 'string') grant.refreshToken = response.refresh_token;
  if (typeof response.expires_in === 'number') grant.expiresIn = response.expires_in;
  const refreshLife = raw.refresh_token_expires_in ?? raw.refresh_expires_in;
  if (typeof refreshLife === 'number') grant.refreshExpiresIn = refreshLife;
  const scopes = splitScopes(response.scope);
  if (scopes) grant.scopes = scopes;
  return grant;
}

/** Why the network did not give a token, as data: the page and the refresh job both read it. */
export interface TokenRefusal {
  /** HTTP status of the answer; 0 when none came. */
  status: number;
  /** The OAuth `error` (invalid_grant...), or the network's own code. */
  error?: string;
  description: string;
}

/** Anything the library threw about a token answer, as a refusal. */
export async function refusalOf(thrown: unknown): Promise<TokenRefusal> {
  if (thrown instanceof oauth.ResponseBodyError) {
    return {
      status: thrown.status,
      error: thrown.error,
      description: thrown.error_description ?? thrown.error,
    };
  }
  if (thrown instanceof oauth.OperationProcessingError || thrown instanceof oauth.UnsupportedOperationError) {
    const response = thrown.cause instanceof Response ? thrown.cause : undefined;
    const status = response?.status ?? 502;
    const text = response ? await response.text().catch(() => '') : '';
    return { status, ...networkCode(text), description: text.slice(0, 300) || thrown.message };
  }
  return { status: 0, description: thrown instanceof Error ? thrown.message : String(thrown) };
}

/** Meta answers `{"error":{"code":190,...}}`, Pinterest `{"code":...}`: their code, when there is one. */
function networkCode(text: string): { error?: string } {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const nested =
      typeof body.error === 'object' && body.error !== null ? (body.error as Record<string, unknown>) : body;
    const code = nested.code ?? nested.error;
    return code === undefined ? {} : { error: String(code) };
  } catch {
    return {};
  }
}

/** A token refusal as the page shows it (665, with the network's words in details). */
export function exchangeError(
  network: OAuth2Network,
  refusal: TokenRefusal,
  platformName: string,
): ErrorSpec {
  const words = refusal.error ? `${refusal.error}: ${refusal.description}` : refusal.description;
  return {
    code: 665,
    platform: network.platform,
    params: { platformName },
    details: refusal.status ? `HTTP ${refusal.status} ${words}` : `no answer: ${words}`,
  };
}

export type CodeResult = { ok: true; grant: Grant } | { ok: false; error: ErrorSpec };

/**
 * The callback's parameters checked against the state Herald expects (the library
 * refuses a missing or different state and reads `error=`), then the code exchanged.
 */
export async function exchangeCode(
  network: OAuth2Network,
  client: OAuthClient,
  callback: URLSearchParams,
  expectedState: string,
  codeVerifier: string | undefined,
  redirectUri: string,
  fetchFn: typeof fetch,
  platformName: string,
): Promise<CodeResult> {
  const as = serverOf(network, client);
  const c: oauth.Client = { client_id: client.clientId };
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, c, callback, expectedState);
  } catch (thrown) {
    if (thrown instanceof oauth.AuthorizationResponseError) {
      return {
        ok: false,
        error: {
          code: 662,
          platform: network.platform,
          params: { platformName },
          details: [thrown.error, thrown.error_description].filter(Boolean).join(': '),
        },
      };
    }
    return { ok: false, error: { code: 661, platform: network.platform, params: { platformName } } };
  }
  try {
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      c,
      clientAuthOf(network, client),
      params,
      redirectUri,
      codeVerifier ?? oauth.nopkce,
      requestOptions(network, client, fetchFn),
    );
    const answer = await oauth.processAuthorizationCodeResponse(as, c, response);
    return { ok: true, grant: grantOf(answer) };
  } catch (thrown) {
    return { ok: false, error: exchangeError(network, await refusalOf(thrown), platformName) };
  }
}

export type RefreshResult = { ok: true; grant: Grant } | { ok: false; refusal: TokenRefusal };

/** A refresh_token grant at the network's token endpoint. */
export async function refreshToken(
  network: OAuth2Network,
  client: OAuthClient,
  token: string,
  fetchFn: typeof fetch,
  tokenUrl?: string,
): Promise<RefreshResult> {
  const as = tokenUrl
    ? { ...serverOf(network, client), token_endpoint: tokenUrl }
    : serverOf(network, client);
  const c: oauth.Client = { client_id: client.clientId };
  try {
    const options = requestOptions(network, client, fetchFn);
    if (tokenUrl && new URL(tokenUrl).protocol === 'http:') options[oauth.allowInsecureRequests] = true;
    const response = await oauth.refreshTokenGrantRequest(
      as,
      c,
      clientAuthOf(network, client),
      token,
      options,
    );
    return { ok: true, grant: grantOf(await oauth.processRefreshTokenResponse(as, c, response)) };
  } catch (thrown) {
    return { ok: false, refusal: await refusalOf(thrown) };
  }
}

/**
 * A token exchanged with a GET on the token host (Meta's fb_exchange_token, Threads'
 * th_exchange_token and th_refresh_token, which their docs give as GET requests); the
 * answer is still read by the library.
 */
export async function getTokenExchange(
  network: OAuth2Network,
  client: OAuthClient,
  path: string,
  query: Record<string, string>,
  fetchFn: typeof fetch,
): Promise<RefreshResult> {
  const as = serverOf(network, client);
  const c: oauth.Client = { client_id: client.clientId };
  const url = new URL(`${client.authUrl ?? network.token.origin}${path}`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  try {
    const fetcher = network.impliedBearer ? impliedBearer(fetchFn) : fetchFn;
    const response = await fetcher(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(15_000),
    });
    return { ok: true, grant: grantOf(await oauth.processGenericTokenEndpointResponse(as, c, response)) };
  } catch (thrown) {
    return { ok: false, refusal: await refusalOf(thrown) };
  }
}
