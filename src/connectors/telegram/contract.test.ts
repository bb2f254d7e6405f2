import { runConnectorContract, testContext } from '../../../test/contract/connector-contract.ts';
import { BOT_TOKEN, startTelegramWorld } from '../../../test/fakes/telegram/fixtures.ts';
import { telegramConnector } from './connector.ts';

runConnectorContract('telegram', async () => {
  const world = await startTelegramWorld();
  return {
    connector: telegramConnector,
    ctx: testContext(world.fake.url),
    credentials: world.credentials,
    invalidCredentials: {
      ...world.credentials,
      botToken: `${BOT_TOKEN.split(':')[0]}:AAnotTheRightSecretAtAll0123456789`,
    },
    countPosts: async () => world.fake.messagesIn(world.channel.id).length,
    close: () => world.fake.close(),
  };
});
