import { linkAccount, type PublicAccount } from '../app/accounts-service.ts';
import type { AppContext } from '../app/context.ts';
import { decryptJson } from '../config/secrets.ts';
import type { PageSession } from './page-session.ts';
import { tokenTimes } from './token-health.ts';
import type { Choice, Grant, OAuth2Network } from './types.ts';

/**
 * The last step of every OAuth 2.0 link: the chosen account's credentials, checked by
 * its connector like POST /api/accounts (linkAccount), stored encrypted with the
 * refresh token and the token's times, recorded as a `link` event by the user.
 */
export async function linkChoice(
  app: AppContext,
  page: PageSession,
  network: OAuth2Network,
  grant: Grant,
  choice: Choice,
): Promise<PublicAccount> {
  const renewable = network.refresh === 'threads-refresh' ? 'extend' : network.refresh;
  return linkAccount(
    app,
    page.profile,
    network.platform,
    network.credentials(grant, choice),
    {},
    {
      linkedVia: 'connect',
      keep: grant.refreshToken ? { refreshToken: grant.refreshToken } : {},
      token: network.storedTokenNeverExpires ? {} : tokenTimes(grant, renewable, new Date()),
      ...(choice.picture ? { picture: choice.picture } : {}),
    },
  );
}

/** The request secrets sealed in a page session (X's BYO keys), opened only to sign. */
export function sessionSecrets(app: AppContext, page: PageSession): Record<string, string> {
  return page.session.sealedSecrets
    ? decryptJson<Record<string, string>>(app.secretKey, page.session.sealedSecrets)
    : {};
}
