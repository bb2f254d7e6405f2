import { runConnectorContract, testContext } from '../../../test/contract/connector-contract.ts';
import { credentialsOf, startFakeGmb } from '../../../test/fakes/gmb/server.ts';
import { gmbConnector } from './connector.ts';

runConnectorContract('gmb', async () => {
  const fake = await startFakeGmb();
  const ctx = testContext(fake.url);
  ctx.apiVersion = 'v4';
  const credentials = credentialsOf(fake);
  return {
    connector: gmbConnector,
    ctx,
    credentials,
    invalidCredentials: { locationName: credentials.locationName, accessToken: 'ya29.revoked' },
    countPosts: async () => fake.postsOf(credentials.locationName ?? '').length,
    close: () => fake.close(),
  };
});
