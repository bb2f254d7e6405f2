import { runConnectorContract, testContext } from '../../../test/contract/connector-contract.ts';
import { startGraphFake } from '../../../test/fakes/graph/server.ts';
import { facebookConnector } from './connector.ts';

runConnectorContract('facebook', async () => {
  const fake = await startGraphFake();
  return {
    connector: facebookConnector,
    ctx: { ...testContext(fake.url), apiVersion: 'v23.0' },
    credentials: { pageId: fake.page.id, pageAccessToken: fake.page.token },
    invalidCredentials: { pageId: fake.page.id, pageAccessToken: 'EAAnot-a-token' },
    countPosts: async () => [...fake.state.posts.values()].filter((p) => p.pageId === fake.page.id).length,
    close: () => fake.close(),
  };
});
