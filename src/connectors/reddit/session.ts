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
 * Runs calls with the stored access token. Reddit's tokens last an hour: on a 401, when
 * the account has a refresh token, the core renews it once (one refresh per account at a
 * time, stored there) and the call is made again.
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
    if (!this.credentials.refreshToken || !this.ctx.renewAccess) return first;
    const renewed = await this.ctx.renewAccess({ ...this.credentials });
    if (!renewed.ok) {
      this.ctx.log.info({ status: renewed.refusal.status || 'network' }, 'reddit: refresh failed');
      return first;
    }
    const parsed = parseCredentials(renewed.credentials);
    if (typeof parsed === 'string') return first;
    this.credentials = parsed;
    return call(this.credentials.accessToken);
  }
}
