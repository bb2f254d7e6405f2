import type { AccountRecord, TokenTimes } from '../db/accounts.ts';
import type { Grant } from './types.ts';

/**
 * When a token is renewed and when an account needs its owner: pure rules over the
 * times a token endpoint gave.
 */

/** The refresh job renews an access token at this share of its life. */
export const REFRESH_AT_SHARE = 0.8;

/** Under this many days before `relinkBy`, an account is `expiring`: its owner should link it again. */
export const EXPIRING_DAYS = 10;

const DAY_MS = 86_400_000;

/**
 * The times of a fresh grant. `renewable`: Herald can renew the access token on its
 * own (a refresh token, or Threads' th_refresh_token on the token itself).
 */
export function tokenTimes(
  grant: Grant,
  renewable: 'refresh-token' | 'extend' | 'none',
  now: Date,
): TokenTimes {
  const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
  const times: TokenTimes = {};
  if (grant.expiresIn !== undefined && grant.expiresIn > 0) times.expiresAt = at(grant.expiresIn);
  const canRenew =
    renewable === 'extend' || (renewable === 'refresh-token' && grant.refreshToken !== undefined);
  if (canRenew && grant.expiresIn !== undefined && grant.expiresIn > 0)
    times.refreshAt = at(grant.expiresIn * REFRESH_AT_SHARE);
  if (renewable === 'refresh-token' && grant.refreshToken !== undefined) {
    // A refresh token with a stated life ends the account's autonomy then; without one it lasts until revoked.
    if (grant.refreshExpiresIn !== undefined && grant.refreshExpiresIn > 0)
      times.relinkBy = at(grant.refreshExpiresIn);
  } else if (times.expiresAt) {
    // Renewed by extension (Threads) or not at all: the access token's end is the limit, pushed back by each renewal.
    times.relinkBy = times.expiresAt;
  }
  return times;
}

export type HealthStatus = 'ok' | 'expiring' | 'needs-relink';

export interface Health {
  status: HealthStatus;
  reason?: string;
  /** Whole days until only a relink helps (Ayrshare's refreshDaysRemaining), when known. */
  refreshDaysRemaining?: number;
}

/** An account's health as GET /api/user and the connect page show it. */
export function healthOf(
  account: Pick<AccountRecord, 'health' | 'healthReason' | 'token'>,
  now: Date,
): Health {
  const relinkBy = account.token.relinkBy;
  const days = relinkBy ? Math.max(0, Math.floor((relinkBy.getTime() - now.getTime()) / DAY_MS)) : undefined;
  const withDays = days === undefined ? {} : { refreshDaysRemaining: days };
  if (account.health === 'needs-relink')
    return {
      status: 'needs-relink',
      reason: account.healthReason ?? 'the network no longer accepts the token',
      ...withDays,
    };
  if (relinkBy && relinkBy.getTime() <= now.getTime())
    return { status: 'needs-relink', reason: 'the access token expired and cannot be renewed', ...withDays };
  if (relinkBy && relinkBy.getTime() - now.getTime() < EXPIRING_DAYS * DAY_MS)
    return { status: 'expiring', reason: `link again before ${relinkBy.toISOString()}`, ...withDays };
  return { status: 'ok', ...withDays };
}
