import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedAccountOf, testContext } from '../../../test/contract/connector-contract.ts';
import { startPds, type TestPds } from '../../../test/helpers/pds.ts';
import type { CommentWrite, LinkedAccount } from '../types.ts';
import { blueskyComments as comments } from './comments.ts';
import { blueskyConnector as bluesky } from './connector.ts';

/** Bluesky comments against a real PDS (records written, read back and deleted there). */

let pds: TestPds;
let account: LinkedAccount;
let postUri: string;

beforeAll(async () => {
  pds = await startPds();
  account = linkedAccountOf(
    await bluesky.verifyCredentials(
      { identifier: pds.handle, appPassword: pds.password },
      testContext(pds.url),
    ),
  );
  const outcome = await bluesky.publish(
    { targetId: randomUUID(), text: 'A post to comment on', media: [], options: {}, account },
    testContext(pds.url),
  );
  if (outcome.kind !== 'published') throw new Error(JSON.stringify(outcome));
  postUri = outcome.id;
});
afterAll(() => pds?.close());

function write(text: string, extra: Partial<CommentWrite> = {}): CommentWrite {
  return { key: randomUUID(), text, media: [], account, postId: postUri, ...extra };
}

async function stored(uri: string): Promise<Record<string, unknown>> {
  const { data } = await pds.agent.com.atproto.repo.getRecord({
    repo: pds.did,
    collection: 'app.bsky.feed.post',
    rkey: uri.split('/').at(-1) ?? '',
  });
  return data.value as Record<string, unknown>;
}

describe('Bluesky comments (replies) on a real PDS', () => {
  it('a comment is a reply whose root and parent are the post, as strong refs', async () => {
    const outcome = await comments.comment(write('Nice one https://example.com'), testContext(pds.url));
    if (outcome.kind !== 'commented') throw new Error(JSON.stringify(outcome));
    expect(outcome.id).toMatch(new RegExp(`^at://${pds.did}/app.bsky.feed.post/`));
    const record = await stored(outcome.id);
    const post = await pds.agent.com.atproto.repo.getRecord({
      repo: pds.did,
      collection: 'app.bsky.feed.post',
      rkey: postUri.split('/').at(-1) ?? '',
    });
    const ref = { uri: postUri, cid: post.data.cid };
    expect(record).toMatchObject({ text: 'Nice one https://example.com', reply: { root: ref, parent: ref } });
    expect(record.facets).toBeDefined();
  });

  it('a reply to a comment keeps the thread’s root and names the comment as parent', async () => {
    const first = await comments.comment(write('parent'), testContext(pds.url));
    if (first.kind !== 'commented') throw new Error(JSON.stringify(first));
    const reply = await comments.reply({ ...write('child'), parentId: first.id }, testContext(pds.url));
    if (reply.kind !== 'commented') throw new Error(JSON.stringify(reply));
    const record = await stored(reply.id);
    expect(record.reply).toMatchObject({
      root: { uri: postUri },
      parent: { uri: first.id, cid: first.extra?.cid },
    });
  });

  it('the same key twice is one record; reconcile finds it by the key, and says not-found before', async () => {
    const key = randomUUID();
    expect(await comments.reconcile?.(write('once', { key }), testContext(pds.url))).toEqual({
      kind: 'not-found',
    });
    const before = await pds.countPosts(pds.did);
    const a = await comments.comment(write('once', { key }), testContext(pds.url));
    const b = await comments.comment(write('once', { key }), testContext(pds.url));
    expect(b).toEqual(a);
    expect(await pds.countPosts(pds.did)).toBe(before + 1);
    expect(await comments.reconcile?.(write('once', { key }), testContext(pds.url))).toEqual(a);
  });

  it('deletes a comment (and a repeated delete is harmless)', async () => {
    const made = await comments.comment(write('short-lived'), testContext(pds.url));
    if (made.kind !== 'commented') throw new Error(JSON.stringify(made));
    const ctx = testContext(pds.url);
    expect(await comments.delete({ commentId: made.id, account }, ctx)).toEqual({ kind: 'deleted' });
    expect(await comments.delete({ commentId: made.id, account }, ctx)).toEqual({ kind: 'deleted' });
    await expect(stored(made.id)).rejects.toThrow();
  });

  it('a comment on a post that does not exist is refused with the PDS’s words, nothing written', async () => {
    const before = await pds.countPosts(pds.did);
    const outcome = await comments.comment(
      write('orphan', { postId: `at://${pds.did}/app.bsky.feed.post/3kaaaaaaaaaaa` }),
      testContext(pds.url),
    );
    expect(outcome).toMatchObject({ kind: 'failed', error: { platform: 'bluesky' } });
    expect(await pds.countPosts(pds.did)).toBe(before);
  });

  it('reads go through getPostThread (an AppView method); this PDS has no AppView, which is a clean catalog error', async () => {
    const outcome = await comments.list({ id: postUri, of: 'post', account }, testContext(pds.url));
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: { platform: 'bluesky', code: expect.any(Number) },
    });
  });
});
