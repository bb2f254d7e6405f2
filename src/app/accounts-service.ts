import { encryptJson } from '../config/secrets.ts';
import { DECLARATIONS } from '../connectors/declarations.ts';
import { isRequestNotBuilt } from '../connectors/shared/wire.ts';
import {
  type AccountRecord,
  deleteAccount,
  listAccounts,
  type TokenTimes,
  upsertAccount,
} from '../db/accounts.ts';
import { inTransaction } from '../db/pool.ts';
import type { Profile } from '../db/profiles.ts';
import { HeraldError } from '../errors/herald-error.ts';
import type { Platform } from '../platforms.ts';
import { recordAccountChange } from './account-events.ts';
import { connectorContext, connectorFor } from './connectors.ts';
import type { AppContext } from './context.ts';
import { credentialValueProblem } from './credential-values.ts';
import { type RequestSecrets, secretsFor } from './request-secrets.ts';

export interface PublicAccount {
  platform: Platform;
  sandbox: boolean;
  id: string;
  username: string;
  displayName: string;
  profileUrl: string;
  created: string;
}

export function publicAccount(account: AccountRecord): PublicAccount {
  return {
    platform: account.platform,
    sandbox: account.sandbox,
    id: account.externalId,
    username: account.username,
    displayName: account.displayName,
    profileUrl: account.profileUrl,
    created: account.createdAt.toISOString(),
  };
}

/** How the connect page links: what it keeps besides the connector's credentials. */
export interface LinkOptions {
  linkedVia: 'api' | 'connect';
  /** Token material the connector does not keep itself (a refresh token), stored with its credentials. */
  keep?: Record<string, string>;
  token?: TokenTimes;
  /** The account's picture the network listed (https only). */
  picture?: string;
}

/**
 * Links a network account to the profile after the network (or the sandbox)
 * accepted the credentials. Credentials are stored encrypted and never returned.
 * `requestSecrets` are the link request's secret headers (X's BYO keys): the network's
 * own are handed to verifyCredentials for the check and never stored. The link and its
 * event (account_events) are written in one transaction.
 */
export async function linkAccount(
  app: AppContext,
  profile: Profile,
  platform: Platform,
  credentials: Record<string, unknown>,
  requestSecrets: RequestSecrets = {},
  options: LinkOptions = { linkedVia: 'api' },
): Promise<PublicAccount> {
  const sandbox = credentials.sandbox === true;
  const connector = connectorFor(platform, sandbox);
  if (!connector) {
    throw new HeraldError({ code: 614, params: { platformName: DECLARATIONS[platform].name } });
  }
  if (!sandbox) {
    const missing = DECLARATIONS[platform].credentials.filter(
      (field) =>
        field.required && (typeof credentials[field.name] !== 'string' || credentials[field.name] === ''),
    );
    if (missing.length > 0) {
      throw new HeraldError({
        code: 604,
        params: {
          problem: `credentials.${missing[0]?.name} is required for ${platform} (${missing[0]?.description})`,
        },
      });
    }
  }
  const valueProblem = credentialValueProblem(DECLARATIONS[platform].credentials, credentials);
  if (valueProblem) throw new HeraldError({ code: 604, params: { problem: valueProblem } });
  // What the network would refuse before any call (X without its BYO keys), refused for a
  // sandbox account too: the same rule, from the declaration, for both.
  const [refused] =
    DECLARATIONS[platform].validateAccess?.(
      credentials,
      secretsFor(DECLARATIONS[platform], requestSecrets),
    ) ?? [];
  if (refused) throw new HeraldError(refused);
  const verified = await connector
    .verifyCredentials(
      credentials,
      connectorContext(app, platform, undefined),
      secretsFor(DECLARATIONS[platform], requestSecrets),
    )
    .catch((err: unknown) => {
      // Credentials no request can carry: bad input, never an outage to retry (625).
      if (!isRequestNotBuilt(err)) throw err;
      throw new HeraldError({
        code: 613,
        params: { platformName: DECLARATIONS[platform].name },
        details: 'Herald could not build a request with these credentials: a value cannot be sent over HTTP',
      });
    });
  // The link and its record (account_events and the `social` webhook event) commit together.
  const account = await inTransaction(app.pool, async (tx) => {
    const linked = await upsertAccount(tx, {
      profileId: profile.id,
      platform,
      sandbox,
      externalId: verified.externalId,
      username: verified.username,
      displayName: verified.displayName,
      profileUrl: verified.profileUrl,
      sealedCredentials: encryptJson(app.secretKey, { ...verified.credentials, ...options.keep }),
      linkedVia: options.linkedVia,
      ...(options.token ? { token: options.token } : {}),
      ...(options.picture?.startsWith('https://') ? { picture: options.picture } : {}),
    });
    await recordAccountChange(tx, {
      profileId: profile.id,
      platform,
      type: 'link',
      source: 'user',
      displayName: linked.displayName,
    });
    return linked;
  });
  // This process's next accept reads the new link, whether or not the notification is in.
  app.accountsCache.forget(profile.id);
  app.log.info({ platform, profileId: profile.id, sandbox, via: options.linkedVia }, 'account linked');
  return publicAccount(account);
}

/** Unlinks (and records it, in the same transaction); false when nothing was linked. */
export async function unlinkAccount(app: AppContext, profile: Profile, platform: Platform): Promise<boolean> {
  const unlinked = await inTransaction(app.pool, async (tx) => {
    const removed = await deleteAccount(tx, profile.id, platform);
    if (!removed) return false;
    await recordAccountChange(tx, {
      profileId: profile.id,
      platform,
      type: 'unlink',
      source: 'user',
      displayName: removed.displayName,
    });
    return true;
  });
  // This process's next accept no longer finds it, whether or not the notification is in.
  app.accountsCache.forget(profile.id);
  return unlinked;
}

export async function accountsOf(app: AppContext, profile: Profile): Promise<AccountRecord[]> {
  return listAccounts(app.pool, profile.id);
}
