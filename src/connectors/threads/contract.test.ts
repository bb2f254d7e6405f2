import { runConnectorContract, testContext } from '../../../test/contract/connector-contract.ts';
import { startGraphFake } from '../../../test/fakes/graph/server.ts';
import { createThreadsConnector } from './connector.ts';

runConnectorContract('threads', async () => {
  const fake = await startGraphFake();
  return {
    connector: createThreadsConnector({ pollDelaysMs: [5, 5, 5] }),
    ctx: { ...testContext(fake.url), apiVersion: 'v1.0' },
    credentials: { threadsUserId: fake.threads.id, accessToken: fake.threads.token },
    invalidCredentials: { threadsUserId: fake.threads.id, accessToken: 'THnot-a-token' },
    countPosts: async () => fake.state.mediaOf('th', fake.threads.id).length,
    close: () => fake.close(),
  };
});
