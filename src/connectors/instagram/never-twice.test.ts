import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/contract/connector-contract.ts';
import { META } from '../../../test/fakes/graph/meta-errors.ts';
import { type GraphFake, startGraphFake } from '../../../test/fakes/graph/server.ts';
import { newTargetId } from '../../app/target-ids.ts';
import type { LinkedAccount, MediaItem, PublishInput } from '../types.ts';
import { createInstagramConnector } from './connector.ts';

/** A post is published once per target whatever is lost on the way; deletes where Meta allows. */

const instagram = createInstagramConnector({ pollDelaysMs: [1, 1, 1] });
let fake: GraphFake;
let account: LinkedAccount;

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

function input(
  media: MediaItem[],
  options: Record<string, unknown> = {},
  text = `caption ${randomUUID()}`,
): PublishInput {
  return { targetId: newTargetId(), text, media, options, account };
}

describe('never twice', () => {
  it('a media_publish whose answer is lost is found through its container, and never sent again', async () => {
    const abort = new AbortController();
    const ctxt = { ...ctx(), signal: abort.signal };
    const sent = input([image()]);
    fake.script('ig.publish', { kind: 'hang', effect: true });
    const publishing = instagram.publish(sent, ctxt);
    await expect.poll(() => fake.state.mediaOf('ig', fake.instagram.id).length).toBe(1);
    abort.abort();
    expect(await publishing).toMatchObject({ kind: 'unknown' });
    const [media] = fake.state.mediaOf('ig', fake.instagram.id);
    const plain = { ...ctxt, signal: undefined };
    expect(await instagram.reconcile?.(sent, plain)).toEqual({
      kind: 'published',
      id: media?.id,
      postUrl: media?.permalink,
    });
    // A forced re-send of the same target adopts the post instead of publishing again.
    expect(await instagram.publish(sent, plain)).toMatchObject({ kind: 'published', id: media?.id });
    expect(fake.count('ig.publish')).toBe(1);
    expect(fake.count('ig.create')).toBe(1);
  });

  it('a media_publish dropped before Meta saw it: reconcile says not found, the re-send reuses the container', async () => {
    const ctxt = ctx();
    const sent = input([image()]);
    fake.script('ig.publish', { kind: 'drop', effect: false });
    expect(await instagram.publish(sent, ctxt)).toMatchObject({ kind: 'unknown' });
    expect(await instagram.reconcile?.(sent, ctxt)).toEqual({ kind: 'not-found' });
    expect((await instagram.publish(sent, ctxt)).kind).toBe('published');
    expect(fake.count('ig.create')).toBe(1);
    expect(fake.state.mediaOf('ig', fake.instagram.id)).toHaveLength(1);
  });

  it('a publish whose container became PUBLISHED without our answer adopts the post', async () => {
    const ctxt = ctx();
    const sent = input([image()]);
    fake.script('ig.publish', { kind: 'drop', effect: true });
    expect(await instagram.publish(sent, ctxt)).toMatchObject({ kind: 'unknown' });
    expect(await instagram.publish(sent, ctxt)).toMatchObject({ kind: 'published' });
    expect(fake.count('ig.publish')).toBe(1);
  });

  it('a container past Meta’s 24 h is replaced, whether Herald or Meta says it expired', async () => {
    const ctxt = ctx();
    const sent = input([image()]);
    await ctxt.progress.save({
      targetId: sent.targetId,
      container: '123',
      createdAt: Date.now() - 25 * 3_600_000,
    });
    expect((await instagram.publish(sent, ctxt)).kind).toBe('published');
    expect(fake.count('ig.create')).toBe(1);
    // A publish that failed, then waited a day: Meta answers EXPIRED for the kept container.
    const later = input([image()]);
    fake.failNext('ig.publish', META.appLimit);
    expect(await instagram.publish(later, ctxt)).toMatchObject({ kind: 'failed', error: { code: 435 } });
    for (const container of fake.state.containers.values()) container.createdAt -= 25 * 3_600_000;
    expect((await instagram.publish(later, ctxt)).kind).toBe('published');
    expect(fake.count('ig.create')).toBe(3);
    expect(fake.state.mediaOf('ig', fake.instagram.id)).toHaveLength(2);
  });

  it('reconcile without progress matches the caption among recent media, after the target was created', async () => {
    const sent = input([image()]);
    expect((await instagram.publish(sent, ctx())).kind).toBe('published');
    // A fresh context each time: what the core hands reconcile after a crash (no progress).
    expect(await instagram.reconcile?.(sent, ctx())).toMatchObject({ kind: 'published' });
    // The same caption on a post older than the target is somebody else's post.
    const later = { ...sent, targetId: newTargetId(Date.now() + 3_600_000) };
    expect(await instagram.reconcile?.(later, ctx())).toEqual({ kind: 'not-found' });
    // Two matching posts: never guessed.
    expect((await instagram.publish(input([image()], {}, sent.text), ctx())).kind).toBe('published');
    expect(await instagram.reconcile?.(sent, ctx())).toMatchObject({
      kind: 'unknown',
      reason: expect.stringContaining('several'),
    });
    fake.failNext('ig.list', META.unknownError);
    expect(await instagram.reconcile?.(input([image()]), ctx())).toMatchObject({ kind: 'unknown' });
    expect(await instagram.reconcile?.(input([image()], { stories: true }), ctx())).toMatchObject({
      kind: 'unknown',
    });
  });
});

describe('delete', () => {
  it('deletes through graph.facebook.com, refuses graph.instagram.com without a call, and reads 2207085 as Meta’s words', async () => {
    const outcome = await instagram.publish(input([image()]), ctx());
    const id = outcome.kind === 'published' ? outcome.id : '';
    expect(await instagram.delete?.({ id, account }, ctx())).toEqual({ kind: 'deleted' });
    expect(fake.state.mediaOf('ig', fake.instagram.id)).toHaveLength(0);
    const before = fake.requests.length;
    const elsewhere = { ...ctx(), baseUrl: 'https://graph.instagram.com' };
    expect(await instagram.delete?.({ id, account }, elsewhere)).toMatchObject({
      kind: 'failed',
      error: { code: 619 },
    });
    expect(fake.requests).toHaveLength(before);
    const other = await instagram.publish(input([image()]), ctx());
    fake.failNext('ig.delete', META.fatal);
    expect(
      await instagram.delete?.({ id: other.kind === 'published' ? other.id : '', account }, ctx()),
    ).toMatchObject({
      kind: 'failed',
      error: { code: 621, details: 'Fatal: Fatal' },
    });
  });
});
