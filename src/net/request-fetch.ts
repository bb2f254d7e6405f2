import { brotliDecompressSync } from 'node:zlib';
import { type Dispatcher, getGlobalDispatcher } from 'undici';
import { fetchCallOf } from './fetch-call.ts';
import { hasNullBody } from './null-body.ts';

/**
 * `fetch`, for the connectors' calls to the networks' APIs, on undici's dispatcher instead of
 * undici's `fetch`: the same request on the wire, the same `Response`, the same errors, for
 * less than half the CPU (a microbenchmark on this machine, client and server in one process:
 * 0.35 ms a JSON POST through `fetch`, 0.15 ms through the dispatcher with the answer made a
 * `Response`; a fan-out delivery is one call or more). What makes `fetch` dear is its WHATWG
 * machinery around a request (a `Request`, streams, transferable signals); the connectors send
 * small JSON or form bodies and read small answers, which need none of it.
 *
 * Only the calls it is sure to answer exactly as `fetch` would take this path: a string or URL
 * over http(s), a body that is absent, a string, bytes or `URLSearchParams`. Anything else (a
 * `Request`, `FormData`, a `Blob`, a stream, `duplex`) goes to `globalThis.fetch` unchanged.
 * On this path, as `fetch` does (Fetch standard, Node's undici):
 * - the default headers (`accept`, `accept-language`, `sec-fetch-mode`, `user-agent`,
 *   `accept-encoding`) and the body's default `content-type`; an answer in gzip, deflate or
 *   br is decoded;
 * - methods normalised (`post` → `POST`; others as given);
 * - header values and URLs checked before anything is sent (a `TypeError`, nothing sent);
 * - redirects followed up to 20 (`redirect: 'follow'`): 303, and 301/302 after a POST, go on
 *   as a GET without the body; another origin never sees the `authorization` header;
 *   `'manual'` answers the 3xx itself, `'error'` fails;
 * - an aborted signal rejects with the signal's reason; every other failure is
 *   `TypeError('fetch failed', { cause })`, the cause carrying the error's `code`;
 * - the answer's body is a stream, read as it arrives (a large download is not held).
 *
 * With Node's proxy from the environment on (`NODE_USE_ENV_PROXY=1` or `--use-env-proxy`,
 * Node 24), every call goes to `fetch`, which honours `HTTP(S)_PROXY`; this path does not.
 */
export function requestFetch(
  dispatcher?: Dispatcher,
  env: { env: NodeJS.ProcessEnv; execArgv: readonly string[] } = process,
): typeof fetch {
  const viaProxy = env.env.NODE_USE_ENV_PROXY === '1' || env.execArgv.includes('--use-env-proxy');
  const call = (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    const plan = viaProxy ? undefined : planOf(input, init);
    if (!plan) return globalThis.fetch(input, init);
    return send(plan, init?.signal ?? undefined, dispatcher ?? getGlobalDispatcher());
  };
  return call as typeof fetch;
}

/** What the fast path sends: a replayable body, so a redirect can send it again. */
interface Plan {
  url: URL;
  method: string;
  headers: Headers;
  body: string | Uint8Array | undefined;
  redirect: RequestRedirect;
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);
/** Fetch's limit: past this many redirects the call fails. */
const MAX_REDIRECTS = 20;
/** Dropped with the body when a redirect turns the call into a GET (Fetch, HTTP-redirect fetch). */
const BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type'];
/** Headers that describe the connection or the framing: undici's request refuses most of them. */
const OWN_HEADERS = [
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'expect',
  'content-length',
  'host',
];
/** What Node's fetch adds when the caller did not say (seen on the wire from Node 20's fetch). */
const DEFAULT_HEADERS: readonly [string, string][] = [
  ['accept', '*/*'],
  ['accept-language', '*'],
  ['sec-fetch-mode', 'cors'],
  ['user-agent', 'node'],
  ['accept-encoding', 'gzip, deflate'],
];

/** The plan of a call the fast path answers exactly as fetch, or undefined to let fetch answer it. */
function planOf(input: Parameters<typeof fetch>[0], init: RequestInit | undefined): Plan | undefined {
  const call = fetchCallOf(input, init);
  if (!call) return undefined;
  const { url, method, headers, body } = call;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // Headers undici's request refuses or fetch sets itself: fetch answers those calls.
  for (const name of OWN_HEADERS) if (headers.has(name)) return undefined;
  for (const [name, value] of DEFAULT_HEADERS) if (!headers.has(name)) headers.set(name, value);
  url.hash = '';
  return { url, method, headers, body, redirect: init?.redirect ?? 'follow' };
}

function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

/** An answer as it starts: status line and headers; the body streams on. */
interface Answer {
  status: number;
  statusText: string;
  headers: Headers;
  body: ReadableStream<Uint8Array>;
}

/** How much of an answer's body is read ahead of its reader before the connection is paused. */
const READ_AHEAD_BYTES = 64 * 1024;

/**
 * One exchange through undici's dispatcher (its documented handler interface): `request`
 * would do, but it drops the status line's reason phrase, which `fetch` keeps as `statusText`.
 * The body is a web stream fed straight from the handler, with backpressure (the connection
 * is paused past READ_AHEAD_BYTES and resumed when read; no Node stream in between, whose
 * adapter to web streams can throw when its reader cancels). An abort of `signal` ends the
 * exchange with the signal's reason, before the answer or while its body streams; a reader
 * that cancels the body ends it too.
 */
function exchange(plan: Plan, signal: AbortSignal | undefined, dispatcher: Dispatcher): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    let abortExchange: ((reason: Error) => void) | undefined;
    let body: ReadableStreamDefaultController<Uint8Array> | undefined;
    let resumeReading: (() => void) | undefined;
    /** The body is over for its reader: complete, failed or cancelled. Nothing more is enqueued. */
    let over = false;
    let finished = false;
    const onAbort = () => abortExchange?.(signal?.reason);
    const done = () => {
      finished = true;
      signal?.removeEventListener('abort', onAbort);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const handler: Dispatcher.DispatchHandlers = {
      onConnect(abort) {
        abortExchange = abort;
        if (signal?.aborted) abort(signal.reason);
      },
      onHeaders(statusCode, rawHeaders, resume, statusMessage) {
        if (statusCode < 200) return true;
        const headers = new Headers();
        for (let i = 0; i + 1 < rawHeaders.length; i += 2)
          headers.append(String(rawHeaders[i]), (rawHeaders[i + 1] as Buffer).toString('latin1'));
        resumeReading = resume;
        const stream = new ReadableStream<Uint8Array>(
          {
            start: (controller) => {
              body = controller;
            },
            pull: () => resumeReading?.(),
            cancel: (reason) => {
              over = true;
              if (!finished)
                abortExchange?.(reason instanceof Error ? reason : new Error('the answer was not read'));
            },
          },
          new ByteLengthQueuingStrategy({ highWaterMark: READ_AHEAD_BYTES }),
        );
        resolve({ status: statusCode, statusText: statusMessage, headers, body: stream });
        return true;
      },
      onData(chunk) {
        if (over || !body) return true;
        body.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        return (body.desiredSize ?? 0) > 0;
      },
      onComplete() {
        done();
        if (over || !body) return;
        over = true;
        body.close();
      },
      onError(err) {
        done();
        if (!body) {
          reject(err);
          return;
        }
        if (over) return;
        over = true;
        body.error(err);
      },
    };
    dispatcher.dispatch(
      {
        origin: plan.url.origin,
        path: `${plan.url.pathname}${plan.url.search}`,
        method: plan.method as Dispatcher.HttpMethod,
        headers: [...plan.headers].flat(),
        body: plan.body ?? null,
      },
      handler,
    );
  });
}

async function send(first: Plan, signal: AbortSignal | undefined, dispatcher: Dispatcher): Promise<Response> {
  let plan = first;
  for (let redirects = 0; ; redirects++) {
    if (signal?.aborted) throw signal.reason;
    let answer: Answer;
    try {
      answer = await exchange(plan, signal, dispatcher);
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      throw fetchFailed(err);
    }
    const location = answer.headers.get('location');
    if (!REDIRECT.has(answer.status) || location === null || plan.redirect === 'manual')
      return responseOf(answer, plan.method);
    await answer.body.cancel().catch(() => undefined);
    if (plan.redirect === 'error') throw fetchFailed(new Error('unexpected redirect'));
    if (redirects + 1 > MAX_REDIRECTS) throw fetchFailed(new Error('redirect count exceeded'));
    plan = redirected(plan, answer.status, location);
  }
}

/** The next call after a redirect, as fetch makes it (Fetch standard, "HTTP-redirect fetch"). */
function redirected(plan: Plan, status: number, location: string): Plan {
  let url: URL;
  try {
    url = new URL(location, plan.url);
  } catch (err) {
    throw fetchFailed(err);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw fetchFailed(new Error('URL scheme must be a HTTP(S) scheme'));
  if (url.username || url.password) throw fetchFailed(new Error('redirect to a URL with credentials'));
  const headers = new Headers(plan.headers);
  let { method, body } = plan;
  if (
    ((status === 301 || status === 302) && method === 'POST') ||
    (status === 303 && method !== 'GET' && method !== 'HEAD')
  ) {
    method = method === 'HEAD' ? 'HEAD' : 'GET';
    body = undefined;
    for (const name of BODY_HEADERS) headers.delete(name);
  }
  if (url.origin !== plan.url.origin) {
    // What undici's fetch removes on a redirect to another origin.
    headers.delete('authorization');
    headers.delete('proxy-authorization');
    headers.delete('cookie');
    headers.delete('host');
  }
  url.hash = '';
  return { url, method, headers, body, redirect: plan.redirect };
}

function responseOf(answer: Answer, method: string): Response {
  const { status, statusText, headers } = answer;
  if (status > 599) {
    answer.body.cancel().catch(() => undefined);
    throw fetchFailed(new Error(`status ${status} is not an HTTP status`));
  }
  if (hasNullBody(method, status)) {
    answer.body.cancel().catch(() => undefined);
    return new Response(null, { status, statusText, headers });
  }
  return new Response(decoded(answer.body, headers.get('content-encoding')), { status, statusText, headers });
}

/**
 * The body decoded as fetch decodes it, the last coding applied first: gzip and deflate as
 * they stream; br (which Herald never asks for) whole. An unknown coding is left as sent.
 */
function decoded(body: ReadableStream<Uint8Array>, encoding: string | null): ReadableStream<Uint8Array> {
  if (!encoding) return body;
  const codings = encoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity')
    .reverse();
  const steps: ReadableWritablePair<Uint8Array, Uint8Array>[] = [];
  for (const coding of codings) {
    if (coding === 'gzip' || coding === 'x-gzip') steps.push(decompression('gzip'));
    else if (coding === 'deflate') steps.push(decompression('deflate'));
    else if (coding === 'br') steps.push(wholeBrotli());
    else return body;
  }
  return steps.reduce((stream, step) => stream.pipeThrough(step), body);
}

function decompression(format: 'gzip' | 'deflate'): ReadableWritablePair<Uint8Array, Uint8Array> {
  return new DecompressionStream(format) as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;
}

function wholeBrotli(): TransformStream<Uint8Array, Uint8Array> {
  const chunks: Uint8Array[] = [];
  return new TransformStream({
    transform: (chunk) => {
      chunks.push(chunk);
    },
    flush: (controller) => {
      controller.enqueue(new Uint8Array(brotliDecompressSync(Buffer.concat(chunks))));
    },
  });
}
