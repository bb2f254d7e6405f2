import { decryptJson, encryptJson } from '../config/secrets.ts';
import { DECLARATIONS, LIVE_CONNECTORS } from '../connectors/registry.ts';
import { sandboxConnector } from '../connectors/sandbox/connector.ts';
import type { Connector, ConnectorContext, LinkedAccount } from '../connectors/types.ts';
import { type AccountRecord, updateSealedCredentials } from '../db/accounts.ts';
import { sandboxLedger } from '../db/sandbox-ledger.ts';
import { saveProgress } from '../db/targets.ts';
import { apiFetch } from '../media/api-fetch.ts';
import { mediaService } from '../media/media-service.ts';
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
        if (target) await saveProgress(app.pool, target.id, next);
      },
    },
    baseUrl: endpoint.url,
    ...(endpoint.version ? { apiVersion: endpoint.version } : {}),
    ...(endpoint.analyticsUrl ? { analyticsBaseUrl: endpoint.analyticsUrl } : {}),
    fetch: globalThis.fetch,
    fetchMedia: mediaService(app).fetchMedia,
    fetchUserServer: apiFetch(mediaService(app).policy),
    log: { info: (f, m) => log.info(f, m), warn: (f, m) => log.warn(f, m) },
    sandboxLedger: sandboxLedger(app.pool),
    async saveCredentials(credentials) {
      if (accountId)
        await updateSealedCredentials(app.pool, accountId, encryptJson(app.secretKey, credentials));
    },
    ...(signal ? { signal } : {}),
  };
}
