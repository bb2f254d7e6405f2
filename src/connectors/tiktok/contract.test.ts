import { randomBytes } from 'node:crypto';
import { runConnectorContract, testContext } from '../../../test/contract/connector-contract.ts';
import { startFakeTikTok } from '../../../test/fakes/tiktok/server.ts';
import { startMediaServer } from '../../../test/helpers/media-server.ts';
import { createTiktokConnector } from './connector.ts';

runConnectorContract('tiktok', async () => {
  const tiktok = await startFakeTikTok();
  const media = await startMediaServer({ '/clip.mp4': { body: randomBytes(300_000), type: 'video/mp4' } });
  return {
    connector: createTiktokConnector(),
    ctx: testContext(tiktok.url),
    credentials: { accessToken: tiktok.token },
    invalidCredentials: { accessToken: 'act.revoked' },
    countPosts: async () => tiktok.published().length,
    sample: { media: [{ url: media.url('/clip.mp4'), kind: 'video' }], options: {} },
    close: async () => {
      await tiktok.close();
      await media.close();
    },
  };
});
