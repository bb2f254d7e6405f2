import type { ConnectorContext } from '../types.ts';
import { RedditClient } from './client.ts';
import type { RedditResult } from './wire.ts';

/** What Herald stores for a Reddit account (encrypted by the core). */
export interface RedditCredentials {
  accessToken: string;
  /** With clientId (and clientSecret for a web/script app), lets Herald renew the 1-hour access token. */
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function parseCredentials(raw: Readonly<Record<string, unknown>>): RedditCredentials | string {
  const accessToken = text(raw.accessToken);
  if (!accessToken) return 'accessToken is required';
  const credentials: RedditCredentials = { accessToken };
  for (const name of ['refreshToken', 'clientId', 'clientSecret'] as const) {
    const value = text(raw[name]);
    if (value) credentials[name] = value;
  }
  return credentials;
}

const VERSION = '0.1.0';

/** Reddit's required shape: `<platform>:<app id>:<version> (by /u/<username>)`. */
export function userAgent(credentials: RedditCredentials, username?: string): string {
  const by = username ? ` (by /u/${username})` : ' (account linking)';
  return `herald:${credentials.clientId ?? 'self-hosted'}:${VERSION}${by}`;
}

/**
 * Where refresh tokens are exchanged: www.reddit.com for the real API; a proxy or a
 * test double configured as HERALD_REDDIT_API_URL serves it at its own root.
 */
export function tokenUrl(baseUrl: string): string {
  const base = new URL(baseUrl);
  const host = base.hostname === 'oauth.reddit.com' ? 'https://www.reddit.com' : base.origin;
  return `${host}/api/v1/access_token`;
}

/**
 * Runs calls with the stored access token. Reddit's tokens last an hour: on a 401, when
 * the account has a refresh token and the app's client id, the token is renewed once,
 * stored, and the call made again.
 */
export class TokenKeeper {
  readonly client: RedditClient;
  private credentials: RedditCredentials;

  constructor(
    credentials: RedditCredentials,
    private readonly ctx: ConnectorContext,
    username?: string,
  ) {
    this.credentials = credentials;
    this.client = new RedditClient(ctx.baseUrl, userAgent(credentials, username), ctx.fetch, ctx.signal);
  }

  get current(): RedditCredentials {
    return this.credentials;
  }

  async run<T>(call: (token: string) => Promise<RedditResult<T>>): Promise<RedditResult<T>> {
    const first = await call(this.credentials.accessToken);
    if (first.ok || first.failure.kind !== 'reddit' || first.failure.status !== 401) return first;
    const { refreshToken, clientId, clientSecret } = this.credentials;
    if (!refreshToken || !clientId) return first;
    const grant = await this.client.refresh(
      tokenUrl(this.ctx.baseUrl),
      clientId,
      clientSecret ?? '',
      refreshToken,
    );
    if (!grant.ok) {
      this.ctx.log.info(
        { status: grant.failure.kind === 'reddit' ? grant.failure.status : 'network' },
        'reddit: refresh failed',
      );
      return first;
    }
    this.credentials = { ...this.credentials, ...grant.value };
    try {
      await this.ctx.saveCredentials({ ...this.credentials });
    } catch (error) {
      // The new token still serves this call; the next attempt refreshes again.
      this.ctx.log.warn({ error: String(error) }, 'reddit: could not store the refreshed token');
    }
    return call(this.credentials.accessToken);
  }
}
