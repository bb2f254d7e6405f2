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

  it('offers no delete (619)', () => {
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

describe('threads chains (thread: true)', () => {
  const chain = (text: string, options: Record<string, unknown> = {}, media: MediaItem[] = []) => ({
    ...input(media, { thread: true, ...options }),
    text,
  });
  const texts = (rootId: string) => fake.state.chainFrom(rootId).map((m) => m.text);

  it('publishes a chain of 3, each part a reply to the one before; the id and URL are the first part’s', async () => {
    const outcome = await threads.publish(chain('one\n\ntwo\n\nthree'), ctx());
    const root = fake.state.mediaOf('th', fake.threads.id).find((m) => m.replyTo === undefined);
    expect(outcome).toEqual({ kind: 'published', id: root?.id, postUrl: root?.permalink });
    const parts = fake.state.chainFrom(root?.id as string);
    expect(parts.map((m) => m.text)).toEqual(['one', 'two', 'three']);
    expect(params('th.create')).toEqual([
      { media_type: 'TEXT', text: 'one' },
      { media_type: 'TEXT', text: 'two', reply_to_id: parts[0]?.id },
      { media_type: 'TEXT', text: 'three', reply_to_id: parts[1]?.id },
    ]);
    expect(fake.count('th.publish')).toBe(3);
  });

  it('threadNumber appends n/total; media and alt text go on the first part only', async () => {
    const sent = chain('a\n\nb', { threadNumber: true, altText: ['the photo'] }, [image()]);
    const outcome = await threads.publish(sent, ctx());
    expect(outcome.kind).toBe('published');
    expect(texts(outcome.kind === 'published' ? outcome.id : '')).toEqual(['a 1/2', 'b 2/2']);
    const [first, second] = params('th.create');
    expect(first).toEqual({
      media_type: 'IMAGE',
      image_url: 'https://media.example.com/a.jpg',
      alt_text: 'the photo',
      text: 'a 1/2',
    });
    expect(second).toEqual({
      media_type: 'TEXT',
      text: 'b 2/2',
      reply_to_id: outcome.kind === 'published' ? outcome.id : '',
    });
  });

  it('a failure at part 2, then a retry: parts 2 and 3 only, each published once', async () => {
    const ctxt = ctx();
    const sent = chain('one\n\ntwo\n\nthree');
    fake.planContainer({});
    fake.planContainer({ error: 'UNKNOWN' });
    expect(bodyOf(await threads.publish(sent, ctxt))).toMatchObject({ code: 379, platform: 'threads' });
    expect(fake.count('th.publish')).toBe(1);
    expect(fake.count('th.create')).toBe(2);
    const retried = await threads.publish(sent, ctxt);
    expect(retried.kind).toBe('published');
    const rootId = retried.kind === 'published' ? retried.id : '';
    expect(texts(rootId)).toEqual(['one', 'two', 'three']);
    expect(fake.state.mediaOf('th', fake.threads.id)).toHaveLength(3);
    expect(fake.count('th.publish')).toBe(3);
    // The retry made a new container for part 2 (the failed one cannot be published) and one for part 3.
    expect(
      params('th.create')
        .slice(2)
        .map((p) => p.text),
    ).toEqual(['two', 'three']);
    expect(ctxt.logs).toContain('threads: resuming chain');
    // Published: one more attempt sends nothing.
    expect(await threads.publish(sent, ctxt)).toEqual(retried);
    expect(fake.count('th.publish')).toBe(3);
  });

  it('the container of part 2, created but refused at threads_publish, is reused by the retry', async () => {
    const ctxt = ctx();
    const sent = chain('one\n\ntwo\n\nthree');
    fake.script('th.publish', { kind: 'headers', headers: {} });
    fake.failNext('th.publish', META.sessionExpired);
    expect(bodyOf(await threads.publish(sent, ctxt))).toMatchObject({ code: 623, relink: true });
    expect([fake.count('th.create'), fake.count('th.publish')]).toEqual([2, 2]);
    const outcome = await threads.publish(sent, ctxt);
    expect(outcome.kind).toBe('published');
    expect(texts(outcome.kind === 'published' ? outcome.id : '')).toEqual(['one', 'two', 'three']);
    // One new container (part 3); part 2's container was published as it was.
    expect([fake.count('th.create'), fake.count('th.publish')]).toEqual([3, 4]);
    expect(fake.state.mediaOf('th', fake.threads.id)).toHaveLength(3);
  });

  it('a lost answer at part 2 is reconciled part by part, then the chain resumes at part 3', async () => {
    const ctxt = ctx();
    const sent = chain('one\n\ntwo\n\nthree');
    fake.planContainer({});
    fake.script('th.publish', { kind: 'headers', headers: {} });
    fake.script('th.publish', { kind: 'drop', effect: true });
    expect(await threads.publish(sent, ctxt)).toMatchObject({ kind: 'unknown' });
    expect(fake.state.mediaOf('th', fake.threads.id)).toHaveLength(2);
    // Part 2 is PUBLISHED at Meta: found among the user's replies; part 3 never left.
    expect(await threads.reconcile?.(sent, ctxt)).toEqual({ kind: 'not-found' });
    expect(fake.count('th.replies')).toBe(1);
    const outcome = await threads.publish(sent, ctxt);
    expect(outcome.kind).toBe('published');
    expect(texts(outcome.kind === 'published' ? outcome.id : '')).toEqual(['one', 'two', 'three']);
    expect(fake.count('th.publish')).toBe(3);
    expect(await threads.reconcile?.(sent, ctxt)).toEqual(outcome);
  });

  it('reconciles a chain that never reached Meta as not found (its first part looked up by text)', async () => {
    const sent = chain('alpha\n\nbeta');
    expect(await threads.reconcile?.(sent, ctx())).toEqual({ kind: 'not-found' });
    expect([fake.count('th.list'), fake.count('th.replies'), fake.count('th.publish')]).toEqual([1, 0, 0]);
  });
});
