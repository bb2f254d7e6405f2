import type { ConnectorContext } from '../types.ts';
import { type ApiFailure, type Failure, isObject, networkFailure, readJson } from './client.ts';

/**
 * Google access tokens last about an hour. With a refresh token and the OAuth client
 * it was issued to, an expired one is exchanged for a new one (stored through
 * ctx.saveCredentials) and the refused call is sent again, at most once per attempt.
 */

export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** The credential fields kept besides accessToken. */
export const REFRESH_FIELDS = ['refreshToken', 'clientId', 'clientSecret', 'tokenUrl'] as const;

interface AttemptState {
  accessToken: string;
  refreshed: boolean;
}

/**
 * Keyed by the attempt's context (the core makes one per attempt), then by the stored
 * token: a reconcile and the publish it runs share one refresh and its new token.
 */
const attempts = new WeakMap<ConnectorContext, Map<string, AttemptState>>();

function stateOf(ctx: ConnectorContext, accessToken: string): AttemptState {
  const byToken = attempts.get(ctx) ?? new Map<string, AttemptState>();
  attempts.set(ctx, byToken);
  const state = byToken.get(accessToken) ?? { accessToken, refreshed: false };
  byToken.set(accessToken, state);
  return state;
}

function text(raw: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = raw[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export class GoogleToken {
  private readonly state: AttemptState;

  constructor(
    private readonly credentials: Readonly<Record<string, unknown>>,
    private readonly ctx: ConnectorContext,
    accessToken: string,
  ) {
    this.state = stateOf(ctx, accessToken);
  }

  get accessToken(): string {
    return this.state.accessToken;
  }

  /** All three refresh fields are stored and this attempt has not refreshed yet. */
  canRenew(): boolean {
    const ready = ['refreshToken', 'clientId', 'clientSecret'].every((key) => text(this.credentials, key));
    return ready && !this.state.refreshed;
  }

  /** Exchanges the refresh token; the failure is the token endpoint's, for the error table. */
  async renew(): Promise<{ ok: true } | { ok: false; failure: Failure }> {
    this.state.refreshed = true;
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: text(this.credentials, 'refreshToken') ?? '',
      client_id: text(this.credentials, 'clientId') ?? '',
      client_secret: text(this.credentials, 'clientSecret') ?? '',
    });
    let response: Response;
    let answer: unknown;
    try {
      response = await this.ctx.fetch(text(this.credentials, 'tokenUrl') ?? GOOGLE_TOKEN_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        signal: this.ctx.signal,
      });
      answer = await readJson(response);
    } catch (error) {
      return networkFailure(error);
    }
    const flat = isObject(answer) ? answer : {};
    if (!response.ok || typeof flat.access_token !== 'string') {
      // OAuth errors are flat: {error: "invalid_grant", error_description}; `error` is the reason.
      const failure: ApiFailure = {
        kind: 'api',
        status: response.status,
        message:
          typeof flat.error_description === 'string' ? flat.error_description : `HTTP ${response.status}`,
      };
      if (typeof flat.error === 'string') failure.reason = flat.error;
      this.ctx.log.info(
        { status: response.status, reason: failure.reason },
        'youtube: token refresh refused',
      );
      return { ok: false, failure };
    }
    this.state.accessToken = flat.access_token;
    try {
      await this.ctx.saveCredentials({ ...this.credentials, accessToken: flat.access_token });
    } catch (error) {
      // The new token still serves this attempt; the next one refreshes again.
      this.ctx.log.warn({ error: String(error) }, 'youtube: could not store the refreshed token');
    }
    return { ok: true };
  }
}
