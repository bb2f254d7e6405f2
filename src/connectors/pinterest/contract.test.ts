import { runConnectorContract, testContext } from '../../../test/contract/connector-contract.ts';
import { startPinterestWorld } from '../../../test/fakes/pinterest/fixtures.ts';
import { pinterestConnector } from './connector.ts';

runConnectorContract('pinterest', async () => {
  const world = await startPinterestWorld();
  const ctx = testContext(world.fake.url);
  ctx.apiVersion = 'v5';
  return {
    connector: pinterestConnector,
    ctx,
    credentials: world.credentials,
    invalidCredentials: { ...world.credentials, accessToken: 'pina_not-a-token' },
    countPosts: async () => world.fake.pinsOf(world.user.id).length,
    // A pin needs an image; Pinterest fetches it itself, so the URL is never requested here.
    sample: { media: [{ url: 'https://cdn.example.com/pin.jpg', kind: 'image' }], options: {} },
    close: () => world.fake.close(),
  };
});
