import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/contract/connector-contract.ts';
import { META } from '../../../test/fakes/graph/meta-errors.ts';
import { type GraphFake, startGraphFake } from '../../../test/fakes/graph/server.ts';
import { newTargetId } from '../../app/target-ids.ts';
import { buildErrorBody } from '../../errors/build.ts';
import type { LinkedAccount, MediaItem, PublishInput, PublishOutcome } from '../types.ts';
import { createThreadsConnector } from './connector.ts';

const threads = createThreadsConnector({ pollDelaysMs: [1, 1, 1] });
let fake: GraphFake;
let account: LinkedAccount;

beforeEach(async () => {
  fake = await startGraphFake();
  account = {
    externalId: fake.threads.id,
    username: fake.threads.username,
    displayName: fake.threads.name,
    credentials: { threadsUserId: fake.threads.id, accessToken: fake.threads.token },
  };
});
afterEach(() => fake.close());

const ctx = () => ({ ...testContext(fake.url), apiVersion: 'v1.0' });
const image = (name = 'a'): MediaItem => ({ url: `https://media.example.com/${name}.jpg`, kind: 'image' });
const video: MediaItem = { url: 'https://media.example.com/clip.mp4', kind: 'video' };

function input(media: MediaItem[] = [], options: Record<string, unknown> = {}): PublishInput {
  return { targetId: newTargetId(), text: `thread ${randomUUID()}`, media, options, account };
}

const params = (route: Parameters<GraphFake['count']>[0]) =>
  fake.requests.filter((r) => r.route === route).map((r) => r.params);
const bodyOf = (outcome: PublishOutcome) =>
  outcome.kind === 'failed' ? buildErrorBody(outcome.error) : outcome;

describe('threads', () => {
  it('links with GET /{threadsUserId} on the Threads API version', async () => {
    const verified = await threads.verifyCredentials(
      { threadsUserId: fake.threads.id, accessToken: fake.threads.token },
      ctx(),
    );
    expect(verified).toMatchObject({
      username: 'herald.threads',
      profileUrl: 'https://www.threads.net/@herald.threads',
    });
    expect(fake.requests[0]?.version).toBe('v1.0');
  });

  it('publishes text, an image, a video and a carousel through containers', async () => {
    const text = input([], { allowCountries: ['US', 'CA'] });
    const outcome = await threads.publish(text, ctx());
    const [media] = fake.state.mediaOf('th', fake.threads.id);
    expect(outcome).toEqual({ kind: 'published', id: media?.id, postUrl: media?.permalink });
    expect(media?.permalink).toMatch(/^https:\/\/www.threads.net\/@herald.threads\/post\//);
    expect(params('th.create')[0]).toEqual({
      media_type: 'TEXT',
      text: text.text,
      allowlisted_country_codes: 'US,CA',
    });
    for (const media of [[image()], [video], [image(), video]])
      expect((await threads.publish(input(media, { altText: ['first'] }), ctx())).kind).toBe('published');
    const created = params('th.create');
    expect(created[1]).toMatchObject({
      media_type: 'IMAGE',
      image_url: 'https://media.example.com/a.jpg',
      alt_text: 'first',
    });
    expect(created[2]).toMatchObject({ media_type: 'VIDEO', video_url: video.url });
    expect(created[5]).toMatchObject({ media_type: 'CAROUSEL' });
    expect(fake.count('th.publish')).toBe(4);
  });

  it('a container that failed to download is the seed’s 379, without details', async () => {
    fake.planContainer({ error: 'FAILED_DOWNLOADING_VIDEO' });
    expect(bodyOf(await threads.publish(input([video]), ctx()))).toEqual({
      status: 'error',
      code: 379,
      message: 'Error posting to Threads.',
      action: 'post',
      platform: 'threads',
    });
  });

  it('identity verification is 326; a dead token asks for a relink (623)', async () => {
    fake.failNext('th.create', META.identity);
    expect(bodyOf(await threads.publish(input(), ctx()))).toMatchObject({ code: 326, platform: 'threads' });
    fake.revoke('th', META.sessionExpired);
    expect(bodyOf(await threads.publish(input(), ctx()))).toMatchObject({ code: 623, relink: true });
  });

  it('refuses a chain of posts (thread: true) before any call, and offers no delete', async () => {
    expect(await threads.publish(input([], { thread: true }), ctx())).toMatchObject({
      kind: 'failed',
      error: { code: 620 },
    });
    expect(fake.requests).toHaveLength(0);
    expect(threads.delete).toBeUndefined();
    expect(threads.declaration.capabilities.delete).toBe(false);
  });

  it('a lost threads_publish answer is reconciled through the container, never sent again', async () => {
    const ctxt = ctx();
    const sent = input();
    fake.script('th.publish', { kind: 'drop', effect: true });
    expect(await threads.publish(sent, ctxt)).toMatchObject({ kind: 'unknown' });
    expect(await threads.reconcile?.(sent, ctxt)).toMatchObject({ kind: 'published' });
    expect(await threads.reconcile?.(sent, ctx())).toMatchObject({ kind: 'published' });
    expect(await threads.publish(sent, ctxt)).toMatchObject({ kind: 'published' });
    expect(fake.count('th.publish')).toBe(1);
  });
});
