import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/contract/connector-contract.ts';
import { type FakeYouTube, startFakeYouTube } from '../../../test/fakes/youtube/server.ts';
import { type MediaServer, startMediaServer } from '../../../test/helpers/media-server.ts';
import type { LinkedAccount, PublishInput } from '../types.ts';
import { createYoutubeConnector } from './connector.ts';
import { CHUNK_UNIT } from './upload.ts';

/** The contract's test context with the core's token renewal (the account's own OAuth client). */
const renewingContext = (url: string, fetchFn?: typeof fetch) =>
  testContext(url, fetchFn, { platform: 'youtube' });

const connector = createYoutubeConnector({ chunkBytes: CHUNK_UNIT });
const VIDEO = randomBytes(CHUNK_UNIT * 2 + 777);

let yt: FakeYouTube;
let media: MediaServer;

beforeAll(async () => {
  media = await startMediaServer({ '/clip.mp4': { body: VIDEO, type: 'video/mp4' } });
  return () => media.close();
});
// A fake per test: a refresh changes the fake's current token.
beforeEach(async () => {
  yt = await startFakeYouTube();
});
afterEach(async () => {
  await yt.close();
});

function refreshable(): Record<string, unknown> {
  return {
    accessToken: yt.token,
    refreshToken: yt.oauth.refreshToken,
    clientId: yt.oauth.clientId,
    clientSecret: yt.oauth.clientSecret,
    tokenUrl: yt.tokenUrl,
  };
}

function input(credentials: Record<string, unknown>): PublishInput {
  const account: LinkedAccount = {
    externalId: 'UC_fake_channel_0001',
    username: '@heraldtest',
    displayName: 'Herald Test Channel',
    credentials,
  };
  return {
    targetId: randomUUID(),
    text: 'A description',
    media: [{ url: media.url('/clip.mp4'), kind: 'video' }],
    options: { title: 'A title' },
    account,
  };
}

/** A fetch that runs `after` once the n-th call matching `when` has answered. */
function fetchThat(when: (url: string, init?: RequestInit) => boolean, after: () => void, n = 1) {
  let seen = 0;
  return (async (resource: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const response = await fetch(resource, init);
    if (when(String(resource), init) && ++seen === n) after();
    return response;
  }) as typeof fetch;
}

describe('access token refresh', () => {
  it('links with refresh credentials and keeps them', async () => {
    const verified = await connector.verifyCredentials(
      { ...refreshable(), ignored: 'x' },
      renewingContext(yt.url),
    );
    expect(verified.credentials).toEqual(refreshable());
  });

  it('an expired token is refreshed once, stored, and the publish succeeds', async () => {
    const credentials = refreshable();
    yt.expireToken();
    const ctx = renewingContext(yt.url);
    const outcome = await connector.publish(input(credentials), ctx);
    expect(outcome).toMatchObject({ kind: 'published' });
    expect(yt.oauth.refreshes).toBe(1);
    expect(yt.token).toBe('ya29.refreshed-1');
    expect(ctx.saved).toEqual([{ ...credentials, accessToken: 'ya29.refreshed-1' }]);
    expect(yt.counts.opened).toBe(1);
  });

  it('expiring mid-upload re-sends the refused chunk in the same session', async () => {
    const isChunk = (url: string, init?: RequestInit) => init?.method === 'PUT' && url.includes('upload_id');
    const ctx = renewingContext(
      yt.url,
      fetchThat(isChunk, () => yt.expireToken()),
    );
    const outcome = await connector.publish(input(refreshable()), ctx);
    if (outcome.kind !== 'published') throw new Error(JSON.stringify(outcome));
    expect(yt.videos.get(outcome.id)?.bytes.equals(VIDEO)).toBe(true);
    expect(yt.oauth.refreshes).toBe(1);
    expect(yt.counts.opened).toBe(1);
    expect(yt.sessions.completed).toBe(1);
    // The refused chunk never reached the session: three chunks stored, each once.
    expect(yt.counts.chunks).toBe(3);
  });

  it('a revoked refresh token: 623 with Google’s reason, nothing stored', async () => {
    yt.oauth.revoked = true;
    yt.expireToken();
    const ctx = renewingContext(yt.url);
    const outcome = await connector.publish(input(refreshable()), ctx);
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: { code: 623, details: 'invalid_grant: Token has been expired or revoked.' },
    });
    expect(ctx.saved).toEqual([]);
    expect(yt.counts.opened).toBe(0);
  });

  it('refreshes at most once per attempt: a refreshed token refused again is 623', async () => {
    const ctx = renewingContext(
      yt.url,
      fetchThat(
        (url) => url === yt.tokenUrl,
        () => yt.expireToken(),
      ),
    );
    yt.expireToken();
    const outcome = await connector.publish(input(refreshable()), ctx);
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: { code: 623, details: expect.stringContaining('authError') },
    });
    expect(yt.oauth.refreshes).toBe(1);
  });

  it('without refresh credentials an expired token is 623 as before, no token call', async () => {
    yt.expireToken();
    const { clientSecret: _secret, ...partial } = refreshable();
    const outcome = await connector.publish(input(partial), testContext(yt.url));
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: { code: 623, details: 'authError: Invalid Credentials' },
    });
    expect(yt.oauth.refreshes).toBe(0);
    expect(yt.counts.opened).toBe(0);
  });
});
