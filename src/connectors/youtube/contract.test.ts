import { randomBytes } from 'node:crypto';
import { runConnectorContract, testContext } from '../../../test/contract/connector-contract.ts';
import { startFakeYouTube } from '../../../test/fakes/youtube/server.ts';
import { startMediaServer } from '../../../test/helpers/media-server.ts';
import { createYoutubeConnector } from './connector.ts';
import { CHUNK_UNIT } from './upload.ts';

runConnectorContract('youtube', async () => {
  const youtube = await startFakeYouTube();
  const media = await startMediaServer({
    '/clip.mp4': { body: randomBytes(CHUNK_UNIT * 2 + 1000), type: 'video/mp4' },
  });
  return {
    // Small chunks: every contract publish goes through a multi-chunk resumable upload.
    connector: createYoutubeConnector({ chunkBytes: CHUNK_UNIT }),
    ctx: testContext(youtube.url),
    credentials: { accessToken: youtube.token },
    invalidCredentials: { accessToken: 'ya29.revoked' },
    countPosts: async () => youtube.videos.size,
    sample: { media: [{ url: media.url('/clip.mp4'), kind: 'video' }], options: { title: 'Contract video' } },
    close: async () => {
      await youtube.close();
      await media.close();
    },
  };
});
