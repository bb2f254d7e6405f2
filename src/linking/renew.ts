import { DECLARATIONS } from '../connectors/declarations.ts';
import type { Platform } from '../platforms.ts';
import { getTokenExchange, type OAuthClient, refreshToken, type TokenRefusal } from './oauth2.ts';
import { LINKING } from './registry.ts';
import type { Grant, OAuth2Network } from './types.ts';

/**
 * Renews an account's access token, whatever the network, with no store involved: the
 * refresh_token grant (or Threads' th_refresh_token) at the network's token endpoint,
 * through the one OAuth module. Who calls it holds the account's refresh lock
 * (refresh-account.ts); the connector contract's test context calls it directly.
 */

export interface RenewDeps {
  /** The operator's app for the network (config), when configured. */
  operator?: OAuthClient;
  /** HERALD_<NETWORK>_AUTH_URL, for an account refreshed with its own client. */
  authUrl?: string;
  version?: string;
  fetch: typeof fetch;
  /** The SSRF-safe fetcher, for a token endpoint the linking user chose (Google's tokenUrl). */
  fetchUserServer?: typeof fetch;
}

export type RenewResult =
  | { ok: true; credentials: Record<string, unknown>; grant: Grant }
  /** `permanent`: the network said no (a revoked or expired grant): only a relink helps. */
  | { ok: false; permanent: boolean; refusal: TokenRefusal };

/** Networks whose access token Herald can renew on its own. */
export function renewableNetwork(platform: Platform): OAuth2Network | undefined {
  const network = LINKING[platform];
  return network?.kind === 'oauth2' && network.refresh !== 'none' ? network : undefined;
}

/** No way to renew: as final as the network's 401 that asked for it. */
function cannot(description: string): RenewResult {
  return { ok: false, permanent: true, refusal: { status: 401, description } };
}

/** A 4xx answer is the network's final word; no answer, 429 or 5xx may pass. */
function isPermanent(refusal: TokenRefusal): boolean {
  return refusal.status >= 400 && refusal.status < 500 && refusal.status !== 429;
}

export async function renewCredentials(
  platform: Platform,
  credentials: Readonly<Record<string, unknown>>,
  deps: RenewDeps,
): Promise<RenewResult> {
  const network = renewableNetwork(platform);
  if (!network) return cannot(`${DECLARATIONS[platform].name} tokens cannot be renewed`);
  const own = network.ownClient?.(credentials);
  const client: OAuthClient | undefined = own
    ? {
        clientId: own.clientId,
        clientSecret: own.clientSecret,
        ...(deps.authUrl ? { authUrl: deps.authUrl } : {}),
      }
    : deps.operator;
  if (!client) return cannot(`no ${DECLARATIONS[platform].name} app is configured to renew the token with`);
  let result: Awaited<ReturnType<typeof refreshToken>>;
  if (network.refresh === 'threads-refresh') {
    const current = typeof credentials.accessToken === 'string' ? credentials.accessToken : '';
    if (!current) return cannot('no access token to extend');
    result = await getTokenExchange(
      network,
      client,
      '/refresh_access_token',
      { grant_type: 'th_refresh_token', access_token: current },
      deps.fetch,
    );
  } else {
    const token = typeof credentials.refreshToken === 'string' ? credentials.refreshToken : '';
    if (!token) return cannot('no refresh token is stored');
    const fetchFn = own?.tokenUrl ? (deps.fetchUserServer ?? deps.fetch) : deps.fetch;
    result = await refreshToken(network, client, token, fetchFn, own?.tokenUrl);
  }
  if (!result.ok) return { ok: false, permanent: isPermanent(result.refusal), refusal: result.refusal };
  const { grant } = result;
  const next: Record<string, unknown> = { ...credentials, accessToken: grant.accessToken };
  // Single-use refresh tokens (TikTok) come back new: the old one is spent.
  if (grant.refreshToken) next.refreshToken = grant.refreshToken;
  if (typeof grant.raw.open_id === 'string') next.openId = grant.raw.open_id;
  return { ok: true, credentials: next, grant };
}
