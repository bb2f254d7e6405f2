import { runConnectorContract, testContext } from '../../../test/contract/connector-contract.ts';
import { startGraphFake } from '../../../test/fakes/graph/server.ts';
import { createInstagramConnector } from './connector.ts';

runConnectorContract('instagram', async () => {
  const fake = await startGraphFake();
  return {
    connector: createInstagramConnector({ pollDelaysMs: [5, 5, 5] }),
    ctx: { ...testContext(fake.url), apiVersion: 'v23.0' },
    credentials: { igUserId: fake.instagram.id, accessToken: fake.instagram.token },
    invalidCredentials: { igUserId: fake.instagram.id, accessToken: 'IGnot-a-token' },
    // Instagram needs media: every post of the suite carries one image (the fake never fetches it).
    sample: { media: [{ url: 'https://media.example.com/photo.jpg', kind: 'image' }], options: {} },
    countPosts: async () => fake.state.mediaOf('ig', fake.instagram.id).length,
    close: () => fake.close(),
  };
});
