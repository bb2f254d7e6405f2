import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { META } from '../fakes/graph/meta-errors.ts';
import { linkMeta, type MetaHerald, startMetaHerald } from '../fakes/graph/meta-herald.ts';
import { seedBody } from '../fakes/graph/seed-examples.ts';

/** Facebook Pages end to end: POST /api/post → worker → connector → the fake Graph API. */
let meta: MetaHerald;
beforeAll(async () => {
  meta = await startMetaHerald();
  await linkMeta(meta, ['facebook']);
});
afterAll(() => meta?.stop());

const post = (text: string, extra: Record<string, unknown> = {}) =>
  meta.t.request('POST', '/api/post', { post: text, platforms: ['facebook'], ...extra });

/** The answer carries exactly the seed's body, field by field and in the seed's order. */
function expectSeedAnswer(
  res: { status: number; body: Record<string, unknown> },
  http: number,
  seed: Record<string, unknown>,
) {
  expect(res.status).toBe(http);
  expect(res.body.status).toBe('error');
  expect(res.body.postIds).toEqual([]);
  const errors = res.body.errors as Record<string, unknown>[];
  expect(errors).toHaveLength(1);
  expect(Object.entries(errors[0] ?? {})).toEqual(Object.entries(seed));
}

describe('Facebook through POST /api/post', () => {
  it('links a Page only with a token Meta accepts (613 otherwise, nothing stored)', async () => {
    const before = await meta.t.count('accounts');
    const res = await meta.t.request('POST', '/api/accounts', {
      platform: 'facebook',
      credentials: { pageId: meta.fake.page.id, pageAccessToken: 'EAAwrong' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 613, action: 'link', details: expect.stringMatching(/^\(190\)/) });
    expect(await meta.t.count('accounts')).toBe(before);
  });

  it('publishes and answers the Page post id and URL', async () => {
    const res = await post(`hello ${randomUUID()}`);
    expect(res.status).toBe(200);
    const [entry] = res.body.postIds as Record<string, string>[];
    expect(entry).toMatchObject({
      status: 'success',
      platform: 'facebook',
      id: expect.stringMatching(new RegExp(`^${meta.fake.page.id}_\\d+$`)),
    });
    expect(meta.fake.state.posts.has(entry?.id ?? '')).toBe(true);
  });

  it('107: the same status twice is Meta’s duplicate (#506), the seed’s body', async () => {
    const text = `Today is a great day ${randomUUID()}`;
    expect((await post(text)).status).toBe(200);
    const res = await post(text);
    expectSeedAnswer(res, 400, seedBody(107));
  });

  it('326: Meta identity verification (368/4854002) is HTTP 403, never a relink prompt', async () => {
    meta.fake.failNext('fb.feed', META.identity);
    expectSeedAnswer(await post(`identity ${randomUUID()}`), 403, seedBody(326));
    meta.fake.failNext('fb.feed', META.pagePublishingAuthorization);
    expectSeedAnswer(await post(`ppa ${randomUUID()}`), 403, seedBody(326));
  });

  it('DELETE /api/post deletes the Page post', async () => {
    const res = await post(`short-lived ${randomUUID()}`);
    const id = (res.body.postIds as { id: string }[])[0]?.id as string;
    const deleted = await meta.t.request('DELETE', '/api/post', { id: res.body.id });
    expect(deleted.status).toBe(200);
    expect(deleted.body.facebook).toEqual({ action: 'delete', status: 'success', id });
    expect(meta.fake.state.posts.has(id)).toBe(false);
  });

  it('161: a token invalidated by a password change (190/460) is the seed’s authorization error', async () => {
    meta.fake.revoke('fb', META.passwordChanged);
    try {
      expectSeedAnswer(await post(`A great Facebook Posts ${randomUUID()}`), 400, seedBody(161));
    } finally {
      meta.fake.restore('fb');
    }
  });
});
