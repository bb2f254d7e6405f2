import { runConnectorContract } from '../../../test/contract/connector-contract.ts';
import { mastodonContext, startMastodonWorld } from '../../../test/fakes/mastodon/fixtures.ts';
import { mastodonConnector } from './connector.ts';

runConnectorContract('mastodon', async () => {
  const world = await startMastodonWorld();
  return {
    connector: mastodonConnector,
    ctx: mastodonContext(),
    credentials: world.credentials,
    invalidCredentials: { ...world.credentials, accessToken: 'not-a-token' },
    countPosts: async () => world.fake.statusesOf(world.account).length,
    close: () => world.fake.close(),
  };
});
