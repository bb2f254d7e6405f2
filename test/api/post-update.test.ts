import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSecrets } from '../../src/app/request-secrets.ts';
import { API_KEY, linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * PATCH /api/post (and PUT, which Ayrshare's SDK updatePost sends): what may change,
 * what is checked, and what is refused, against real PostgreSQL and the worker.
 */

let t: TestHerald;
const inADay = () => new Date(Date.now() + 86_400_000).toISOString();

beforeAll(async () => {
  t = await startTestHerald({ env: { HERALD_POST_WAIT_MS: '5000' } });
  await linkSandbox(t, ['bluesky', 'facebook', 'twitter']);
});
afterAll(() => t.stop());

async function scheduled(extra: Record<string, unknown> = {}): Promise<string> {
  const res = await t.request('POST', '/api/post', {
    post: 'Scheduled from Herald',
    platforms: ['bluesky', 'facebook'],
    scheduleDate: inADay(),
    ...extra,
  });
  expect(res.status).toBe(200);
  return res.body.id as string;
}

describe('PATCH /api/post', () => {
  it('refuses an unauthenticated call', async () => {
    const res = await t.herald.server?.inject({ method: 'PATCH', url: '/api/post', payload: { id: 'x' } });
    expect(res?.statusCode).toBe(403);
    expect(res?.json()).toMatchObject({ code: 102 });
  });

  it('answers 607 for a post that does not exist, and for another profile’s post', async () => {
    expect((await t.request('PATCH', '/api/post', { id: 'nope', notes: 'x' })).body.code).toBe(607);
    const profile = await t.request('POST', '/api/profiles', { title: 'Other tenant' });
    const key = profile.body.profileKey as string;
    const id = await scheduled();
    const res = await t.request('PATCH', '/api/post', { id, notes: 'not mine' }, { 'Profile-Key': key });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe(607);
  });

  it('stores notes, returned by GET /api/post/:id and history', async () => {
    const id = await scheduled({ notes: 'first draft' });
    expect((await t.request('GET', `/api/post/${id}`)).body.notes).toBe('first draft');
    const res = await t.request('PATCH', '/api/post', { id, notes: 'approved by legal' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'success', id, updated: ['notes'], postStatus: 'scheduled' });
    expect((await t.request('GET', `/api/post/${id}`)).body.notes).toBe('approved by legal');
    const history = await t.request('GET', '/api/history');
    const item = (history.body.history as Record<string, unknown>[]).find((p) => p.id === id);
    expect(item?.notes).toBe('approved by legal');
  });

  it('replaces the text and media of a post not sent yet', async () => {
    const id = await scheduled();
    const res = await t.request('PATCH', '/api/post', {
      id,
      post: 'Better words',
      mediaUrls: ['https://example.com/a.jpg'],
    });
    expect(res.status).toBe(200);
    expect(res.body.updated).toEqual(['post', 'mediaUrls']);
    const view = await t.request('GET', `/api/post/${id}`);
    expect(view.body).toMatchObject({ post: 'Better words', mediaUrls: ['https://example.com/a.jpg'] });
  });

  it('checks new text exactly as POST does: too long for Bluesky is 132 and nothing changes', async () => {
    const id = await scheduled();
    const res = await t.request('PATCH', '/api/post', { id, post: 'x'.repeat(301) });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 'error', id });
    expect(res.body.errors).toEqual([
      {
        action: 'post',
        status: 'error',
        code: 132,
        message: 'The post is too long for Bluesky: 301 of at most 300 graphemes.',
        platform: 'bluesky',
      },
    ]);
    expect((await t.request('GET', `/api/post/${id}`)).body.post).toBe('Scheduled from Herald');
  });

  it('checks new media exactly as POST does: five images for Bluesky is 136', async () => {
    const id = await scheduled();
    const images = [1, 2, 3, 4, 5].map((n) => `https://example.com/${n}.jpg`);
    const res = await t.request('PATCH', '/api/post', { id, mediaUrls: images });
    expect(res.status).toBe(400);
    expect(res.body.errors).toMatchObject([{ code: 136, platform: 'bluesky' }]);
    expect((await t.request('GET', `/api/post/${id}`)).body.mediaUrls).toEqual([]);
  });

  it('refuses what PATCH cannot change with 675, saying to delete and post again', async () => {
    const id = await scheduled();
    const res = await t.request('PATCH', '/api/post', { id, platforms: ['facebook'] });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      action: 'update',
      status: 'error',
      code: 675,
      message: `platforms cannot be changed on post ${id}: PATCH changes scheduleDate, scheduledPause, approved, notes, post, mediaUrls and youTubeOptions only. Delete the post (DELETE /api/post) and post it again.`,
    });
    for (const body of [{ faceBookOptions: { mediaCaptions: 'x' } }, { firstComment: { comment: 'hi' } }]) {
      expect((await t.request('PATCH', '/api/post', { id, ...body })).body.code).toBe(675);
    }
  });

  it('a misspelt field is 631, a field for a feature Herald lacks 604', async () => {
    const id = await scheduled();
    expect((await t.request('PATCH', '/api/post', { id, scheduledDate: inADay() })).body).toMatchObject({
      code: 631,
    });
    expect((await t.request('PATCH', '/api/post', { id, disableComments: true })).body).toMatchObject({
      code: 604,
    });
    expect((await t.request('PATCH', '/api/post', { id })).body).toMatchObject({ code: 604 });
  });

  it('refuses a post already sent with 675, and a post being sent with 676', async () => {
    const sent = await t.request('POST', '/api/post', { post: 'Now', platforms: ['bluesky'] });
    expect(sent.body.status).toBe('success');
    const late = await t.request('PATCH', '/api/post', { id: sent.body.id, post: 'Changed' });
    expect(late.status).toBe(400);
    expect(late.body.code).toBe(675);
    expect(late.body.message).toContain('it was already sent');

    // #sandbox-delay holds the network's answer: the target stays `sending` meanwhile.
    const slow = await t.request('POST', '/api/post', {
      post: 'Slow #sandbox-delay-4000',
      platforms: ['bluesky'],
      scheduleDate: new Date(Date.now() + 1500).toISOString(),
    });
    const id = slow.body.id as string;
    await vi.waitFor(
      async () => expect((await t.request('GET', `/api/post/${id}`)).body.status).toBe('processing'),
      { timeout: 15_000, interval: 100 },
    );
    const busy = await t.request('PATCH', '/api/post', { id, scheduleDate: inADay() });
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe(676);
    // Notes never change what is sent: they may be written at any time.
    expect((await t.request('PATCH', '/api/post', { id, notes: 'sent slowly' })).status).toBe(200);
  });

  it('PUT /api/post with the body Ayrshare’s SDK sends (updatePost) is the same endpoint', async () => {
    const id = await scheduled();
    const res = await t.herald.server?.inject({
      method: 'PUT',
      url: '/api/post',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ id, scheduledPause: true, notes: 'from the SDK', source: 'npm' }),
    });
    expect(res?.statusCode).toBe(200);
    expect(res?.json()).toMatchObject({
      status: 'success',
      id,
      updated: ['scheduledPause', 'notes'],
      postStatus: 'paused',
      scheduledPause: true,
      notes: 'from the SDK',
    });
  });

  it('pausing and resuming keep the sealed request secrets of the job (X BYO keys) and move it', async () => {
    const headers = {
      'x-twitter-oauth1-api-key': 'CONSUMER-KEY-abc',
      'x-twitter-oauth1-api-secret': 'CONSUMER-SECRET-xyz',
    };
    const date = inADay();
    const res = await t.request(
      'POST',
      '/api/post',
      { post: 'BYO', platforms: ['twitter'], scheduleDate: date },
      headers,
    );
    const id = res.body.id as string;
    const job = async () => {
      // Not due yet: the job waits on its target row (the scheduler makes it when due).
      const { rows } = await t.herald.app.pool.query<{ run_at: string; secrets: string | null }>(
        'SELECT job_due_at::text AS run_at, job_secrets AS secrets FROM targets WHERE post_id = $1',
        [id],
      );
      expect(rows).toHaveLength(1);
      return {
        runAt: rows[0]?.run_at,
        secrets: openSecrets(t.herald.app.secretKey, rows[0]?.secrets ?? undefined),
      };
    };
    // Neither PATCH sends the headers: the job keeps its own.
    await t.request('PATCH', '/api/post', { id, scheduledPause: true });
    expect(await job()).toEqual({ runAt: 'infinity', secrets: headers });
    await t.request('PATCH', '/api/post', { id, scheduledPause: false });
    const resumed = await job();
    expect(new Date(resumed.runAt as string).toISOString()).toBe(date);
    expect(resumed.secrets).toEqual(headers);
  });

  it('an X post is moved without the BYO headers; its new text is checked as POST checks it (419 without them)', async () => {
    const headers = {
      'x-twitter-oauth1-api-key': 'CONSUMER-KEY-abc',
      'x-twitter-oauth1-api-secret': 'CONSUMER-SECRET-xyz',
    };
    const res = await t.request(
      'POST',
      '/api/post',
      { post: 'X', platforms: ['twitter'], scheduleDate: inADay() },
      headers,
    );
    const id = res.body.id as string;
    expect((await t.request('PATCH', '/api/post', { id, scheduleDate: inADay() })).status).toBe(200);
    const text = await t.request('PATCH', '/api/post', { id, post: 'New words' });
    expect(text.body.errors).toMatchObject([{ code: 419, platform: 'twitter' }]);
    expect((await t.request('PATCH', '/api/post', { id, post: 'New words' }, headers)).status).toBe(200);
  });

  it('a post made with shortenLinks gets the links of its new text shortened too', async () => {
    const id = await scheduled({ post: 'Read https://example.com/first', shortenLinks: true });
    const texts = async () => {
      const { rows } = await t.herald.app.pool.query<{ platform: string; text: string | null }>(
        'SELECT platform, text FROM targets WHERE post_id = $1 ORDER BY platform',
        [id],
      );
      return rows;
    };
    expect((await texts()).every((x) => x.text !== null && !x.text.includes('example.com/first'))).toBe(true);
    const links = await t.count('links');
    const res = await t.request('PATCH', '/api/post', { id, post: 'Now read https://example.com/second' });
    expect(res.status).toBe(200);
    for (const { text } of await texts()) {
      expect(text).toMatch(/^Now read \S+$/);
      expect(text).not.toContain('example.com/second');
    }
    expect(await t.count('links')).toBe(links + 1);
    expect((await t.request('GET', `/api/post/${id}`)).body.post).toBe('Now read https://example.com/second');
  });
});
