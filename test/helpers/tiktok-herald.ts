import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { type FakeTikTok, startFakeTikTok } from '../fakes/tiktok/server.ts';
import { startTestHerald, type TestHerald } from './herald.ts';
import { type MediaServer, startMediaServer } from './media-server.ts';

/** The TikTok app's client secret the fake and Herald share (it also signs TikTok's webhooks). */
export const TIKTOK_SECRET = 'tiktok-app-client-secret';

/** A real MP4 (encoder output): Herald probes every video with ffprobe before it goes out. */
const VIDEO = readFileSync(new URL('../fixtures/media/vertical-360x640.mp4', import.meta.url));

export interface TikTokHerald {
  fake: FakeTikTok;
  /** Serves the video at `/clip.mp4`. */
  media: MediaServer;
  t: TestHerald;
  stop(): Promise<void>;
}

/**
 * TikTok's fake (publishing only when told: `autoPublish` off, so a post stays `pending`), a
 * media server with a real video, and a Herald with a TikTok account linked through the API.
 * `env` adds to (or overrides) Herald's settings.
 */
export async function startTikTokHerald(env: Record<string, string> = {}): Promise<TikTokHerald> {
  const fake = await startFakeTikTok();
  fake.autoPublish = false;
  const media = await startMediaServer({ '/clip.mp4': { body: VIDEO, type: 'video/mp4' } });
  const t = await startTestHerald({
    env: {
      HERALD_TIKTOK_API_URL: fake.url,
      HERALD_TIKTOK_CLIENT_SECRET: TIKTOK_SECRET,
      HERALD_MEDIA_ALLOW: '127.0.0.1',
      HERALD_MAX_AUTO_RETRIES: '0',
      ...env,
    },
  });
  const linked = await t.request('POST', '/api/accounts', {
    platform: 'tiktok',
    credentials: {
      accessToken: fake.token,
      businessId: fake.business.id,
      businessAccessToken: fake.business.token,
    },
  });
  expect(linked.status).toBe(200);
  return {
    fake,
    media,
    t,
    stop: async () => {
      await t.stop();
      await fake.close();
      await media.close();
    },
  };
}
