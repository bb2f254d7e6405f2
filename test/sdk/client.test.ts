import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHeraldClient, HeraldApiError, SocialMediaAPI } from '../../packages/sdk/src/index.ts';
import { API_KEY, linkSandbox, startTestHerald, type TestHerald, X_KEYS } from '../helpers/herald.ts';

let t: TestHerald;
let baseUrl: string;
beforeAll(async () => {
  t = await startTestHerald({ listen: true });
  baseUrl = t.herald.url!;
  await linkSandbox(t, ['bluesky', 'linkedin', 'twitter']);
});
afterAll(() => t.stop());

describe('@herald/sdk against a real Herald', () => {
  it('posts with an automatic idempotencyKey: the same call sent twice posts once', async () => {
    const sent: string[] = [];
    const recording: typeof fetch = async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      if (request.method === 'POST') sent.push(await request.clone().text());
      return fetch(request);
    };
    const herald = createHeraldClient({ baseUrl, apiKey: API_KEY, fetch: recording });
    const answer = await herald.post({ post: 'Hello from the SDK', platforms: ['bluesky', 'linkedin'] });
    expect(answer.status).toBe('success');
    expect(answer.postIds.map((p) => p.platform).sort()).toEqual(['bluesky', 'linkedin']);
    const body = JSON.parse(sent[0]!) as { idempotencyKey: string };
    expect(body.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    // A retried network call (same body, same key) answers the first post, not a second one.
    const again = await herald.post({
      ...body,
      post: 'Hello from the SDK',
      platforms: ['bluesky', 'linkedin'],
    });
    expect(again.id).toBe(answer.id);
    expect(await t.count('posts')).toBe(1);
    const view = await herald.getPost(answer.id!);
    expect(view.targets.map((x) => x.state)).toEqual(['published', 'published']);
    expect((await herald.history()).history.map((p) => p.id)).toContain(answer.id);
  });

  it('throws HeraldApiError with the catalog code, and takes X keys per call', async () => {
    const herald = createHeraldClient({ baseUrl, apiKey: API_KEY });
    const failed = await herald.post({ post: 'no keys', platforms: ['twitter'] }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(HeraldApiError);
    expect((failed as HeraldApiError).errors.map((e) => e.code)).toEqual([419]);
    const xKeys = {
      apiKey: X_KEYS['x-twitter-oauth1-api-key']!,
      apiSecret: X_KEYS['x-twitter-oauth1-api-secret']!,
    };
    const posted = await herald.post({ post: 'with keys', platforms: ['twitter'] }, { xKeys });
    expect(posted.status).toBe('success');
    const missing = await herald.getPost('nope').catch((e: unknown) => e as HeraldApiError);
    expect(missing).toMatchObject({ status: 404, code: 607 });
    const refused = createHeraldClient({ baseUrl, apiKey: 'wrong-key-000000000000' });
    expect(await refused.user().catch((e: unknown) => (e as HeraldApiError).code)).toBe(601);
  });

  it('acts as the profile its Profile-Key names, per client or per call', async () => {
    const herald = createHeraldClient({ baseUrl, apiKey: API_KEY });
    const created = await t.request('POST', '/api/profiles', { title: 'SDK second' });
    const profileKey = created.body.profileKey as string;
    const other = createHeraldClient({ baseUrl, apiKey: API_KEY, profileKey });
    expect((await other.accounts()).accounts ?? []).toEqual([]);
    expect((await herald.accounts({ profileKey })).accounts ?? []).toEqual([]);
    expect(((await herald.accounts()).accounts ?? []).length).toBe(3);
  });

  it('offers the Ayrshare SDK’s methods against Herald, answering bodies whatever the status', async () => {
    const ayrshare = new SocialMediaAPI(API_KEY, { baseUrl });
    const posted = (await ayrshare.post({ post: 'Ayrshare style', platforms: ['bluesky'] })) as {
      status: string;
      id: string;
    };
    expect(posted.status).toBe('success');
    expect(await ayrshare.getPost({ id: posted.id })).toMatchObject({ id: posted.id, status: 'success' });
    const history = (await ayrshare.history({ limit: 5 })) as { history: { id: string }[] };
    expect(history.history.map((p) => p.id)).toContain(posted.id);
    expect(await ayrshare.user()).toHaveProperty('activeSocialAccounts');
    expect(await ayrshare.getPost({ id: 'missing' })).toMatchObject({ status: 'error', code: 607 });
    expect(await ayrshare.retryPost({ id: posted.id })).toMatchObject({ status: 'error' });
    expect(await ayrshare.delete({ id: posted.id })).toMatchObject({ status: 'success' });
  });
});
