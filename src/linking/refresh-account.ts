import { recordAccountChange } from '../app/account-events.ts';
import type { AppContext } from '../app/context.ts';
import { decryptJson, encryptJson } from '../config/secrets.ts';
import {
  type AccountRecord,
  findAccountForUpdate,
  markNeedsRelink,
  saveRefreshed,
  type TokenTimes,
} from '../db/accounts.ts';
import { inTransaction } from '../db/pool.ts';
import { apiFetch } from '../media/api-fetch.ts';
import { mediaService } from '../media/media-service.ts';
import type { TokenRefusal } from './oauth2.ts';
import { operatorClient } from './page-model.ts';
import { relinkError } from './relink.ts';
import { renewableNetwork, renewCredentials } from './renew.ts';
import { tokenTimes } from './token-health.ts';

/**
 * One refresh per account at a time, across every Herald process: the refresh runs
 * inside a transaction holding a PostgreSQL advisory lock on the account (and its row
 * lock). Whoever waited on the lock then finds the token already renewed and uses it,
 * without a second call: a network with single-use refresh tokens (TikTok) would
 * otherwise lose the account on a race. Within a process, concurrent callers share one
 * promise before they even reach the database.
 */

export type RefreshOutcome =
  | { ok: true; credentials: Record<string, unknown>; refreshed: boolean }
  | { ok: false; permanent: boolean; refusal: TokenRefusal };

export interface RefreshRequest {
  /** The access token a call was refused with (a 401): renewed only if it is still the stored one. */
  stale?: string;
  /** The refresh job: renewed only if still due. */
  scheduled?: boolean;
}

/** Transient failures of the refresh job are tried again this much later. */
const RETRY_MS = 5 * 60_000;

/** Per process (per AppContext); across processes the advisory lock does the same. */
const inFlight = new WeakMap<AppContext, Map<string, Promise<RefreshOutcome>>>();

export function refreshAccount(
  app: AppContext,
  accountId: string,
  request: RefreshRequest,
): Promise<RefreshOutcome> {
  const running = inFlight.get(app) ?? new Map<string, Promise<RefreshOutcome>>();
  inFlight.set(app, running);
  const key = `${accountId}:${request.stale ?? (request.scheduled ? 'schedule' : 'any')}`;
  const shared = running.get(key);
  if (shared) return shared;
  const promise = refreshLocked(app, accountId, request).finally(() => {
    running.delete(key);
    // A refresh may have changed the account's health: this process's next accept reads it
    // (every profile's, as the account's profile is not at hand here; refreshes are rare).
    app.accountsCache.forget();
  });
  running.set(key, promise);
  return promise;
}

function credentialsOf(app: AppContext, account: AccountRecord): Record<string, unknown> {
  return decryptJson<Record<string, unknown>>(app.secretKey, account.sealedCredentials);
}

function notDue(account: AccountRecord, request: RefreshRequest, stored: Record<string, unknown>): boolean {
  if (request.stale !== undefined) return stored.accessToken !== request.stale;
  if (request.scheduled)
    return account.health !== 'ok' || !account.token.refreshAt || account.token.refreshAt > new Date();
  return false;
}

async function refreshLocked(
  app: AppContext,
  accountId: string,
  request: RefreshRequest,
): Promise<RefreshOutcome> {
  return inTransaction(app.pool, async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtextextended('herald.refresh:' || $1, 0))", [accountId]);
    const account = await findAccountForUpdate(tx, accountId);
    if (!account)
      return { ok: false, permanent: true, refusal: { status: 0, description: 'the account was unlinked' } };
    const stored = credentialsOf(app, account);
    // Someone renewed it while this caller waited for the lock: use theirs, call nothing.
    if (notDue(account, request, stored)) return { ok: true, credentials: stored, refreshed: false };
    const network = renewableNetwork(account.platform);
    const operator = operatorClient(app, account.platform);
    const authUrl = app.config.linking[account.platform].authUrl;
    const version = app.config.networks[account.platform].version;
    const renewed = await renewCredentials(account.platform, stored, {
      ...(operator ? { operator } : {}),
      ...(authUrl ? { authUrl } : {}),
      ...(version ? { version } : {}),
      fetch: globalThis.fetch,
      fetchUserServer: apiFetch(mediaService(app).policy),
    });
    if (renewed.ok) {
      const renewable = network?.refresh === 'threads-refresh' ? 'extend' : 'refresh-token';
      const times: TokenTimes = tokenTimes(
        { ...renewed.grant, refreshToken: String(renewed.credentials.refreshToken ?? '') || undefined },
        renewable,
        new Date(),
      );
      // A refresh answer that says nothing of the refresh token's life keeps the one known.
      if (renewable === 'refresh-token' && !times.relinkBy && account.token.relinkBy)
        times.relinkBy = account.token.relinkBy;
      await saveRefreshed(tx, account.id, encryptJson(app.secretKey, renewed.credentials), times);
      app.log.info({ platform: account.platform, accountId }, 'access token renewed');
      return { ok: true, credentials: renewed.credentials, refreshed: true };
    }
    const { refusal } = renewed;
    const reason =
      [refusal.error, refusal.description].filter(Boolean).join(': ') || `HTTP ${refusal.status}`;
    if (!renewed.permanent) {
      if (request.scheduled)
        await tx.query('UPDATE accounts SET refresh_at = $2 WHERE id = $1', [
          account.id,
          new Date(Date.now() + RETRY_MS),
        ]);
      app.log.warn(
        { platform: account.platform, accountId, status: refusal.status },
        'token refresh failed; tried again later',
      );
      return { ok: false, permanent: false, refusal };
    }
    // For good: only the owner can help now. Posts fail before any call; the event says why.
    const spec = relinkError(account.platform, reason);
    await markNeedsRelink(tx, account.id, reason);
    await recordAccountChange(tx, {
      profileId: account.profileId,
      platform: account.platform,
      type: 'refresh',
      source: 'system',
      displayName: account.displayName,
      error: spec,
    });
    app.log.warn(
      { platform: account.platform, accountId, status: refusal.status },
      'token refresh refused: needs relink',
    );
    return { ok: false, permanent: true, refusal };
  });
}
