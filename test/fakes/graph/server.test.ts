import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GraphFake, startGraphFake } from './server.ts';

/** The fake answers as Meta does (platform-apis.md §1–4, §16): shapes, statuses, headers. */
let fake: GraphFake;
beforeEach(async () => {
  fake = await startGraphFake({ quotaTotal: 1 });
});
afterEach(() => fake.close());

async function call(
  method: string,
  path: string,
  token: string | undefined,
  form: Record<string, string> = {},
) {
  const response = await fetch(`${fake.url}${path}`, {
    method,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(method === 'POST' ? { body: new URLSearchParams(form) } : {}),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as { id?: string; error?: Record<string, unknown>; data?: unknown },
  };
}

describe('fake Graph API', () => {
  it('puts errors under `error`, with "(#code) " for classic codes and a trace id', async () => {
    const bad = await call('GET', `/v23.0/${fake.page.id}`, 'nope');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      message: 'Invalid OAuth access token - Cannot parse access token',
      type: 'OAuthException',
      code: 190,
    });
    const ig = fake.instagram;
    const missing = await call('POST', `/v23.0/${ig.id}/media`, ig.token, { caption: 'x' });
    expect(missing.body.error).toMatchObject({
      message: '(#100) The parameter image_url is required',
      code: 100,
    });
    expect(missing.body.error?.fbtrace_id).toEqual(expect.any(String));
  });

  it('sends usage headers as JSON strings, only once a token has made calls', async () => {
    const first = await call('GET', `/v23.0/${fake.page.id}?fields=id`, fake.page.token);
    expect(first.headers.get('x-app-usage')).toBeNull();
    const second = await call('GET', `/v23.0/${fake.page.id}?fields=id`, fake.page.token);
    expect(JSON.parse(second.headers.get('x-app-usage') ?? '')).toMatchObject({ call_count: 2 });
    expect(JSON.parse(second.headers.get('x-business-use-case-usage') ?? '')).toHaveProperty(fake.page.id);
  });

  it('gives a failed container its subcode in the status string, and enforces the quota at media_publish', async () => {
    const ig = fake.instagram;
    fake.planContainer({ error: 'Error: 2207026' });
    const failed = await call('POST', `/v23.0/${ig.id}/media`, ig.token, {
      video_url: 'https://m/v.mp4',
      media_type: 'REELS',
    });
    await call('GET', `/v23.0/${failed.body.id}?fields=status_code,status`, ig.token);
    expect((await call('GET', `/v23.0/${failed.body.id}?fields=status_code,status`, ig.token)).body).toEqual({
      status_code: 'ERROR',
      status: 'Error: 2207026',
      id: failed.body.id,
    });
    const made = async () =>
      (await call('POST', `/v23.0/${ig.id}/media`, ig.token, { image_url: 'https://m/a.jpg' })).body
        .id as string;
    const first = await made();
    expect(
      (await call('POST', `/v23.0/${ig.id}/media_publish`, ig.token, { creation_id: first })).status,
    ).toBe(200);
    const again = await call('POST', `/v23.0/${ig.id}/media_publish`, ig.token, {
      creation_id: await made(),
    });
    expect(again.body.error).toMatchObject({ code: 9, error_subcode: 2207042 });
    const limit = await call(
      'GET',
      `/v23.0/${ig.id}/content_publishing_limit?fields=quota_usage,config`,
      ig.token,
    );
    expect(limit.body).toEqual({
      data: [{ quota_usage: 1, config: { quota_total: 1, quota_duration: 86400 } }],
    });
  });

  it('answers that an object of another account does not exist', async () => {
    const answer = await call('GET', `/v23.0/${fake.page.id}`, fake.threads.token);
    expect(answer.body.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
  });

  it('takes reply_to_id only for a published Threads post of the caller, records the chain, counts replies apart', async () => {
    const th = fake.threads;
    const publish = async (form: Record<string, string>) => {
      const created = await call('POST', `/v1.0/${th.id}/threads`, th.token, { media_type: 'TEXT', ...form });
      if (!created.body.id) return created;
      return call('POST', `/v1.0/${th.id}/threads_publish`, th.token, { creation_id: created.body.id });
    };
    const root = (await publish({ text: 'root' })).body.id as string;
    const reply = (await publish({ text: 'reply', reply_to_id: root })).body.id as string;
    // The quota of posts (1 here) does not count replies: a second reply still publishes.
    const second = (await publish({ text: 'reply 2', reply_to_id: reply })).body.id as string;
    expect(fake.state.chainFrom(root).map((m) => m.text)).toEqual(['root', 'reply', 'reply 2']);
    expect(
      (await call('GET', `/v1.0/${second}?fields=replied_to,root_post,is_reply`, th.token)).body,
    ).toEqual({
      id: second,
      is_reply: true,
      replied_to: { id: reply },
      root_post: { id: root },
    });
    const listed = async (edge: string) =>
      (
        (await call('GET', `/v1.0/${th.id}/${edge}?fields=id,text`, th.token)).body.data as { text: string }[]
      ).map((m) => m.text);
    expect(await listed('threads')).toEqual(['root']);
    expect(await listed('replies')).toEqual(['reply 2', 'reply']);
    const limit = await call('GET', `/v1.0/${th.id}/threads_publishing_limit`, th.token);
    expect(limit.body.data).toEqual([
      {
        quota_usage: 1,
        config: { quota_total: 250, quota_duration: 86400 },
        reply_quota_usage: 2,
        reply_config: { quota_total: 1000, quota_duration: 86400 },
      },
    ]);

    // Unknown ids, a container (not a post) and another user's media "do not exist", as any unknown id.
    const container = (
      await call('POST', `/v1.0/${th.id}/threads`, th.token, { media_type: 'TEXT', text: 'x' })
    ).body.id as string;
    const ig = fake.instagram;
    const igMedia = (await call('POST', `/v23.0/${ig.id}/media`, ig.token, { image_url: 'https://m/a.jpg' }))
      .body.id as string;
    const igPost = (await call('POST', `/v23.0/${ig.id}/media_publish`, ig.token, { creation_id: igMedia }))
      .body.id as string;
    for (const bad of ['1234', container, igPost]) {
      const refused = await call('POST', `/v1.0/${th.id}/threads`, th.token, {
        media_type: 'TEXT',
        text: 'orphan',
        reply_to_id: bad,
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({
        code: 100,
        error_subcode: 33,
        type: 'GraphMethodException',
      });
      expect(String(refused.body.error?.message)).toContain(`Object with ID '${bad}' does not exist`);
    }
  });
});
