import { GoogleAccessToken } from '../shared/google-token.ts';
import type { ConnectorContext } from '../types.ts';
import type { ApiFailure, Auth, Failure } from './client.ts';
import { networkFailure } from './client.ts';

/**
 * The shared Google token refresh (shared/google-token.ts), its refusals turned into
 * YouTube's failures for the error table (`invalid_grant` is the reason).
 */
export class GoogleToken implements Auth {
  private readonly token: GoogleAccessToken;

  constructor(credentials: Readonly<Record<string, unknown>>, ctx: ConnectorContext, accessToken: string) {
    this.token = new GoogleAccessToken(credentials, ctx, accessToken, 'youtube');
  }

  get accessToken(): string {
    return this.token.accessToken;
  }

  canRenew(): boolean {
    return this.token.canRenew();
  }

  async renew(): Promise<{ ok: true } | { ok: false; failure: Failure }> {
    const renewed = await this.token.renew();
    if (renewed.ok) return renewed;
    const { refusal } = renewed;
    if (refusal.kind === 'unreachable') return networkFailure(refusal.thrown);
    const failure: ApiFailure = { kind: 'api', status: refusal.status, message: refusal.description };
    if (refusal.error !== undefined) failure.reason = refusal.error;
    return { ok: false, failure };
  }
}
