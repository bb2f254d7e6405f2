import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { YOUTUBE_FAILURES } from '../fakes/youtube/errors.ts';
import { type FakeYouTube, startFakeYouTube } from '../fakes/youtube/server.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { type MediaServer, solidPng, startMediaServer } from '../helpers/media-server.ts';

/**
 * YouTube end to end: POST /api/post through Herald's worker to a fake YouTube on
 * loopback. Every seed code of the YouTube sections of seed 002 is checked against
 * the seed's own body, field by field, with its HTTP status.
 */

const VIDEO = randomBytes(600_000);
const UPSTREAM_403 =
  "The authenticated user doesn't have permissions to upload and set custom video thumbnails.";
const VERIFY_MESSAGE =
  'Your YouTube channel must be verified to set a custom thumbnail. Verify your channel at https://www.youtube.com/verify (phone verification). If your channel is already verified, try unlinking and re-linking your YouTube account to restore permissions.';

let yt: FakeYouTube;
let media: MediaServer;
let t: TestHerald;

beforeAll(async () => {
  yt = await startFakeYouTube();
  media = await startMediaServer({
    '/clip.mp4': { body: VIDEO, type: 'video/mp4' },
    '/thumb.png': { body: solidPng(16, 9, [10, 200, 10]), type: 'image/png' },
    // 3 MB: over YouTube's 2 MB thumbnail limit.
    '/big.png': {
      body: Buffer.concat([solidPng(4, 4, [1, 2, 3]), randomBytes(3 * 1024 * 1024)]),
      type: 'image/png',
    },
  });
  t = await startTestHerald({
    env: {
      HERALD_YOUTUBE_API_URL: yt.url,
      HERALD_MEDIA_ALLOW: '127.0.0.1',
      // A retryable failure is answered at once (no automatic re-queue), as the seed shows it.
      HERALD_MAX_AUTO_RETRIES: '0',
    },
  });
  const linked = await t.request('POST', '/api/accounts', {
    platform: 'youtube',
    credentials: { accessToken: yt.token },
  });
  expect(linked.status).toBe(200);
});
afterAll(async () => {
  await t?.stop();
  await yt?.close();
  await media?.close();
});
beforeEach(() => {
  if (yt.channel) yt.channel.verified = true;
});

function post(youTubeOptions: Record<string, unknown> = {}, text = 'A video from Herald') {
  return t.request('POST', '/api/post', {
    post: text,
    platforms: ['youtube'],
    mediaUrls: [media.url('/clip.mp4')],
    youTubeOptions: { title: 'Herald e2e', ...youTubeOptions },
  });
}

describe('YouTube through POST /api/post', () => {
  it('links the channel of the token', async () => {
    const accounts = await t.request('GET', '/api/accounts');
    expect(JSON.stringify(accounts.body)).toContain('UC_fake_channel_0001');
  });

  it('publishes a video: 200 success with the video id and URL', async () => {
    const res = await post();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'success', errors: [] });
    const [entry] = res.body.postIds as { id: string; postUrl: string; status: string; platform: string }[];
    expect(entry).toEqual({
      status: 'success',
      id: expect.any(String),
      postUrl: `https://www.youtube.com/watch?v=${entry?.id}`,
      platform: 'youtube',
    });
    expect(yt.videos.get(entry?.id ?? '')?.bytes.equals(VIDEO)).toBe(true);
  });

  it('refuses a post without a title before anything is stored (620)', async () => {
    const before = await t.count('posts');
    const res = await t.request('POST', '/api/post', {
      post: 'no title',
      platforms: ['youtube'],
      mediaUrls: [media.url('/clip.mp4')],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      {
        action: 'post',
        status: 'error',
        code: 620,
        message: 'Invalid youTubeOptions: youTubeOptions.title is required: YouTube needs a video title.',
        platform: 'youtube',
      },
    ]);
    expect(await t.count('posts')).toBe(before);
  });
});

describe('seed 307: a thumbnail never fails the post', () => {
  it('a 3 MB thumbnail: 200 success, the 307 warning and the legacy thumbnail object; the video uploaded once', async () => {
    const [completed, opened] = [yt.sessions.completed, yt.counts.opened];
    const res = await post({ thumbNail: media.url('/big.png') });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('success');
    const message =
      'The custom thumbnail was not applied: the file is larger than 2 MB. The video was published without it.';
    expect(res.body.warnings).toEqual([{ feature: 'thumbnail', code: 307, message }]);
    const [entry] = res.body.postIds as Record<string, unknown>[];
    expect(entry).toMatchObject({ status: 'success', platform: 'youtube' });
    expect(entry?.thumbnail).toEqual({ action: 'post', status: 'error', code: 307, message });
    expect(yt.sessions.completed).toBe(completed + 1);
    expect(yt.counts.opened).toBe(opened + 1);
    expect(yt.thumbnails.has(String(entry?.id))).toBe(false);
  });

  it('an unverified channel: the seed’s success + warnings body, field for field', async () => {
    if (yt.channel) yt.channel.verified = false;
    const res = await post({ thumbNail: media.url('/thumb.png') });
    expect(res.status).toBe(200);
    const [entry] = res.body.postIds as Record<string, unknown>[];
    // Seed 002, "YouTube Thumbnail Errors Code 307", with <upstream message> filled in.
    const seed = {
      status: 'success',
      id: entry?.id,
      thumbnail: {
        action: 'post',
        status: 'error',
        code: 307,
        message: VERIFY_MESSAGE,
        details: UPSTREAM_403,
      },
      warnings: [{ feature: 'thumbnail', code: 307, message: VERIFY_MESSAGE, details: UPSTREAM_403 }],
    };
    expect({
      status: entry?.status,
      id: entry?.id,
      thumbnail: entry?.thumbnail,
      warnings: res.body.warnings,
    }).toEqual(seed);
    expect(res.body.status).toBe('success');
  });

  it('a good thumbnail is set, with no warning', async () => {
    const res = await post({ thumbNail: media.url('/thumb.png') });
    expect(res.status).toBe(200);
    expect(res.body.warnings).toBeUndefined();
    const [entry] = res.body.postIds as { id: string }[];
    expect(yt.thumbnails.get(entry?.id ?? '')).toMatchObject({ type: 'image/png' });
  });
});

describe('seed 453 and 454, and the quota codes', () => {
  it('453: Google’s ingest timed out → HTTP 504 and the seed’s body', async () => {
    yt.failNext('chunk', YOUTUBE_FAILURES.ingestTimeout());
    const res = await post();
    expect(res.status).toBe(504);
    expect(res.body).toMatchObject({ status: 'error', postIds: [] });
    expect(res.body.errors).toEqual([
      {
        action: 'post',
        status: 'error',
        code: 453,
        message:
          'YouTube upload timed out (Google ingest). This is typically transient; please retry in 1–2 minutes.',
        retryAvailable: true,
        platform: 'youtube',
      },
    ]);
  });

  it('454: the connection reset mid-upload → HTTP 503 and the seed’s body; the retry resumes the same upload', async () => {
    yt.failNext('chunk', { lost: true });
    const [completed, opened] = [yt.sessions.completed, yt.counts.opened];
    const res = await post();
    expect(res.status).toBe(503);
    expect(res.body.errors).toEqual([
      {
        action: 'post',
        status: 'error',
        code: 454,
        message: 'YouTube upload service temporarily unavailable. Please retry.',
        retryAvailable: true,
        platform: 'youtube',
      },
    ]);
    const retried = await t.request('PUT', '/api/post/retry', { id: res.body.id });
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('success');
    // The same session was resumed: no second video, no second session.
    expect(yt.counts.opened).toBe(opened + 1);
    expect(yt.sessions.completed).toBe(completed + 1);
  });

  it('454 also for a 5xx of the upload endpoint (backendError)', async () => {
    yt.failNext('chunk', YOUTUBE_FAILURES.backendError());
    const res = await post();
    expect(res.status).toBe(503);
    expect((res.body.errors as { code: number }[])[0]?.code).toBe(454);
  });

  it.each([
    ['quotaExceeded', YOUTUBE_FAILURES.quotaExceeded(), 628, 'YouTube daily API quota exhausted'],
    [
      'uploadsPerDay (429)',
      YOUTUBE_FAILURES.uploadsPerDay(),
      628,
      'YouTube daily video upload quota exhausted',
    ],
    [
      'uploadLimitExceeded',
      YOUTUBE_FAILURES.uploadLimitExceeded(),
      629,
      'YouTube upload limit reached for this channel',
    ],
  ])('%s → %i saying which quota (HTTP 429)', async (_name, answer, code, start) => {
    yt.failNext('open', answer);
    const res = await post();
    expect(res.status).toBe(429);
    const [error] = res.body.errors as Record<string, unknown>[];
    expect(error).toMatchObject({
      action: 'post',
      status: 'error',
      code,
      retryAvailable: true,
      platform: 'youtube',
    });
    expect(String(error?.message)).toMatch(new RegExp(`^${start}`));
  });

  it('authError → 623 (HTTP 401) asking for a relink', async () => {
    yt.failNext('open', YOUTUBE_FAILURES.authError());
    const res = await post();
    expect(res.status).toBe(401);
    expect(res.body.errors).toEqual([
      {
        action: 'post',
        status: 'error',
        code: 623,
        message: 'YouTube authorization error. Unlink and re-link YouTube, then retry.',
        details: 'authError: Invalid Credentials',
        relink: true,
        platform: 'youtube',
      },
    ]);
  });

  it('another refusal → 176 with YouTube’s reason in details', async () => {
    yt.failNext('open', YOUTUBE_FAILURES.invalidTitle());
    const res = await post();
    expect(res.status).toBe(500);
    expect(res.body.errors).toEqual([
      {
        action: 'post',
        status: 'error',
        code: 176,
        message: 'Error posting to YouTube.',
        details: 'invalidTitle: The request metadata specifies an invalid or empty video title.',
        platform: 'youtube',
      },
    ]);
  });
});

describe('DELETE /api/post', () => {
  it('deletes the video at YouTube', async () => {
    const res = await post();
    const [entry] = res.body.postIds as { id: string }[];
    const deleted = await t.request('DELETE', '/api/post', { id: res.body.id });
    expect(deleted.status).toBe(200);
    expect(yt.videos.has(entry?.id ?? '')).toBe(false);
  });
});

describe('an expired Google access token', () => {
  it('is refreshed with the stored refresh token: 200, and the next post uses the new token', async () => {
    // Link again with the refresh credentials of the user's OAuth client.
    const relinked = await t.request('POST', '/api/accounts', {
      platform: 'youtube',
      credentials: {
        accessToken: yt.token,
        refreshToken: yt.oauth.refreshToken,
        clientId: yt.oauth.clientId,
        clientSecret: yt.oauth.clientSecret,
        tokenUrl: yt.tokenUrl,
      },
    });
    expect(relinked.status).toBe(200);
    yt.expireToken();
    const res = await post();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'success', errors: [] });
    expect(yt.oauth.refreshes).toBe(1);
    // The fake accepts only the new token: this post succeeds only if the stored credentials hold it.
    const next = await post();
    expect(next.status).toBe(200);
    expect(yt.oauth.refreshes).toBe(1);
  });
});
