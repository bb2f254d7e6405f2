import { classify } from '../shared/error-table.ts';
import type { ConnectorContext } from '../types.ts';
import type { Result, TikTokClient } from './client.ts';
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

/** Runs calls with the access token; an expired one is renewed once by the core (one refresh per account). */
export class TokenKeeper {
  credentials: TikTokCredentials;

  constructor(
    _client: TikTokClient,
    credentials: TikTokCredentials,
    private readonly ctx: ConnectorContext,
  ) {
    this.credentials = credentials;
  }

  async run<T>(call: (token: string) => Promise<Result<T>>): Promise<Result<T>> {
    const first = await call(this.credentials.accessToken);
    if (first.ok || classify(TIKTOK_ERRORS, signalOf(first.failure))?.retry !== 'refresh-session')
      return first;
    // Refresh tokens are single-use (each refresh answers a new one): the core renews once
    // for every attempt at once, under the account's lock, and stores the new pair.
    if (!this.credentials.refreshToken || !this.ctx.renewAccess) return first;
    const renewed = await this.ctx.renewAccess({ ...this.credentials });
    if (!renewed.ok) {
      this.ctx.log.info(
        { status: renewed.refusal.status, reason: renewed.refusal.error },
        'tiktok: token refresh failed',
      );
      return first;
    }
    const parsed = parseCredentials(renewed.credentials);
    if (typeof parsed === 'string') return first;
    this.credentials = parsed;
    return call(this.credentials.accessToken);
  }
}
