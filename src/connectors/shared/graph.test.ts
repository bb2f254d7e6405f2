import { describe, expect, it } from 'vitest';
import { testContext } from '../../../test/contract/connector-contract.ts';
import { newTargetId } from '../../app/target-ids.ts';
import { GraphClient, parseGraphError } from './graph-client.ts';
import { INSTAGRAM_CONTAINERS, THREADS_CONTAINERS } from './graph-container.ts';
import { bucWaitSeconds, headerWaitSeconds, metaWords } from './graph-errors.ts';
import { loadContainerProgress, saveContainerProgress } from './graph-progress.ts';
import { findRecentPost, targetTimeMs } from './graph-recent.ts';
import { networkFailure } from './wire.ts';

/** A fetch that answers from a function and records each request: no socket at all. */
function stubFetch(answer: (url: URL, init: RequestInit) => Response) {
  const calls: { url: URL; init: RequestInit }[] = [];
  const stub = (async (resource: Parameters<typeof fetch>[0], init: RequestInit = {}) => {
    const url = new URL(String(resource));
    calls.push({ url, init });
    return answer(url, init);
  }) as typeof fetch;
  return { stub, calls };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('GraphClient', () => {
  it('puts the version in the path, the token in a header and parameters in a form', async () => {
    const { stub, calls } = stubFetch(() => json({ id: '1' }));
    const client = new GraphClient({
      baseUrl: 'https://graph.test/',
      version: 'v23.0',
      token: 'T',
      fetch: stub,
    });
    expect(
      await client.post(['17', 'media'], { caption: 'a b', skipped: undefined, flag: true }),
    ).toMatchObject({ ok: true, value: { id: '1' } });
    const [call] = calls;
    expect(call?.url.href).toBe('https://graph.test/v23.0/17/media');
    expect(new Headers(call?.init.headers).get('authorization')).toBe('Bearer T');
    expect(String(call?.init.body)).toBe('caption=a+b&flag=true');
    await client.get(['17'], { fields: 'id,name' });
    expect(calls[1]?.url.search).toBe('?fields=id%2Cname');
    expect(calls[1]?.url.href).not.toContain('T&');
  });

  it('returns Meta’s error object as data, and a success without a body as possibly done', async () => {
    const error = {
      error: {
        message: '(#506) Duplicate status message',
        type: 'OAuthException',
        code: 506,
        error_subcode: 1455006,
        fbtrace_id: 'x',
      },
    };
    const { stub } = stubFetch((url) =>
      url.pathname.endsWith('/bad') ? json(error, 400) : new Response('<html>', { status: 200 }),
    );
    const client = new GraphClient({ baseUrl: 'https://graph.test', token: 'T', fetch: stub });
    expect(await client.post(['bad'])).toMatchObject({
      ok: false,
      failure: {
        kind: 'graph',
        status: 400,
        error: { code: 506, subcode: 1455006, message: '(#506) Duplicate status message' },
      },
    });
    expect(await client.post(['ok'])).toMatchObject({
      ok: false,
      failure: { kind: 'network', mayHaveArrived: true },
    });
  });

  it('tells a connection never made from one that may have arrived', () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
    });
    const reset = new TypeError('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }),
    });
    expect(networkFailure(refused).failure).toMatchObject({ mayHaveArrived: false });
    expect(networkFailure(reset).failure).toMatchObject({ mayHaveArrived: true });
    expect(networkFailure(new DOMException('aborted', 'AbortError')).failure).toMatchObject({
      mayHaveArrived: true,
    });
  });

  it('keeps the status text when there is no error object', () => {
    expect(parseGraphError(undefined, 'Bad Gateway')).toEqual({ message: 'Bad Gateway' });
    expect(
      parseGraphError({ error: { message: 'm', code: 190, is_transient: false, error_user_msg: 'u' } }, ''),
    ).toEqual({
      message: 'm',
      code: 190,
      userMsg: 'u',
      isTransient: false,
    });
  });
});

describe('Meta words and waits', () => {
  it('joins the user title and message as the seeds print them', () => {
    expect(
      metaWords({
        message: 'dev',
        userTitle: 'Media download has failed.',
        userMsg: 'The media could not be fetched',
      }),
    ).toBe('Media download has failed.: The media could not be fetched');
    expect(metaWords({ message: 'dev', userMsg: 'user' })).toBe('user');
    expect(metaWords({ message: 'dev', userTitle: 'title only' })).toBe('dev');
  });

  it('reads Retry-After (seconds or a date), then the longest BUC estimate in minutes', () => {
    const now = Date.parse('2026-07-08T10:00:00Z');
    expect(headerWaitSeconds(new Headers({ 'retry-after': '90' }), now)).toBe(90);
    expect(headerWaitSeconds(new Headers({ 'retry-after': 'Wed, 08 Jul 2026 10:02:00 GMT' }), now)).toBe(120);
    const buc = {
      '1': [{ type: 'pages', estimated_time_to_regain_access: 3 }],
      '2': [{ type: 'instagram', estimated_time_to_regain_access: 9 }],
    };
    expect(headerWaitSeconds(new Headers({ 'x-business-use-case-usage': JSON.stringify(buc) }), now)).toBe(
      540,
    );
    expect(
      bucWaitSeconds(
        new Headers({ 'x-business-use-case-usage': '{"1":[{"estimated_time_to_regain_access":0}]}' }),
      ),
    ).toBeUndefined();
    expect(bucWaitSeconds(new Headers({ 'x-business-use-case-usage': 'not json' }))).toBeUndefined();
    expect(headerWaitSeconds(new Headers(), now)).toBeUndefined();
  });
});

describe('container status dialects', () => {
  it.each([
    [INSTAGRAM_CONTAINERS, { status_code: 'FINISHED', status: 'Finished: ready' }, { state: 'FINISHED' }],
    [
      INSTAGRAM_CONTAINERS,
      { status_code: 'ERROR', status: 'Error: 2207026' },
      { state: 'ERROR', subcode: 2207026, text: 'Error: 2207026' },
    ],
    [INSTAGRAM_CONTAINERS, { status_code: 'ERROR' }, { state: 'ERROR' }],
    [INSTAGRAM_CONTAINERS, { status_code: 'SOMETHING' }, undefined],
    [
      THREADS_CONTAINERS,
      { status: 'ERROR', error_message: 'INVALID_ASPEC_RATIO' },
      { state: 'ERROR', text: 'INVALID_ASPEC_RATIO' },
    ],
    [THREADS_CONTAINERS, { status: 'PUBLISHED' }, { state: 'PUBLISHED' }],
  ])('%#', (dialect, body, expected) => {
    expect(dialect.parse(body)).toEqual(expected);
  });
});

describe('container progress', () => {
  it('belongs to its target only, and reports a failed save', async () => {
    const ctx = testContext('https://graph.test');
    await saveContainerProgress(ctx, {
      targetId: 'a',
      container: '9',
      createdAt: 5,
      publishSentAt: 6,
      children: ['1', '2'],
    });
    expect(loadContainerProgress(ctx, 'a')).toEqual({
      targetId: 'a',
      container: '9',
      createdAt: 5,
      publishSentAt: 6,
      children: ['1', '2'],
    });
    expect(loadContainerProgress(ctx, 'b')).toEqual({ targetId: 'b' });
    ctx.progress.save = async () => {
      throw new Error('database down');
    };
    expect(await saveContainerProgress(ctx, { targetId: 'a' })).toBe(false);
  });
});

describe('finding a post among recent posts', () => {
  it('reads the creation time of a UUIDv7 target id only', () => {
    expect(targetTimeMs(newTargetId(1_800_000_000_000))).toBe(1_800_000_000_000);
    expect(targetTimeMs('3b241101-e2bb-4255-8caf-4136c566a962')).toBeUndefined();
  });

  it('matches the text (ends trimmed) of a post made after the target, and never guesses', async () => {
    const created = Date.parse('2026-07-08T10:00:00Z');
    const target = { targetId: newTargetId(created), text: 'Hello  ' };
    const listing = (data: unknown[]) => {
      const { stub } = stubFetch(() => json({ data }));
      return new GraphClient({ baseUrl: 'https://graph.test', token: 'T', fetch: stub });
    };
    const post = (id: string, caption: string, at: string) => ({
      id,
      caption,
      timestamp: at,
      permalink: `https://p/${id}`,
    });
    const after = '2026-07-08T10:00:30+0000';
    expect(
      await findRecentPost(listing([post('1', 'Hello', after)]), ['u', 'media'], 'caption', target),
    ).toMatchObject({
      kind: 'found',
      post: { id: '1', permalink: 'https://p/1' },
    });
    // Older than the target (beyond the clock-skew margin): somebody else's post.
    expect(
      await findRecentPost(
        listing([post('1', 'Hello', '2026-07-08T09:50:00+0000')]),
        ['u', 'media'],
        'caption',
        target,
      ),
    ).toEqual({ kind: 'absent' });
    expect(
      await findRecentPost(
        listing([post('1', 'Hello', after), post('2', 'Hello', after)]),
        ['u', 'media'],
        'caption',
        target,
      ),
    ).toEqual({
      kind: 'ambiguous',
      ids: ['1', '2'],
    });
    expect(await findRecentPost(listing([]), ['u', 'media'], 'caption', { ...target, text: ' ' })).toEqual({
      kind: 'unmatchable',
    });
  });
});
