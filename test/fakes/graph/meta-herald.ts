import { startTestHerald, type TestHerald } from '../../helpers/herald.ts';
import { TEST_MEDIA_ALLOW } from '../media-server/loopback-fetch.ts';
import { type GraphFake, startGraphFake } from './server.ts';

/**
 * Herald in-process with its three Meta networks pointed at one fake Graph API, and the
 * fake's accounts linked with their real-looking credentials (checked by the fake).
 */

export interface MetaHerald {
  t: TestHerald;
  fake: GraphFake;
  stop(): Promise<void>;
}

export async function startMetaHerald(
  env: Record<string, string> = {},
  fakeOptions: Parameters<typeof startGraphFake>[0] = {},
): Promise<MetaHerald> {
  const fake = await startGraphFake(fakeOptions);
  const t = await startTestHerald({
    env: {
      HERALD_FACEBOOK_API_URL: fake.url,
      HERALD_INSTAGRAM_API_URL: fake.url,
      HERALD_THREADS_API_URL: fake.url,
      // Media come from loopback media servers, which the media step must be allowed to read.
      HERALD_MEDIA_ALLOW: TEST_MEDIA_ALLOW,
      ...env,
    },
  });
  return {
    t,
    fake,
    stop: async () => {
      await t.stop();
      await fake.close();
    },
  };
}

export function credentialsOf(
  fake: GraphFake,
  platform: 'facebook' | 'instagram' | 'threads',
): Record<string, string> {
  if (platform === 'facebook') return { pageId: fake.page.id, pageAccessToken: fake.page.token };
  if (platform === 'instagram') return { igUserId: fake.instagram.id, accessToken: fake.instagram.token };
  return { threadsUserId: fake.threads.id, accessToken: fake.threads.token };
}

/** Links the fake's accounts through POST /api/accounts (the connector checks them with the fake). */
export async function linkMeta(
  { t, fake }: MetaHerald,
  platforms: readonly ('facebook' | 'instagram' | 'threads')[],
  headers: Record<string, string> = {},
): Promise<void> {
  for (const platform of platforms) {
    const res = await t.request(
      'POST',
      '/api/accounts',
      { platform, credentials: credentialsOf(fake, platform) },
      headers,
    );
    if (res.status !== 200) throw new Error(`linking ${platform}: ${JSON.stringify(res.body)}`);
  }
}
