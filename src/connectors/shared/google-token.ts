import type { ConnectorContext, CredentialField } from '../types.ts';
import { isObject, readJson } from './wire.ts';

/**
 * Google access tokens (YouTube, Google Business Profile) last about an hour. With a
 * refresh token and the OAuth client it was issued to, an expired one is exchanged for
 * a new one (stored through ctx.saveCredentials) and the refused call is sent again, at
 * most once per attempt. Each connector turns a refusal into its own failure type.
 */

export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** The credential fields kept besides accessToken. */
export const REFRESH_FIELDS = ['refreshToken', 'clientId', 'clientSecret', 'tokenUrl'] as const;

/** How a declaration documents those fields (YouTube and Google Business Profile alike). */
export const GOOGLE_REFRESH_CREDENTIALS: readonly CredentialField[] = [
  {
    name: 'refreshToken',
    description:
      'Google OAuth refresh token. With clientId and clientSecret, an expired access token is refreshed and stored.',
    secret: true,
    required: false,
  },
  {
    name: 'clientId',
    description: 'Client ID of the OAuth client (in your Google Cloud project) that issued the tokens.',
    secret: false,
    required: false,
  },
  {
    name: 'clientSecret',
    description: 'Client secret of that OAuth client.',
    secret: true,
    required: false,
  },
  {
    name: 'tokenUrl',
    description: 'Google OAuth token endpoint; default https://oauth2.googleapis.com/token.',
    secret: false,
    required: false,
  },
];

/**
 * Why a refresh did not give a token: the endpoint's answer (OAuth errors are flat,
 * `{error: "invalid_grant", error_description}`), or no answer at all (`thrown`).
 */
export type TokenRefusal =
  | { kind: 'refused'; status: number; error?: string; description: string }
  | { kind: 'unreachable'; thrown: unknown };

export type RenewResult = { ok: true } | { ok: false; refusal: TokenRefusal };

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

/** The refresh fields a user linked with, to store beside the access token. */
export function refreshFieldsOf(raw: Readonly<Record<string, unknown>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const key of REFRESH_FIELDS) if (typeof raw[key] === 'string' && raw[key] !== '') kept[key] = raw[key];
  return kept;
}

export class GoogleAccessToken {
  private readonly state: AttemptState;

  /** `label` names the network in log lines (`youtube`, `gmb`). */
  constructor(
    private readonly credentials: Readonly<Record<string, unknown>>,
    private readonly ctx: ConnectorContext,
    accessToken: string,
    private readonly label: string,
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

  /**
   * Google's endpoint is called directly; any other `tokenUrl` is the linking user's
   * choice, so it goes through the SSRF-safe fetcher the core hands every connector
   * (public addresses only unless HERALD_MEDIA_ALLOW lists them). A context without
   * one (unit tests on loopback) uses its plain fetch.
   */
  private fetchFor(url: string): typeof fetch {
    if (url === GOOGLE_TOKEN_URL) return this.ctx.fetch;
    return this.ctx.fetchUserServer ?? this.ctx.fetch;
  }

  /** Exchanges the refresh token at the token endpoint (the stored `tokenUrl`, else Google's). */
  async renew(): Promise<RenewResult> {
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
      const url = text(this.credentials, 'tokenUrl') ?? GOOGLE_TOKEN_URL;
      response = await this.fetchFor(url)(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        signal: this.ctx.signal,
      });
      answer = await readJson(response);
    } catch (thrown) {
      return { ok: false, refusal: { kind: 'unreachable', thrown } };
    }
    const flat = isObject(answer) ? answer : {};
    if (!response.ok || typeof flat.access_token !== 'string') {
      const refusal: TokenRefusal = {
        kind: 'refused',
        status: response.status,
        description:
          typeof flat.error_description === 'string' ? flat.error_description : `HTTP ${response.status}`,
      };
      if (typeof flat.error === 'string') refusal.error = flat.error;
      this.ctx.log.info(
        { status: response.status, reason: refusal.error },
        `${this.label}: token refresh refused`,
      );
      return { ok: false, refusal };
    }
    this.state.accessToken = flat.access_token;
    try {
      await this.ctx.saveCredentials({ ...this.credentials, accessToken: flat.access_token });
    } catch (error) {
      // The new token still serves this attempt; the next one refreshes again.
      this.ctx.log.warn({ error: String(error) }, `${this.label}: could not store the refreshed token`);
    }
    return { ok: true };
  }
}
