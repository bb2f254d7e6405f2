import type { AppContext } from '../app/context.ts';
import { networkEnvName } from '../config/networks.ts';
import { DECLARATIONS, LIVE_CONNECTORS } from '../connectors/registry.ts';
import type { AccountRecord } from '../db/accounts.ts';
import type { LinkSession } from '../db/link-sessions.ts';
import { PLATFORMS, type Platform } from '../platforms.ts';
import { LINKING } from './registry.ts';
import { type Health, healthOf } from './token-health.ts';
import type { LinkingNetwork } from './types.ts';

/**
 * What the connect page shows for each network: linked (with the account and its
 * health), ready to connect, or why it cannot be connected here. A network the page
 * cannot link never shows a button.
 */
export type Availability =
  | { kind: 'ready'; linking: LinkingNetwork }
  /** The operator set no app for it: the variables to set. */
  | { kind: 'unconfigured'; variables: string }
  /** X: the developer gave no app keys to generateJWT. */
  | { kind: 'needs-keys' }
  /** No live connector or no way to link from the page (Snapchat). */
  | { kind: 'unavailable' };

export interface NetworkView {
  platform: Platform;
  name: string;
  availability: Availability;
  account?: { record: AccountRecord; health: Health };
}

/** The operator's app for a network, when both halves are configured. */
export function operatorClient(app: AppContext, platform: Platform) {
  const linking = app.config.linking[platform];
  if (!linking.clientId || !linking.clientSecret) return undefined;
  const version = app.config.networks[platform].version;
  return {
    clientId: linking.clientId,
    clientSecret: linking.clientSecret,
    ...(linking.authUrl ? { authUrl: linking.authUrl } : {}),
    ...(version ? { version } : {}),
  };
}

export function availabilityOf(app: AppContext, platform: Platform, session: LinkSession): Availability {
  const linking = LINKING[platform];
  if (!linking || !LIVE_CONNECTORS[platform]) return { kind: 'unavailable' };
  if (linking.kind === 'oauth2' && !operatorClient(app, platform)) {
    const variables = [networkEnvName(platform, 'CLIENT_ID'), networkEnvName(platform, 'CLIENT_SECRET')];
    return { kind: 'unconfigured', variables: variables.join(', ') };
  }
  if (linking.kind === 'oauth1' && !session.sealedSecrets) return { kind: 'needs-keys' };
  return { kind: 'ready', linking };
}

export function pageNetworks(
  app: AppContext,
  session: LinkSession,
  accounts: readonly AccountRecord[],
  now: Date,
): NetworkView[] {
  const shown = session.allowedSocial ?? PLATFORMS;
  return PLATFORMS.filter((p) => shown.includes(p)).map((platform) => {
    const record = accounts.find((a) => a.platform === platform);
    return {
      platform,
      name: DECLARATIONS[platform].name,
      availability: availabilityOf(app, platform, session),
      ...(record ? { account: { record, health: healthOf(record, now) } } : {}),
    };
  });
}
