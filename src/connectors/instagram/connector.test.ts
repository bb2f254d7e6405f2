import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/contract/connector-contract.ts';
import { META } from '../../../test/fakes/graph/meta-errors.ts';
import { type GraphFake, startGraphFake } from '../../../test/fakes/graph/server.ts';
import { type MediaHost, startMediaHost } from '../../../test/fakes/media-server/server.ts';
import { newTargetId } from '../../app/target-ids.ts';
import { buildErrorBody } from '../../errors/build.ts';
import type { HeraldError } from '../../errors/herald-error.ts';
import type { LinkedAccount, MediaItem, PublishInput } from '../types.ts';
import { createInstagramConnector } from './connector.ts';

const instagram = createInstagramConnector({ pollDelaysMs: [1, 1, 1] });
let fake: GraphFake;
let host: MediaHost;
let account: LinkedAccount;

beforeAll(async () => {
  host = await startMediaHost();
});
afterAll(() => host.close());
beforeEach(async () => {
  fake = await startGraphFake();
  account = {
    externalId: fake.instagram.id,
    username: fake.instagram.username,
    displayName: fake.instagram.name,
    credentials: { igUserId: fake.instagram.id, accessToken: fake.instagram.token },
  };
});
afterEach(() => fake.close());

const ctx = () => ({ ...testContext(fake.url), apiVersion: 'v23.0' });
const image = (url = 'https://media.example.com/a.jpg'): MediaItem => ({ url, kind: 'image' });
const video = (url = 'https://media.example.com/a.mp4'): MediaItem => ({ url, kind: 'video' });

function input(
  media: MediaItem[],
  options: Record<string, unknown> = {},
  text = `caption ${randomUUID()}`,
): PublishInput {
  return { targetId: newTargetId(), text, media, options, account };
}

const params = (route: Parameters<GraphFake['count']>[0]) =>
  fake.requests.filter((r) => r.route === route).map((r) => r.params);

describe('verifyCredentials', () => {
  it('links with GET /{igUserId} and keeps id and token', async () => {
    const verified = await instagram.verifyCredentials(
      { igUserId: fake.instagram.id, accessToken: fake.instagram.token },
      ctx(),
    );
    expect(verified).toEqual({
      externalId: fake.instagram.id,
      username: 'herald.test',
      displayName: 'Herald Test',
      profileUrl: 'https://www.instagram.com/herald.test/',
      credentials: { igUserId: fake.instagram.id, accessToken: fake.instagram.token },
    });
    expect(fake.requests[0]).toMatchObject({
      method: 'GET',
      version: 'v23.0',
      params: { fields: 'id,username,name' },
    });
    // The token travels in a header, never in the URL.
    expect(fake.requests[0]?.authorization).toBe(`Bearer ${fake.instagram.token}`);
  });

  it('refuses a wrong token (613), a malformed id (613), and answers 326 as 326', async () => {
    const refused = (raw: Record<string, unknown>) =>
      instagram.verifyCredentials(raw, ctx()).catch((e: unknown) => (e as HeraldError).spec);
    expect(await refused({ igUserId: fake.instagram.id, accessToken: 'nope' })).toEqual({
      code: 613,
      params: { platformName: 'Instagram' },
      details: '(190) Invalid OAuth access token - Cannot parse access token',
    });
    expect(await refused({ igUserId: '@herald', accessToken: 'x' })).toMatchObject({
      code: 613,
      details: expect.stringContaining('numeric'),
    });
    fake.failNext('ig.user', META.identity);
    expect(await refused({ igUserId: fake.instagram.id, accessToken: fake.instagram.token })).toMatchObject({
      code: 326,
    });
    expect(fake.count('ig.create')).toBe(0);
  });
});

describe('publish', () => {
  it('publishes a photo: container, status, media_publish once, permalink', async () => {
    const sent = input([image()], { altText: ['a cat'], locationId: 123, collaborators: ['friend'] });
    const outcome = await instagram.publish(sent, ctx());
    const [media] = fake.state.mediaOf('ig', fake.instagram.id);
    expect(outcome).toEqual({ kind: 'published', id: media?.id, postUrl: media?.permalink });
    expect(params('ig.create')).toEqual([
      {
        image_url: 'https://media.example.com/a.jpg',
        alt_text: 'a cat',
        caption: sent.text,
        location_id: '123',
        collaborators: '["friend"]',
      },
    ]);
    expect(fake.count('ig.publish')).toBe(1);
  });

  it('publishes a reel after the video finished processing, with its options', async () => {
    const options = {
      shareReelsFeed: true,
      thumbNail: 'https://media.example.com/cover.jpg',
      audioName: 'Song',
      trialParams: { graduationStrategy: 'SS_PERFORMANCE' },
    };
    const outcome = await instagram.publish(input([video()], options), ctx());
    expect(outcome.kind).toBe('published');
    expect(params('ig.create')[0]).toMatchObject({
      media_type: 'REELS',
      video_url: 'https://media.example.com/a.mp4',
      share_to_feed: 'true',
      cover_url: 'https://media.example.com/cover.jpg',
      audio_name: 'Song',
      trial_params: '{"graduation_strategy":"SS_PERFORMANCE"}',
    });
    // A video answers IN_PROGRESS first: the connector read the status until FINISHED.
    expect(fake.count('ig.status')).toBe(2);
  });

  it('publishes a carousel: items first, then the parent naming them, as one post', async () => {
    const sent = input([image(), video(), image('https://media.example.com/b.jpg')]);
    expect((await instagram.publish(sent, ctx())).kind).toBe('published');
    const created = params('ig.create');
    expect(created.slice(0, 3).map((p) => p.is_carousel_item)).toEqual(['true', 'true', 'true']);
    expect(created[1]).toMatchObject({ media_type: 'VIDEO' });
    const children = [...fake.state.containers.values()]
      .filter((c) => c.params.is_carousel_item)
      .map((c) => c.id);
    expect(created[3]).toEqual({ media_type: 'CAROUSEL', children: children.join(','), caption: sent.text });
    expect(fake.state.mediaOf('ig', fake.instagram.id)).toHaveLength(1);
  });

  it('publishes a story without caption', async () => {
    expect((await instagram.publish(input([image()], { stories: true }), ctx())).kind).toBe('published');
    expect(params('ig.create')).toEqual([
      { media_type: 'STORIES', image_url: 'https://media.example.com/a.jpg' },
    ]);
  });

  it('refuses trial reels and media-less posts before any call', async () => {
    const outcomes = await Promise.all([
      instagram.publish(input([video()], { trialParams: {} }), ctx()),
      instagram.publish(input([video()], { trialParams: { graduationStrategy: 'manual' } }), ctx()),
      instagram.publish(input([video(), video()], { trialParams: { graduationStrategy: 'MANUAL' } }), ctx()),
      instagram.publish(input([]), ctx()),
    ]);
    expect(outcomes.map((o) => (o.kind === 'failed' ? o.error.code : o.kind))).toEqual([447, 448, 449, 136]);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('failures', () => {
  it('a container still processing after the polling bound is 436, and a retry reuses it', async () => {
    fake.planContainer({ reads: 10 });
    const ctxt = ctx();
    const sent = input([video()]);
    const first = await instagram.publish(sent, ctxt);
    expect(first).toEqual({
      kind: 'failed',
      error: { code: 436, platform: 'instagram', params: { platformName: 'Instagram' } },
    });
    expect(buildErrorBody(first.kind === 'failed' ? first.error : { code: 0 })).toMatchObject({
      code: 436,
      retryAvailable: true,
    });
    expect(fake.count('ig.publish')).toBe(0);
    // Meta keeps processing; the retry waits for the same container.
    const second = await createInstagramConnector({ pollDelaysMs: Array(10).fill(1) }).publish(sent, ctxt);
    expect(second.kind).toBe('published');
    expect(fake.count('ig.create')).toBe(1);
  });

  it('a container in ERROR with a fetch subcode is 138 mediaFetch, and a retry makes a new container', async () => {
    fake.planContainer({ error: 'Error: 2207077' });
    const ctxt = ctx();
    const sent = input([video()]);
    const outcome = await instagram.publish(sent, ctxt);
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: { code: 138, variant: 'mediaFetch', details: 'Error: 2207077' },
    });
    expect((await instagram.publish(sent, ctxt)).kind).toBe('published');
    expect(fake.count('ig.create')).toBe(2);
  });

  it('an aspect-ratio refusal names the ratio Herald measured, else falls back to the generic 138', async () => {
    fake.failNext('ig.create', META.aspectRatio('1440/2158'));
    const named = await instagram.publish(input([image(host.url('/tall.jpg'))]), ctx());
    expect(named.kind === 'failed' && buildErrorBody(named.error)).toEqual({
      action: 'post',
      status: 'error',
      code: 138,
      message:
        "Instagram Error: There was an issue posting to Instagram. The submitted image with aspect ratio ('1440/2158',) cannot be published. Please submit an image with a valid aspect ratio.",
      platform: 'instagram',
    });
    fake.failNext('ig.create', META.aspectRatio('1/3'));
    const unknown = await instagram.publish(input([image(host.url('/missing.jpg'))]), ctx());
    expect(unknown).toMatchObject({
      kind: 'failed',
      error: { code: 138, details: expect.stringContaining("('1/3',)") },
    });
    expect(unknown.kind === 'failed' && unknown.error.variant).toBeUndefined();
  });

  it('435 takes its wait from Retry-After, then the BUC header, then the publishing-limit endpoint', async () => {
    fake.failNext(
      'ig.publish',
      { code: 4, classic: true, message: 'Application request limit reached', status: 429 },
      { 'retry-after': '120' },
    );
    expect(await instagram.publish(input([image()]), ctx())).toMatchObject({
      error: { code: 435, params: { retryAfter: 120 } },
    });
    const buc = JSON.stringify({
      [fake.instagram.id]: [{ type: 'instagram', call_count: 100, estimated_time_to_regain_access: 7 }],
    });
    fake.failNext('ig.publish', META.spam, {});
    fake.failNext('ig.publish', META.postingTooFast, { 'x-business-use-case-usage': buc });
    expect(await instagram.publish(input([image()]), ctx())).toMatchObject({ error: { code: 258 } });
    const throttled = await instagram.publish(input([image()]), ctx());
    expect(throttled.kind === 'failed' && buildErrorBody(throttled.error)).toEqual({
      action: 'rate limit',
      status: 'error',
      code: 435,
      message: 'Instagram rate limit reached. Please wait before retrying your post.',
      details: 'Retry-After: 420',
      platform: 'instagram',
    });
  });

  it('the publishing limit (9/2207042) is computed from content_publishing_limit when Meta sends no header', async () => {
    fake.state.quotaTotal = 2;
    for (const n of [1, 2])
      expect((await instagram.publish(input([image()], {}, `post ${n}`), ctx())).kind).toBe('published');
    const oldest = fake.state.mediaOf('ig', fake.instagram.id).at(-1);
    if (oldest) oldest.createdAt -= 3_600_000;
    const over = await instagram.publish(input([image()]), ctx());
    expect(over).toMatchObject({ kind: 'failed', error: { code: 435 } });
    const wait = over.kind === 'failed' ? Number(over.error.params?.retryAfter) : 0;
    expect(wait).toBeGreaterThan(86_400 - 3_600 - 60);
    expect(wait).toBeLessThanOrEqual(86_400 - 3_600);
    expect(fake.count('ig.limit')).toBe(1);
  });

  it('maps account state and identity answers at container creation', async () => {
    fake.failNext('ig.create', META.fatal);
    fake.failNext('ig.create', META.restricted);
    fake.failNext('ig.create', META.identity);
    const codes = [];
    for (let i = 0; i < 3; i++) {
      const outcome = await instagram.publish(input([image()]), ctx());
      codes.push(
        outcome.kind === 'failed'
          ? `${outcome.error.code}${outcome.error.variant ? `.${outcome.error.variant}` : ''}`
          : outcome.kind,
      );
    }
    expect(codes).toEqual(['258.relink', '258', '326']);
  });
});
