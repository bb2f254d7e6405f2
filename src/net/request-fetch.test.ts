import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isRequestNotBuilt, networkFailure, readCapped, readJson } from '../connectors/shared/wire.ts';
import { requestFetch } from './request-fetch.ts';

/**
 * requestFetch against Node's own fetch, call for call: each case is sent through both to the
 * same loopback servers, and what the server received and what the caller got back must be
 * the same. A second server on another port is another origin (redirects across origins).
 */

interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** What arrived, header names lowercased (fetch keeps the caller's case, requestFetch does not). */
async function seenOf(req: IncomingMessage): Promise<Seen> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = (req.rawHeaders[i] as string).toLowerCase();
    if (name === 'host') continue;
    headers[name] =
      headers[name] === undefined
        ? (req.rawHeaders[i + 1] as string)
        : `${headers[name]}, ${req.rawHeaders[i + 1]}`;
  }
  const url = new URL(req.url ?? '/', 'http://x');
  return { method: req.method ?? '', path: url.pathname + url.search, headers, body: await readBody(req) };
}

function handler(other: () => string) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const seen = await seenOf(req);
    const [, kind = '', arg = ''] = url.pathname.split('/');
    switch (kind) {
      case 'status': {
        const status = Number(arg);
        res.writeHead(status, 'Custom Reason', { 'x-seen': JSON.stringify(seen) });
        res.end(status === 204 || status === 304 ? undefined : JSON.stringify({ status }));
        return;
      }
      case 'redirect': {
        const to = url.searchParams.get('to') ?? '/echo';
        const location = to === 'other' ? `${other()}/echo` : to;
        res.writeHead(Number(arg), { location, 'content-type': 'text/plain' }).end('moved');
        return;
      }
      case 'loop':
        res.writeHead(302, { location: '/loop' }).end();
        return;
      case 'gzip':
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(gzipSync(JSON.stringify({ seen, coding: 'gzip' })));
        return;
      case 'br':
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'br' });
        res.end(brotliCompressSync(JSON.stringify({ seen, coding: 'br' })));
        return;
      case 'slow':
        setTimeout(() => res.writeHead(200).end('late'), 2000).unref();
        return;
      case 'big': {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        const chunk = Buffer.alloc(64 * 1024, 7);
        for (let i = 0; i < 80; i++) res.write(chunk);
        res.end();
        return;
      }
      default:
        res.writeHead(200, {
          'content-type': 'application/json',
          'x-ratelimit-remaining': '41',
          'set-cookie': ['a=1', 'b=2'],
        });
        res.end(JSON.stringify(seen));
    }
  };
}

let a: Server;
let b: Server;
const origin = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

beforeAll(async () => {
  a = createServer(handler(() => origin(b)));
  b = createServer(handler(() => origin(a)));
  await Promise.all([a, b].map((s) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))));
});
afterAll(async () => {
  await Promise.all([a, b].map((s) => new Promise((resolve) => s.close(resolve))));
});

/** Counts the calls requestFetch hands to globalThis.fetch (the cases it does not answer itself). */
const nodeFetch = globalThis.fetch;
let handedOver = 0;
beforeAll(() => {
  globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    handedOver++;
    return nodeFetch(input, init);
  }) as typeof fetch;
});
afterEach(() => {
  handedOver = 0;
});
afterAll(() => {
  globalThis.fetch = nodeFetch;
});

const fast = requestFetch();

/**
 * A body as data: JSON parsed (the order in which headers arrived is not compared: fetch sends
 * them as the caller listed them, requestFetch in Headers' sorted order), multipart boundaries
 * (random) made equal.
 */
function comparable(text: string | null): unknown {
  if (text === null) return null;
  const steady = text.replace(/formdata-undici-\d+/g, 'formdata-undici-N');
  try {
    return JSON.parse(steady);
  } catch {
    return steady;
  }
}

/** What a caller can observe of a call: the answer, or the error. */
async function outcome(call: () => Promise<Response>): Promise<unknown> {
  try {
    const response = await call();
    return {
      status: response.status,
      statusText: response.statusText,
      ok: response.ok,
      type: response.headers.get('content-type'),
      encoding: response.headers.get('content-encoding'),
      location: response.headers.get('location'),
      rate: response.headers.get('x-ratelimit-remaining'),
      cookies: response.headers.getSetCookie(),
      seen: comparable(response.headers.get('x-seen')),
      body: comparable(await response.text()),
    };
  } catch (err) {
    const error = err as Error;
    return {
      thrown: error.constructor.name,
      name: error.name,
      message: error.message,
      notBuilt: isRequestNotBuilt(err),
      ...(error instanceof TypeError && error.message === 'fetch failed'
        ? { failure: { mayHaveArrived: networkFailure(err).failure.mayHaveArrived } }
        : {}),
    };
  }
}

interface Case {
  name: string;
  path: string;
  init?: () => RequestInit;
  /** Whether requestFetch answers it itself (false: handed to fetch). */
  fast: boolean;
}

const json = JSON.stringify({ commentary: 'héllo', visibility: 'PUBLIC' });
const cases: Case[] = [
  { name: 'a GET', path: '/echo?x=1&y=%20', fast: true },
  {
    name: 'a JSON POST with a bearer token',
    path: '/echo',
    init: () => ({
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: 'Bearer t0k',
        'X-Restli-Protocol-Version': '2.0.0',
      },
      body: json,
    }),
    fast: true,
  },
  {
    name: 'a text body without a type',
    path: '/echo',
    init: () => ({ method: 'POST', body: 'plain' }),
    fast: true,
  },
  {
    name: 'a form body',
    path: '/echo',
    init: () => ({ method: 'post', body: new URLSearchParams({ chat_id: '@c', text: 'a b&c' }) }),
    fast: true,
  },
  {
    name: 'bytes',
    path: '/echo',
    init: () => ({
      method: 'PUT',
      headers: [['content-type', 'image/png']],
      body: new Uint8Array([1, 2, 3, 250]),
    }),
    fast: true,
  },
  {
    name: 'a Headers object, a repeated header',
    path: '/echo',
    init: () => {
      const headers = new Headers({ accept: 'application/json' });
      headers.append('x-many', '1');
      headers.append('x-many', '2');
      return { method: 'DELETE', headers };
    },
    fast: true,
  },
  {
    name: 'a method fetch keeps as given',
    path: '/echo',
    init: () => ({ method: 'PATCH', body: '{}' }),
    fast: true,
  },
  { name: 'HEAD', path: '/echo', init: () => ({ method: 'HEAD' }), fast: true },
  { name: 'a POST without a body', path: '/echo', init: () => ({ method: 'POST' }), fast: true },
  { name: 'a PUT with an empty body', path: '/echo', init: () => ({ method: 'PUT', body: '' }), fast: true },
  { name: 'a DELETE without a body', path: '/echo', init: () => ({ method: 'DELETE' }), fast: true },
  { name: 'OPTIONS', path: '/echo', init: () => ({ method: 'options' }), fast: true },
  {
    name: 'a caller-set user-agent and accept',
    path: '/echo',
    init: () => ({
      headers: { 'User-Agent': 'Herald/1.0', Accept: 'application/json', 'Accept-Encoding': 'identity' },
    }),
    fast: true,
  },
  { name: 'an error status with a reason', path: '/status/429', fast: true },
  { name: '204', path: '/status/204', init: () => ({ method: 'DELETE' }), fast: true },
  { name: '304', path: '/status/304', fast: true },
  { name: 'a gzip answer', path: '/gzip', fast: true },
  { name: 'a br answer', path: '/br', fast: true },
  { name: 'a fragment', path: '/echo?q=1#part', fast: true },
  {
    name: '302 after a POST: a GET without the body',
    path: '/redirect/302',
    init: () => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: json }),
    fast: true,
  },
  {
    name: '301 after a PUT keeps the method',
    path: '/redirect/301',
    init: () => ({ method: 'PUT', body: json }),
    fast: true,
  },
  {
    name: '303 after a PUT: a GET',
    path: '/redirect/303',
    init: () => ({ method: 'PUT', body: json }),
    fast: true,
  },
  {
    name: '307 keeps the POST and its body',
    path: '/redirect/307',
    init: () => ({ method: 'POST', body: json }),
    fast: true,
  },
  {
    name: '308 keeps the POST and its body',
    path: '/redirect/308',
    init: () => ({ method: 'POST', body: json }),
    fast: true,
  },
  {
    name: 'a redirect to another origin drops the authorization',
    path: '/redirect/307?to=other',
    init: () => ({ method: 'POST', headers: { authorization: 'Bearer secret', 'x-keep': '1' }, body: json }),
    fast: true,
  },
  {
    name: "redirect: 'manual' answers the 3xx",
    path: '/redirect/302',
    init: () => ({ redirect: 'manual' }),
    fast: true,
  },
  { name: "redirect: 'error' fails", path: '/redirect/302', init: () => ({ redirect: 'error' }), fast: true },
  { name: 'too many redirects', path: '/loop', fast: true },
  { name: 'a 3xx without a location', path: '/status/300', fast: true },
  {
    name: 'a header value fetch refuses',
    path: '/echo',
    init: () => ({ headers: { authorization: 'Bearer a\nb' } }),
    fast: false,
  },
  { name: 'a method fetch refuses', path: '/echo', init: () => ({ method: 'TRACE' }), fast: false },
  { name: 'a body on a GET', path: '/echo', init: () => ({ method: 'GET', body: 'x' }), fast: false },
  {
    name: 'FormData',
    path: '/echo',
    init: () => {
      const form = new FormData();
      form.append('a', '1');
      return { method: 'POST', body: form };
    },
    fast: false,
  },
  {
    name: 'a Blob',
    path: '/echo',
    init: () => ({ method: 'POST', body: new Blob(['x'], { type: 'text/x' }) }),
    fast: false,
  },
  {
    name: 'a connection header',
    path: '/echo',
    init: () => ({ headers: { connection: 'close' } }),
    fast: false,
  },
];

describe('requestFetch answers as fetch does', () => {
  it.each(cases)('$name', async ({ path, init, fast: answersItself }) => {
    const url = `${origin(a)}${path}`;
    const expected = await outcome(() => nodeFetch(url, init?.()));
    handedOver = 0;
    const actual = await outcome(() => fast(url, init?.()));
    expect(actual).toEqual(expected);
    expect(handedOver).toBe(answersItself ? 0 : 1);
  });

  it('a URL object, and user:password in a URL (refused by fetch, never sent)', async () => {
    const url = new URL(`${origin(a)}/echo?u=1`);
    expect(await outcome(() => fast(url))).toEqual(await outcome(() => nodeFetch(url)));
    const withCredentials = `http://user:pw@127.0.0.1:${new URL(origin(a)).port}/echo`;
    const refused = await outcome(() => fast(withCredentials));
    expect(refused).toEqual(await outcome(() => nodeFetch(withCredentials)));
    expect(refused).toMatchObject({ thrown: 'TypeError', notBuilt: true });
  });

  it("with Node's proxy from the environment on, every call is fetch's", async () => {
    const url = `${origin(a)}/echo`;
    for (const env of [
      { env: { NODE_USE_ENV_PROXY: '1' }, execArgv: [] },
      { env: {}, execArgv: ['--use-env-proxy'] },
    ]) {
      handedOver = 0;
      const proxied = requestFetch(undefined, env);
      expect(await outcome(() => proxied(url, { method: 'POST', body: json }))).toEqual(
        await outcome(() => nodeFetch(url, { method: 'POST', body: json })),
      );
      expect(handedOver).toBe(1);
    }
  });

  it('a refused connection: fetch failed, never arrived', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `${origin(closed)}/echo`;
    await new Promise((resolve) => closed.close(resolve));
    const actual = await outcome(() => fast(url, { method: 'POST', body: json }));
    expect(actual).toEqual(await outcome(() => nodeFetch(url, { method: 'POST', body: json })));
    expect(actual).toMatchObject({ thrown: 'TypeError', failure: { mayHaveArrived: false } });
    expect(handedOver).toBe(0);
  });

  it('a signal: already aborted, and a timeout while waiting', async () => {
    const url = `${origin(a)}/slow`;
    const aborted = () => ({ signal: AbortSignal.abort() });
    expect(await outcome(() => fast(url, aborted()))).toEqual(await outcome(() => nodeFetch(url, aborted())));
    const timeout = () => ({ signal: AbortSignal.timeout(50) });
    const actual = await outcome(() => fast(url, timeout()));
    expect(actual).toEqual(await outcome(() => nodeFetch(url, timeout())));
    expect(actual).toMatchObject({ name: 'TimeoutError' });
  });

  it('reads the answer as it arrives: a capped read stops early', async () => {
    const url = `${origin(a)}/big`;
    const capped = await readCapped(await fast(url), 100_000);
    expect(capped).toBeUndefined();
    const whole = await readCapped(await fast(url), 10_000_000);
    expect(whole?.byteLength).toBe(80 * 64 * 1024);
    expect(await readJson(await fast(`${origin(a)}/gzip`))).toMatchObject({ coding: 'gzip' });
  });

  it('a body cancelled part-read, or unread, ends quietly (no late chunk lands in a closed stream)', async () => {
    const url = `${origin(a)}/big`;
    for (let i = 0; i < 40; i++) {
      const response = await fast(url);
      if (i % 2 === 0) await response.body?.cancel();
      else {
        const reader = response.body?.getReader();
        await reader?.read();
        await new Promise((resolve) => setImmediate(resolve));
        await reader?.cancel();
      }
    }
    // The connection is still usable afterwards.
    expect((await fast(`${origin(a)}/echo`)).status).toBe(200);
  });
});
