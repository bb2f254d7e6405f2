import { runConnectorContract, testContext } from '../../../test/contract/connector-contract.ts';
import { perTargetProgress, startXWorld } from '../../../test/fakes/x/fixtures.ts';
import type { Connector } from '../types.ts';
import { twitterConnector } from './connector.ts';

runConnectorContract('twitter', async () => {
  const world = await startXWorld();
  const ctx = testContext(world.fake.url);
  const progress = new Map<string, Record<string, unknown>>();
  const remove = twitterConnector.delete;
  if (!remove) throw new Error('the X connector deletes');
  // What the core does for X: every call carries the request's BYO keys, and
  // progress is kept per target.
  const connector: Connector = {
    ...twitterConnector,
    verifyCredentials: (credentials, context) =>
      twitterConnector.verifyCredentials(credentials, context, world.keys),
    publish: (input, context) =>
      twitterConnector.publish(
        { ...input, requestSecrets: world.keys },
        perTargetProgress(context, input.targetId, progress),
      ),
    delete: (input, context) => remove({ ...input, requestSecrets: world.keys }, context),
  };
  return {
    connector,
    ctx,
    credentials: world.credentials,
    invalidCredentials: { ...world.credentials, accessTokenSecret: 'not-the-secret' },
    countPosts: async () => world.fake.tweetsOf(world.user.id).length,
    close: () => world.fake.close(),
  };
});
