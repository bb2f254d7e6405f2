import { runConnectorContract, testContext } from '../../../test/contract/connector-contract.ts';
import { startLinkedInWorld } from '../../../test/fakes/linkedin/fixtures.ts';
import { linkedinConnector } from './connector.ts';

runConnectorContract('linkedin', async () => {
  const world = await startLinkedInWorld();
  const ctx = testContext(world.fake.url);
  ctx.apiVersion = '202601';
  return {
    connector: linkedinConnector,
    ctx,
    credentials: world.credentials,
    invalidCredentials: { ...world.credentials, accessToken: 'AQV-not-a-token' },
    countPosts: async () => world.fake.postsOf(world.person).length,
    close: () => world.fake.close(),
  };
});
