import { decryptJson, encryptJson } from '../config/secrets.ts';
import { DECLARATIONS, LIVE_CONNECTORS } from '../connectors/registry.ts';
import { sandboxConnector } from '../connectors/sandbox/connector.ts';
import type { Connector, ConnectorContext, LinkedAccount, RenewAccessResult } from '../connectors/types.ts';
import { type AccountRecord, updateSealedCredentials } from '../db/accounts.ts';
import { sandboxLedger } from '../db/sandbox-ledger.ts';
import { operatorClient } from '../linking/page-model.ts';
import { refreshAccount } from '../linking/refresh-account.ts';
import { renewableNetwork, renewCredentials } from '../linking/renew.ts';
import { apiFetch } from '../media/api-fetch.ts';
import { mediaService } from '../media/media-service.ts';
import { requestFetch } from '../net/request-fetch.ts';
import type { Platform } from '../platforms.ts';
import type { AppContext } from './context.ts';

const sandboxes = new Map<Platform, Connector>();

/** The connector that serves an account: the sandbox for sandbox accounts, else the network's live one. */
export function connectorFor(platform: Platform, sandbox: boolean): Connector | undefined {
  if (sandbox) {
    let connector = sandboxes.get(platform);
    if (!connector) {
      connector = sandboxConnector(DECLARATIONS[platform]);
      sandboxes.set(platform, connector);
    }
    return connector;
  }
  return LIVE_CONNECTORS[platform];
}

export function linkedAccount(app: AppContext, account: AccountRecord): LinkedAccount {
  return {
    externalId: account.externalId,
    username: account.username,
    displayName: account.displayName,
    credentials: decryptJson<Record<string, unknown>>(app.secretKey, account.sealedCredentials),
  };
}

/**
 * The account's token renewed under its refresh lock; at link time (no account yet)
 * the credentials being linked are renewed as they are, nothing stored.
 */
async function renewAccess(
  app: AppContext,
  platform: Platform,
  accountId: string | undefined,
  current: Readonly<Record<string, unknown>>,
): Promise<RenewAccessResult> {
  if (accountId) {
    const stale = typeof current.accessToken === 'string' ? current.accessToken : '';
    const outcome = await refreshAccount(app, accountId, { stale });
    return outcome.ok ? { ok: true, credentials: outcome.credentials } : outcome;
  }
  const operator = operatorClient(app, platform);
  const authUrl = app.config.linking[platform].authUrl;
  const renewed = await renewCredentials(platform, current, {
    ...(operator ? { operator } : {}),
    ...(authUrl ? { authUrl } : {}),
    fetch: globalThis.fetch,
    fetchUserServer: apiFetch(mediaService(app).policy),
  });
  return renewed.ok ? { ok: true, credentials: renewed.credentials } : renewed;
}

/** The networks' APIs are called through fetch's contract on undici's dispatcher (src/net/request-fetch.ts). */
const networkFetch = requestFetch();

/** Everything a connector may use, and nothing more: it never sees config, the pool or the queue. */
export function connectorContext(
  app: AppContext,
  platform: Platform,
  accountId: string | undefined,
  signal?: AbortSignal,
  target?: { id: string; progress: Record<string, unknown> | null },
): ConnectorContext {
  const endpoint = app.config.networks[platform];
  const log = app.log.child({ platform });
  let progress = target?.progress ?? null;
  return {
    progress: {
      load: () => progress,
      async save(next) {
        progress = next;
        if (target) await app.batches.progressSaves.submit({ id: target.id, progress: next });
      },
    },
    baseUrl: endpoint.url,
    ...(endpoint.version ? { apiVersion: endpoint.version } : {}),
    ...(endpoint.analyticsUrl ? { analyticsBaseUrl: endpoint.analyticsUrl } : {}),
    fetch: networkFetch,
    fetchMedia: mediaService(app).fetchMedia,
    fetchUserServer: apiFetch(mediaService(app).policy),
    log: { info: (f, m) => log.info(f, m), warn: (f, m) => log.warn(f, m) },
    sandboxLedger: sandboxLedger(app.pool, app.batches.sandboxCreates),
    async saveCredentials(credentials) {
      if (accountId)
        await updateSealedCredentials(app.pool, accountId, encryptJson(app.secretKey, credentials));
    },
    ...(renewableNetwork(platform)
      ? {
          renewAccess: (current: Readonly<Record<string, unknown>>) =>
            renewAccess(app, platform, accountId, current),
        }
      : {}),
    ...(signal ? { signal } : {}),
  };
}
