import type { ConnectorContext } from '../../../src/connectors/types.ts';
import { testContext } from '../../contract/connector-contract.ts';
import { loopbackApiFetch } from '../media-server/loopback-fetch.ts';
import { type FakeMastodon, startFakeMastodon } from './fake-mastodon.ts';
import type { FakeAccount } from './state.ts';

/** A fake instance with one account, and the credentials POST /api/accounts takes for it. */
export interface MastodonWorld {
  fake: FakeMastodon;
  account: FakeAccount;
  credentials: { instance: string; accessToken: string };
}

export async function startMastodonWorld(): Promise<MastodonWorld> {
  const fake = await startFakeMastodon();
  const account = fake.addAccount({
    username: 'alice',
    displayName: 'Alice Herald',
    token: 'mastodon-token-of-alice',
  });
  return { fake, account, credentials: { instance: fake.url, accessToken: account.token } };
}

/** A connector test context with the SSRF-safe fetcher a Mastodon connector calls its instance with. */
export function mastodonContext(
  fetchFn: typeof fetch = loopbackApiFetch,
): ReturnType<typeof testContext> & ConnectorContext {
  // baseUrl is unused: every account names its own instance.
  return { ...testContext(''), fetchUserServer: fetchFn };
}
