import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weightedLength } from '../../src/posts/text-length.ts';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { startPds, type TestPds } from '../helpers/pds.ts';

/**
 * shortenLinks and code 441, field by field against seed 002 ("Caption Enhancement
 * Errors"): a partial failure posts the other networks (status "error", postIds not
 * empty, each failed network in errors[] with source "handlePostAdditions"); a total
 * failure is a top-level 441 with HTTP 502 and no post.
 */

let pds: TestPds;
/** HERALD_PUBLIC_URL is loopback (the default): live networks cannot be given short links. */
let local: TestHerald;
/** A public short-link domain. */
let pub: TestHerald;

/** X's BYO app keys: a sandbox X account asks for them as the live one does. */
const X_KEYS = { 'x-twitter-oauth1-api-key': 'app-key', 'x-twitter-oauth1-api-secret': 'app-secret' };

async function tables(t: TestHerald) {
  return {
    posts: await t.count('posts'),
    targets: await t.count('targets'),
    links: await t.count('links'),
  };
}

async function linkBluesky(t: TestHerald) {
  const res = await t.request('POST', '/api/accounts', {
    platform: 'bluesky',
    credentials: { identifier: pds.handle, appPassword: pds.password },
  });
  expect(res.status).toBe(200);
}

async function recordText(uri: string) {
  const rkey = uri.split('/').pop() as string;
  const record = await pds.agent.com.atproto.repo.getRecord({
    repo: pds.did,
    collection: 'app.bsky.feed.post',
    rkey,
  });
  return record.data.value as { text: string; facets?: { features: { uri: string }[] }[] };
}

beforeAll(async () => {
  pds = await startPds();
  local = await startTestHerald({ env: { HERALD_BLUESKY_API_URL: pds.url } });
  pub = await startTestHerald({
    env: { HERALD_BLUESKY_API_URL: pds.url, HERALD_SHORT_URL_BASE: 'https://sho.rt' },
  });
  await linkBluesky(local);
  await linkBluesky(pub);
  await linkSandbox(local, ['twitter', 'threads']);
  await linkSandbox(pub, ['twitter', 'threads']);
});
afterAll(async () => {
  await local?.stop();
  await pub?.stop();
  await pds?.close();
});

describe('shortenLinks with a public short-link base', () => {
  it('rewrites the links each network is sent, keeps X’s weighted length, and the short link counts clicks', async () => {
    const text = 'Read https://example.com/some/long/article?utm=none and (https://example.org/b).';
    const res = await pub.request(
      'POST',
      '/api/post',
      { post: text, platforms: ['bluesky', 'twitter'], shortenLinks: true },
      X_KEYS,
    );
    expect(res.status).toBe(200);
    expect(res.body.post).toBe(text);
    const bluesky = (res.body.postIds as { platform: string; id: string }[]).find(
      (p) => p.platform === 'bluesky',
    );
    const record = await recordText(bluesky?.id as string);
    expect(record.text).toMatch(
      /^Read https:\/\/sho\.rt\/[0-9A-Za-z]{7} and \(https:\/\/sho\.rt\/[0-9A-Za-z]{7}\)\.$/,
    );
    // The facets point at the short links, exactly where the text shows them.
    expect(record.facets?.map((f) => f.features[0]?.uri)).toEqual(
      record.text.match(/https:\/\/sho\.rt\/\w{7}/g),
    );

    const { rows } = await pub.herald.app.pool.query<{ platform: string; text: string }>(
      'SELECT platform, text FROM targets WHERE post_id = $1 ORDER BY platform',
      [res.body.id],
    );
    const sent = rows.find((r) => r.platform === 'twitter')?.text as string;
    expect(sent).toBe(record.text);
    expect(weightedLength(sent)).toBe(weightedLength(text));

    const list = await pub.request('GET', '/api/links');
    const links = list.body.links as { id: string; originalUrl: string; shortUrl: string }[];
    expect(links.map((l) => l.originalUrl).sort()).toEqual([
      'https://example.com/some/long/article?utm=none',
      'https://example.org/b',
    ]);
    // A second post with the same link reuses it.
    await pub.request(
      'POST',
      '/api/post',
      { post: 'Again https://example.org/b', platforms: ['twitter'], shortenLinks: true },
      X_KEYS,
    );
    expect(await pub.count('links')).toBe(2);
  });

  it('a network whose limit the longer short links would break fails with 441 while Threads (500) posts', async () => {
    // Five 14-character links become five 22-character short links: Bluesky's 300 graphemes overflow.
    const text = `${'a'.repeat(220)}${' https://x.co/a'.repeat(5)}`;
    expect([...text].length).toBe(295);
    const res = await pub.request('POST', '/api/post', {
      post: text,
      platforms: ['bluesky', 'threads'],
      shortenLinks: true,
    });
    expect(res.status).toBe(502);
    expect(res.body.errors).toEqual([
      {
        platform: 'bluesky',
        status: 'error',
        source: 'handlePostAdditions',
        code: 441,
        message:
          "Caption enhancement failed for bluesky. The shortened links make the text 335 graphemes long, past Bluesky's limit of 300. Post was not sent to this platform.",
      },
    ]);
    expect(res.body.status).toBe('error');
    expect(
      (res.body.postIds as { platform: string; status: string }[]).map((p) => [p.platform, p.status]),
    ).toEqual([['threads', 'success']]);
  });
});

describe('seed 002, code 441', () => {
  it('partial: the live network whose links would be dead fails, the sandbox one posts; retry leaves it alone', async () => {
    const before = await tables(local);
    const text = 'New article: https://example.com/a';
    const res = await local.request(
      'POST',
      '/api/post',
      { post: text, platforms: ['bluesky', 'twitter'], shortenLinks: true },
      X_KEYS,
    );
    expect(res.status).toBe(502);
    expect(Object.keys(res.body)).toEqual(['status', 'errors', 'postIds', 'id', 'post']);
    expect(res.body.status).toBe('error');
    const errors = res.body.errors as Record<string, unknown>[];
    expect(errors).toHaveLength(1);
    expect(Object.keys(errors[0] as object)).toEqual(['platform', 'status', 'source', 'code', 'message']);
    expect(errors[0]).toEqual({
      platform: 'bluesky',
      status: 'error',
      source: 'handlePostAdditions',
      code: 441,
      message: `Caption enhancement failed for bluesky. Short links would point to ${local.herald.app.config.publicUrl}/s/…, which readers on Bluesky cannot open (set HERALD_SHORT_URL_BASE to a public address). Post was not sent to this platform.`,
    });
    const postIds = res.body.postIds as Record<string, unknown>[];
    expect(postIds).toHaveLength(1);
    expect(postIds[0]).toMatchObject({
      status: 'success',
      platform: 'twitter',
      id: expect.any(String),
      postUrl: expect.any(String),
    });
    expect(res.body.id).toEqual(expect.any(String));

    // Nothing reached the PDS; the post, both targets and the link are stored.
    expect(await tables(local)).toEqual({
      posts: before.posts + 1,
      targets: before.targets + 2,
      links: before.links + 1,
    });
    const view = await local.request('GET', `/api/post/${res.body.id}`);
    expect(view.body.errors).toEqual(errors);
    const retry = await local.request('PUT', '/api/post/retry', { id: res.body.id });
    expect(retry.body.code).toBe(615);
  });

  it('total: every network fails, a top-level 441 with HTTP 502, and no post is created', async () => {
    const before = await tables(local);
    const res = await local.request('POST', '/api/post', {
      post: 'Launch day https://example.com/launch',
      platforms: ['bluesky'],
      shortenLinks: true,
    });
    expect(res.status).toBe(502);
    expect(Object.keys(res.body)).toEqual(['status', 'action', 'code', 'message', 'errors']);
    expect(res.body).toEqual({
      status: 'error',
      action: 'post',
      code: 441,
      message: 'Caption enhancement failed. See error details for affected platforms.',
      errors: [
        {
          platform: 'bluesky',
          status: 'error',
          source: 'handlePostAdditions',
          code: 441,
          message: `Caption enhancement failed for bluesky. Short links would point to ${local.herald.app.config.publicUrl}/s/…, which readers on Bluesky cannot open (set HERALD_SHORT_URL_BASE to a public address)`,
        },
      ],
    });
    expect(await tables(local)).toEqual(before);
  });

  it('sandbox: #sandbox-fail-twitter-441 takes the same path (partial), #sandbox-fail-441 the total one', async () => {
    const partial = await local.request('POST', '/api/post', {
      post: 'Sandbox https://example.com/x #sandbox-fail-twitter-441',
      platforms: ['twitter', 'threads'],
      shortenLinks: true,
    });
    expect(partial.status).toBe(502);
    expect(partial.body.errors).toEqual([
      {
        platform: 'twitter',
        status: 'error',
        source: 'handlePostAdditions',
        code: 441,
        message:
          'Caption enhancement failed for twitter. Link shortener unavailable. Post was not sent to this platform.',
      },
    ]);
    expect((partial.body.postIds as { platform: string }[]).map((p) => p.platform)).toEqual(['threads']);

    const before = await tables(local);
    const total = await local.request('POST', '/api/post', {
      post: 'Sandbox #sandbox-fail-441',
      platforms: ['twitter', 'threads'],
    });
    expect(total.status).toBe(502);
    expect(total.body).toEqual({
      status: 'error',
      action: 'post',
      code: 441,
      message: 'Caption enhancement failed. See error details for affected platforms.',
      errors: ['twitter', 'threads'].map((platform) => ({
        platform,
        status: 'error',
        source: 'handlePostAdditions',
        code: 441,
        message: `Caption enhancement failed for ${platform}. Link shortener unavailable`,
      })),
    });
    expect(await tables(local)).toEqual(before);
  });

  it('translates the messages (Translate-Error-Message)', async () => {
    const res = await local.request(
      'POST',
      '/api/post',
      { post: 'x #sandbox-fail-441', platforms: ['twitter'] },
      { 'translate-error-message': 'fr' },
    );
    expect(res.status).toBe(502);
    expect(res.body.code).toBe(441);
    expect(res.body.message).not.toBe(
      'Caption enhancement failed. See error details for affected platforms.',
    );
  });
});
