import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../test/fakes/http.ts';
import { parseAllowList } from './allow-list.ts';
import { apiFetch, RefusedUrlError } from './api-fetch.ts';
import type { Resolver } from './url-decision.ts';

let server: Awaited<ReturnType<typeof listen>>;
const seen: { method: string; type: string; body: string; host: string }[] = [];

beforeAll(async () => {
  server = await listen(async (request, res) => {
    seen.push({
      method: request.method,
      type: String(request.headers['content-type'] ?? ''),
      body: request.body.toString('utf8'),
      host: String(request.headers.host),
    });
    // Never answers: the idle limit must end the call.
    if (request.path === '/silent') return;
    if (request.path === '/moved') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      return;
    }
    res.writeHead(201, { 'content-type': 'application/json', 'x-ratelimit-remaining': '299' });
    res.end(JSON.stringify({ ok: true }));
  });
});
afterAll(() => server?.close());

const port = () => new URL(server.origin).port;
const loopback = parseAllowList('127.0.0.1').allow;
const nothing = parseAllowList('').allow;
/** A name that resolves to loopback, as DNS rebinding would make a public name do. */
const toLoopback: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];

async function refusal(promise: Promise<unknown>): Promise<RefusedUrlError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RefusedUrlError);
  return error as RefusedUrlError;
}

describe('apiFetch', () => {
  it('sends any method and body to an allowlisted host and answers like fetch', async () => {
    const fetchApi = apiFetch({ allow: loopback, resolve: toLoopback, timeoutMs: 5000 });
    const form = new FormData();
    form.append('description', 'alt');
    form.append('file', new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), 'a.png');
    const response = await fetchApi(`${server.origin}/api/v2/media`, { method: 'POST', body: form });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-ratelimit-remaining')).toBe('299');
    expect(await response.json()).toEqual({ ok: true });
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      type: expect.stringMatching(/^multipart\/form-data/),
    });
    expect(seen.at(-1)?.body).toContain('name="description"');

    const json = await fetchApi(`${server.origin}/x`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(json.status).toBe(201);
    expect(seen.at(-1)).toMatchObject({ method: 'DELETE', body: '{"a":1}' });
  });

  it('connects to the address decided, carrying the name the user gave', async () => {
    const fetchApi = apiFetch({
      allow: parseAllowList('social.example').allow,
      resolve: toLoopback,
      timeoutMs: 5000,
    });
    const response = await fetchApi(`http://social.example:${port()}/api/v1/instance`);
    expect(response.status).toBe(201);
    expect(seen.at(-1)?.host).toBe(`social.example:${port()}`);
  });

  it('refuses a non-public address that is not allowlisted, before any connection', async () => {
    const before = seen.length;
    const fetchApi = apiFetch({ allow: nothing, resolve: toLoopback, timeoutMs: 5000 });
    const literal = await refusal(fetchApi(`${server.origin}/api/v1/statuses`, { method: 'POST' }));
    expect(literal.message).toMatch(/non-public address 127\.0\.0\.1/);
    const named = await refusal(fetchApi(`https://rebinding.example:${port()}/`));
    expect(named.message).toMatch(/for host rebinding\.example/);
    await refusal(fetchApi('http://169.254.169.254/latest/meta-data/'));
    expect(seen.length).toBe(before);
  });

  it('refuses plain http to a public host (https only unless allowlisted)', async () => {
    const publicAddress: Resolver = async () => [{ address: '93.184.215.14', family: 4 }];
    const fetchApi = apiFetch({ allow: nothing, resolve: publicAddress, timeoutMs: 5000 });
    const error = await refusal(fetchApi('http://mastodon.example/api/v1/instance'));
    expect(error.message).toBe('only https is used for mastodon.example (got http:)');
    expect(error.code).toBe('ERR_URL_REFUSED');
  });

  it('answers a redirect as is, never following it', async () => {
    const fetchApi = apiFetch({ allow: loopback, resolve: toLoopback, timeoutMs: 5000 });
    const response = await fetchApi(`${server.origin}/moved`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toContain('169.254.169.254');
  });

  it('ends a call that goes silent after the idle limit, as a network error with a code', async () => {
    const fetchApi = apiFetch({ allow: loopback, resolve: toLoopback, timeoutMs: 200 });
    const error = await fetchApi(`${server.origin}/silent`).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: 'ETIMEDOUT', message: 'no data for 200 ms' });
  });
});

describe('apiFetch’s kept connections', () => {
  it('reuses a connection for the same name at the same address, and opens a new one when the name leads elsewhere', async () => {
    let connections = 0;
    const keeper = createServer((_req, res) => res.end('{}'));
    keeper.on('connection', () => {
      connections += 1;
    });
    await new Promise<void>((resolve) => keeper.listen(0, '127.0.0.1', resolve));
    const { port: keeperPort } = keeper.address() as AddressInfo;
    try {
      let address = '127.0.0.1';
      const fetchApi = apiFetch({
        allow: parseAllowList('pod.example').allow,
        resolve: async () => [{ address, family: 4 }],
        timeoutMs: 5000,
      });
      for (let i = 0; i < 3; i++)
        expect(
          (await fetchApi(`http://pod.example:${keeperPort}/api/v1/statuses`, { method: 'POST' })).status,
        ).toBe(200);
      expect(connections).toBe(1);
      // The name now resolves to another address (nothing listens there): a kept connection
      // to the first would answer; the call goes to the new address and finds nothing.
      address = '127.0.0.2';
      const error = await fetchApi(`http://pod.example:${keeperPort}/api/v1/statuses`).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toMatchObject({ code: 'ECONNREFUSED' });
      expect(connections).toBe(1);
    } finally {
      keeper.closeAllConnections();
      await new Promise((resolve) => keeper.close(resolve));
    }
  });
});
