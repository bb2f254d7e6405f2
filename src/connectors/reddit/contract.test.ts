import { runConnectorContract, testContext } from '../../../test/contract/connector-contract.ts';
import { startRedditWorld } from '../../../test/fakes/reddit/fixtures.ts';
import { redditConnector } from './connector.ts';

runConnectorContract('reddit', async () => {
  const world = await startRedditWorld();
  return {
    connector: redditConnector,
    ctx: testContext(world.fake.url),
    credentials: world.credentials,
    invalidCredentials: { accessToken: 'not-a-reddit-token' },
    // Reddit needs a subreddit and a title for any post.
    sample: { media: [], options: { subreddit: 'test', title: 'Contract post' } },
    countPosts: async () => world.fake.postsOf(world.user.name).length,
    close: () => world.fake.close(),
  };
});
