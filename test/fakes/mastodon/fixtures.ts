import type { ConnectorContext } from '../../../src/connectors/types.ts';
import { parseAllowList } from '../../../src/media/allow-list.ts';
import { apiFetch } from '../../../src/media/api-fetch.ts';
import { systemResolver } from '../../../src/media/url-decision.ts';
import { testContext } from '../../contract/connector-contract.ts';
import { TEST_MEDIA_ALLOW } from '../media-server/loopback-fetch.ts';
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

/** The core's SSRF-safe API fetcher as tests configure it (HERALD_MEDIA_ALLOW=127.0.0.1,::1). */
export const loopbackApiFetch: typeof fetch = apiFetch({
  allow: parseAllowList(TEST_MEDIA_ALLOW).allow,
  resolve: systemResolver,
  timeoutMs: 10_000,
});

/** A connector test context with the SSRF-safe fetcher a Mastodon connector calls its instance with. */
export function mastodonContext(
  fetchFn: typeof fetch = loopbackApiFetch,
): ReturnType<typeof testContext> & ConnectorContext {
  // baseUrl is unused: every account names its own instance.
  return { ...testContext(''), fetchUserServer: fetchFn };
}
