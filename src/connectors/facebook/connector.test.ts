import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/contract/connector-contract.ts';
import { META } from '../../../test/fakes/graph/meta-errors.ts';
import { type GraphFake, startGraphFake } from '../../../test/fakes/graph/server.ts';
import { newTargetId } from '../../app/target-ids.ts';
import { buildErrorBody } from '../../errors/build.ts';
import type { HeraldError } from '../../errors/herald-error.ts';
import type { LinkedAccount, MediaItem, PublishInput, PublishOutcome } from '../types.ts';
import { facebookConnector as facebook } from './connector.ts';

let fake: GraphFake;
let account: LinkedAccount;

beforeEach(async () => {
  fake = await startGraphFake();
  account = {
    externalId: fake.page.id,
    username: fake.page.username,
    displayName: fake.page.name,
    credentials: { pageId: fake.page.id, pageAccessToken: fake.page.token },
  };
});
afterEach(() => fake.close());

const ctx = () => ({ ...testContext(fake.url), apiVersion: 'v23.0' });
const image = (name = 'a'): MediaItem => ({ url: `https://media.example.com/${name}.jpg`, kind: 'image' });
const video: MediaItem = { url: 'https://media.example.com/clip.mp4', kind: 'video' };

function input(
  media: MediaItem[] = [],
  options: Record<string, unknown> = {},
  text = `hello ${randomUUID()}`,
): PublishInput {
  return { targetId: newTargetId(), text, media, options, account };
}

const params = (route: Parameters<GraphFake['count']>[0]) =>
  fake.requests.filter((r) => r.route === route).map((r) => r.params);
const errorOf = (outcome: PublishOutcome) =>
  outcome.kind === 'failed' ? buildErrorBody(outcome.error) : outcome;

describe('verifyCredentials', () => {
  it('links a Page with its Page token', async () => {
    const verified = await facebook.verifyCredentials(
      { pageId: fake.page.id, pageAccessToken: fake.page.token },
      ctx(),
    );
    expect(verified).toEqual({
      externalId: fake.page.id,
      username: 'heraldtestpage',
      displayName: 'Herald Test Page',
      profileUrl: 'https://www.facebook.com/heraldtestpage',
      credentials: { pageId: fake.page.id, pageAccessToken: fake.page.token },
    });
  });

  it('refuses a token of another account (613), as the Page "does not exist" for it', async () => {
    const refused = await facebook
      .verifyCredentials({ pageId: fake.page.id, pageAccessToken: fake.instagram.token }, ctx())
      .catch((e: unknown) => (e as HeraldError).spec);
    expect(refused).toMatchObject({
      code: 613,
      details: expect.stringMatching(/^\(100\/33\) Unsupported get request/),
    });
  });
});

describe('publish', () => {
  it('publishes text with a link to /feed and answers the post URL', async () => {
    const sent = input([], { link: 'https://example.com' });
    const outcome = await facebook.publish(sent, ctx());
    const [page, post] = (outcome.kind === 'published' ? outcome.id : '').split('_');
    expect(page).toBe(fake.page.id);
    expect(outcome).toMatchObject({
      kind: 'published',
      postUrl: `https://www.facebook.com/${page}/posts/${post}`,
    });
    expect(params('fb.feed')).toEqual([{ message: sent.text, link: 'https://example.com' }]);
  });

  it('an identical second status is Meta’s duplicate (#506): the seed’s 107', async () => {
    const text = `same ${randomUUID()}`;
    expect((await facebook.publish(input([], {}, text), ctx())).kind).toBe('published');
    expect(errorOf(await facebook.publish(input([], {}, text), ctx()))).toEqual({
      action: 'post',
      status: 'error',
      code: 107,
      message:
        'Facebook Error: This status update is identical to the last one you posted. Try posting something different, or delete your previous update.',
      platform: 'facebook',
    });
  });

  it('publishes one photo with its caption; several as unpublished photos attached to one post', async () => {
    const one = await facebook.publish(input([image()], { altText: ['alt'] }), ctx());
    expect(one).toMatchObject({ kind: 'published', id: expect.stringContaining(`${fake.page.id}_`) });
    expect(params('fb.photos')[0]).toMatchObject({
      url: 'https://media.example.com/a.jpg',
      alt_text_custom: 'alt',
    });
    const many = await facebook.publish(input([image('x'), image('y')]), ctx());
    expect(many.kind).toBe('published');
    expect(
      params('fb.photos')
        .slice(1)
        .map((p) => p.published),
    ).toEqual(['false', 'false']);
    expect(Object.keys(params('fb.feed')[0] ?? {}).sort()).toEqual([
      'attached_media[0]',
      'attached_media[1]',
      'message',
    ]);
  });

  it('a multi-photo post that failed after its uploads reuses them on retry', async () => {
    const ctxt = ctx();
    const sent = input([image('x'), image('y')]);
    fake.failNext('fb.feed', META.appLimit);
    expect(await facebook.publish(sent, ctxt)).toMatchObject({ kind: 'failed', error: { code: 624 } });
    expect((await facebook.publish(sent, ctxt)).kind).toBe('published');
    expect(fake.count('fb.photos')).toBe(2);
  });

  it('publishes a video, a reel (start, upload by URL, finish) and stories', async () => {
    expect(await facebook.publish(input([video], { title: 'T' }), ctx())).toMatchObject({
      kind: 'published',
      postUrl: expect.stringMatching(new RegExp(`^https://www.facebook.com/${fake.page.id}/videos/\\d+$`)),
    });
    expect(params('fb.videos')[0]).toMatchObject({ file_url: video.url, title: 'T' });
    const reel = await facebook.publish(input([video], { reels: true }), ctx());
    expect(reel).toMatchObject({
      kind: 'published',
      postUrl: expect.stringMatching(/^https:\/\/www.facebook.com\/reel\/\d+$/),
    });
    expect(params('fb.video_reels').map((p) => p.upload_phase)).toEqual(['start', 'finish']);
    const upload = fake.requests.find((r) => r.route === 'fb.upload');
    expect(upload?.authorization).toBe(`OAuth ${fake.page.token}`);
    expect((await facebook.publish(input([image()], { stories: true }), ctx())).kind).toBe('published');
    expect((await facebook.publish(input([video], { stories: true }), ctx())).kind).toBe('published');
    expect(fake.count('fb.photo_stories')).toBe(1);
    expect(params('fb.video_stories').map((p) => p.upload_phase)).toEqual(['start', 'finish']);
  });
});

describe('failures', () => {
  it('a revoked token is the seed’s 161; identity verification is 326 (HTTP 403, no relink)', async () => {
    fake.failNext('fb.feed', META.identity);
    expect(errorOf(await facebook.publish(input(), ctx()))).toEqual({
      action: 'post',
      status: 'error',
      code: 326,
      message:
        'Meta is requesting additional identity verification for this account. Complete it at https://www.facebook.com/business-support-home and then retry. Reconnecting the account will not resolve this.',
      platform: 'facebook',
    });
    fake.revoke('fb', META.passwordChanged);
    expect(errorOf(await facebook.publish(input(), ctx()))).toEqual({
      action: 'post',
      status: 'error',
      code: 161,
      message:
        'Facebook authorization error. This can occur if your Facebook security changes. Try unlinking and re-linking Facebook or contact us for assistance.',
      platform: 'facebook',
    });
  });

  it('a server error at the publishing call is unknown; before it, a delayed retry', async () => {
    fake.failNext('fb.feed', META.unknownError);
    expect(await facebook.publish(input(), ctx())).toMatchObject({ kind: 'unknown' });
    fake.failNext('fb.photos', META.unknownError);
    expect(await facebook.publish(input([image('x'), image('y')]), ctx())).toMatchObject({
      kind: 'failed',
      error: { code: 625 },
      retryAfterMs: 30_000,
    });
    fake.script('fb.feed', { kind: 'drop', effect: true });
    expect(await facebook.publish(input(), ctx())).toMatchObject({ kind: 'unknown' });
  });

  it('a Page throttle waits for the BUC estimate', async () => {
    const buc = JSON.stringify({
      [fake.page.id]: [{ type: 'pages', call_count: 100, estimated_time_to_regain_access: 12 }],
    });
    fake.failNext('fb.feed', META.pageThrottle, { 'x-business-use-case-usage': buc });
    expect(errorOf(await facebook.publish(input(), ctx()))).toEqual({
      action: 'rate limit',
      status: 'error',
      code: 624,
      message: 'Facebook rate limit reached. Please wait before retrying your post.',
      details: 'Retry-After: 720',
      retryAvailable: true,
      platform: 'facebook',
    });
  });
});

describe('delete', () => {
  it('deletes a post and a video by id', async () => {
    for (const media of [[], [video]]) {
      const outcome = await facebook.publish(input(media), ctx());
      const before = fake.state.posts.size;
      expect(
        await facebook.delete?.({ id: outcome.kind === 'published' ? outcome.id : '', account }, ctx()),
      ).toEqual({ kind: 'deleted' });
      expect(fake.state.posts.size).toBe(before - 1);
    }
    // Gone already (or not ours): Meta's words, not a relink prompt.
    expect(await facebook.delete?.({ id: '123_456', account }, ctx())).toMatchObject({
      kind: 'failed',
      error: { code: 621, details: expect.stringContaining("Object with ID '123_456' does not exist") },
    });
    fake.revoke('fb', META.sessionExpired);
    expect(await facebook.delete?.({ id: '123_456', account }, ctx())).toMatchObject({
      kind: 'failed',
      error: { code: 161 },
    });
  });
});
