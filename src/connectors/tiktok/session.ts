import { classify } from '../shared/error-table.ts';
import type { ConnectorContext } from '../types.ts';
import { isObject, networkFailure, type Result, readJson, type TikTokClient } from './client.ts';
import { signalOf, TIKTOK_ERRORS } from './errors.ts';

/** What Herald stores for a TikTok account (encrypted by the core). */
export interface TikTokCredentials {
  accessToken: string;
  openId?: string;
  /** With the app's client key and secret, an expired access token (24 h) is refreshed. */
  refreshToken?: string;
  clientKey?: string;
  clientSecret?: string;
  /** TikTok API for Business (comments): the business account's id and its own token. */
  businessId?: string;
  businessAccessToken?: string;
}

const OPTIONAL = [
  'openId',
  'refreshToken',
  'clientKey',
  'clientSecret',
  'businessId',
  'businessAccessToken',
] as const;

/** Credentials as sent or stored; a string names what is missing. */
export function parseCredentials(raw: Readonly<Record<string, unknown>>): TikTokCredentials | string {
  if (typeof raw.accessToken !== 'string' || raw.accessToken.trim() === '') {
    return 'accessToken is required (a TikTok user access token with video.publish)';
  }
  const credentials: TikTokCredentials = { accessToken: raw.accessToken.trim() };
  for (const key of OPTIONAL) {
    const value = raw[key];
    if (typeof value === 'string' && value !== '') credentials[key] = value;
  }
  return credentials;
}

/**
 * The OAuth token endpoint answers flat, without TikTok's `data`/`error` envelope:
 * `{access_token, refresh_token, open_id, ...}` or `{error, error_description, log_id}`.
 */
async function refresh(
  client: TikTokClient,
  credentials: TikTokCredentials,
  fetchFn: typeof fetch,
): Promise<Result<TikTokCredentials>> {
  const { refreshToken, clientKey, clientSecret } = credentials;
  if (!refreshToken || !clientKey || !clientSecret) {
    return {
      ok: false,
      failure: { kind: 'api', status: 401, message: 'no refresh token and app keys stored' },
    };
  }
  let response: Response;
  let body: unknown;
  try {
    response = await fetchFn(`${client.api}/oauth/token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_key: clientKey,
        client_secret: clientSecret,
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
      }),
    });
    body = await readJson(response);
  } catch (error) {
    return networkFailure(error);
  }
  const flat = isObject(body) ? body : {};
  if (typeof flat.access_token !== 'string') {
    const error = typeof flat.error === 'string' ? flat.error : undefined;
    const description =
      typeof flat.error_description === 'string' ? flat.error_description : `HTTP ${response.status}`;
    return {
      ok: false,
      failure: {
        kind: 'api',
        status: response.status,
        ...(error ? { code: error } : {}),
        message: description,
      },
    };
  }
  // Refresh tokens are single-use: the new one replaces the old.
  const next: TikTokCredentials = { ...credentials, accessToken: flat.access_token };
  if (typeof flat.refresh_token === 'string') next.refreshToken = flat.refresh_token;
  if (typeof flat.open_id === 'string') next.openId = flat.open_id;
  return { ok: true, value: next };
}

/** Runs calls with the access token; an expired one is refreshed once (when possible) and stored. */
export class TokenKeeper {
  credentials: TikTokCredentials;

  constructor(
    private readonly client: TikTokClient,
    credentials: TikTokCredentials,
    private readonly ctx: ConnectorContext,
  ) {
    this.credentials = credentials;
  }

  async run<T>(call: (token: string) => Promise<Result<T>>): Promise<Result<T>> {
    const first = await call(this.credentials.accessToken);
    if (first.ok || classify(TIKTOK_ERRORS, signalOf(first.failure))?.retry !== 'refresh-session')
      return first;
    const renewed = await refresh(this.client, this.credentials, this.ctx.fetch);
    if (!renewed.ok) {
      this.ctx.log.info({ failure: renewed.failure }, 'tiktok: token refresh failed');
      return first;
    }
    this.credentials = renewed.value;
    try {
      await this.ctx.saveCredentials({ ...this.credentials });
    } catch (error) {
      // The new token still serves this attempt; the stored one fails next time and is refreshed again.
      this.ctx.log.warn({ error: String(error) }, 'tiktok: could not store the refreshed token');
    }
    return call(this.credentials.accessToken);
  }
}
