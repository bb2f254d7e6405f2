import type { ConnectorContext, CredentialField } from '../types.ts';

/**
 * Google access tokens (YouTube, Google Business Profile) last about an hour. With a
 * refresh token, an expired one is renewed by the core (ctx.renewAccess: one refresh per
 * account at a time, stored there) and the refused call is sent again, at most once per
 * attempt. Each connector turns a refusal into its own failure type.
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

  /**
   * A refresh token is stored and this attempt has not renewed yet. The OAuth client is
   * the account's own (clientId, clientSecret, tokenUrl linked with it) or, for an
   * account linked on the connect page, the operator's: the core knows which.
   */
  canRenew(): boolean {
    return (
      text(this.credentials, 'refreshToken') !== undefined && !this.state.refreshed && !!this.ctx.renewAccess
    );
  }

  /**
   * Renews through the core (ctx.renewAccess): one refresh per account at a time, the
   * new token stored by the core; a token endpoint other than Google's is reached
   * through the SSRF-safe fetcher there.
   */
  async renew(): Promise<RenewResult> {
    this.state.refreshed = true;
    const renewed = await this.ctx.renewAccess?.({
      ...this.credentials,
      accessToken: this.state.accessToken,
    });
    if (!renewed)
      return { ok: false, refusal: { kind: 'refused', status: 401, description: 'no way to renew' } };
    if (renewed.ok) {
      this.state.accessToken = String(renewed.credentials.accessToken ?? '');
      return { ok: true };
    }
    const { refusal } = renewed;
    if (refusal.status === 0)
      return { ok: false, refusal: { kind: 'unreachable', thrown: new Error(refusal.description) } };
    this.ctx.log.info(
      { status: refusal.status, reason: refusal.error },
      `${this.label}: token refresh refused`,
    );
    return {
      ok: false,
      refusal: {
        kind: 'refused',
        status: refusal.status,
        description: refusal.description,
        ...(refusal.error !== undefined ? { error: refusal.error } : {}),
      },
    };
  }
}
