import { linkAccount } from '../app/accounts-service.ts';
import type { AppContext } from '../app/context.ts';
import type { PageSession } from './page-session.ts';
import type { FormNetwork } from './types.ts';

/**
 * A network linked by what the user typed (Bluesky's app password, Telegram's bot):
 * only the declared fields, checked by the connector as POST /api/accounts does.
 */
export async function linkFromForm(
  app: AppContext,
  page: PageSession,
  network: FormNetwork,
  form: Readonly<Record<string, string>>,
): Promise<void> {
  const credentials: Record<string, string> = {};
  for (const field of network.fields) {
    const value = (form[field.name] ?? '').trim();
    if (value !== '') credentials[field.name] = value;
  }
  await linkAccount(app, page.profile, network.platform, credentials, {}, { linkedVia: 'connect' });
}
