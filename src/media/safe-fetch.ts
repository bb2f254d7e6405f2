import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { AllowList } from './allow-list.ts';
import { MediaFetchError } from './fetch-error.ts';
import { decideUrl, type Resolver, type UrlDecision } from './url-decision.ts';

/**
 * The one way Herald downloads a media URL. Every hop (the URL and each redirect) is
 * decided by `decideUrl` and the connection goes to the address decided, never to a
 * second resolution of the name: the request carries the name (Host header, TLS SNI)
 * but the socket's lookup answers the pinned address.
 */

export interface FetchPolicy {
  allow: AllowList;
  resolve: Resolver;
  /** Whole download, every hop and the body included. */
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
}

export interface MediaRequest {
  method?: 'GET' | 'HEAD';
  headers?: Readonly<Record<string, string>>;
  /** Cap for this request; defaults to the policy's. */
  maxBytes?: number;
  /** `truncate`: stop at the cap and keep what came (a ranged probe); `error`: the download fails. */
  overflow?: 'error' | 'truncate';
  signal?: AbortSignal;
}

export interface OpenedMedia {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  headers: Headers;
  redirects: string[];
  /** The address the socket connected to. */
  address: string;
  response: IncomingMessage;
  /** Ends the deadline timer; called once the body is read or dropped. */
  finish(): void;
  /** Ends only the whole-download deadline (a stream then keeps its own idle timeout). */
  stopDeadline(): void;
  /** The error to report for a failure while reading the body (timeout, abort, network). */
  failure(err: unknown): MediaFetchError;
}

export const DEFAULT_USER_AGENT = 'Herald/0.1 (media fetch; +https://github.com/herald)';
const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function pinned(address: string, family: 4 | 6): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

function requestOnce(
  decision: UrlDecision & { allowed: true },
  method: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const transport = decision.url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      {
        protocol: decision.url.protocol,
        hostname: decision.hostname,
        port: decision.url.port || undefined,
        path: `${decision.url.pathname}${decision.url.search}`,
        method,
        headers,
        lookup: pinned(decision.address, decision.family),
        // A fresh socket per request: a pooled one could lead to another address.
        agent: false,
        signal,
      },
      resolve,
    );
    request.on('error', reject);
    request.end();
  });
}

function headersOf(response: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

/** Follows redirects (each one decided again) and answers the first non-redirect response, body unread. */
export async function openMedia(
  policy: FetchPolicy,
  url: string,
  request: MediaRequest = {},
): Promise<OpenedMedia> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, policy.timeoutMs);
  const onAbort = () => controller.abort();
  request.signal?.addEventListener('abort', onAbort, { once: true });
  const stopDeadline = () => clearTimeout(timer);
  const finish = () => {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onAbort);
  };
  const failure = (err: unknown): MediaFetchError => {
    if (err instanceof MediaFetchError) return err;
    if (timedOut)
      return new MediaFetchError('timeout', `timeout: no complete answer within ${policy.timeoutMs} ms`);
    if (request.signal?.aborted) return new MediaFetchError('aborted', 'download aborted');
    const code = (err as NodeJS.ErrnoException).code;
    return new MediaFetchError('network', `connection failed: ${code ?? (err as Error).message}`);
  };
  const headers: Record<string, string> = {
    'user-agent': DEFAULT_USER_AGENT,
    accept: '*/*',
    // Bytes as stored: magic numbers are read from them.
    'accept-encoding': 'identity',
    ...request.headers,
  };
  const maxRedirects = policy.maxRedirects ?? MAX_REDIRECTS;
  const redirects: string[] = [];
  let current = url;
  try {
    if (request.signal?.aborted) throw new MediaFetchError('aborted', 'download aborted');
    for (;;) {
      const decision = await decideUrl(current, policy.allow, policy.resolve);
      if (!decision.allowed) {
        const hop = redirects.length > 0 ? `redirect to ${current} refused: ` : '';
        throw new MediaFetchError('refused', `${hop}${decision.reason}`);
      }
      const response = await requestOnce(decision, request.method ?? 'GET', headers, controller.signal);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECTS.has(status) && location) {
        response.resume();
        if (redirects.length >= maxRedirects)
          throw new MediaFetchError('redirects', `too many redirects (more than ${maxRedirects})`);
        current = new URL(location, decision.url).toString();
        redirects.push(current);
        continue;
      }
      return {
        url: current,
        status,
        headers: headersOf(response),
        redirects,
        address: decision.address,
        response,
        finish,
        stopDeadline,
        failure,
      };
    }
  } catch (err) {
    finish();
    throw failure(err);
  }
}

export interface MediaResponse extends Omit<OpenedMedia, 'response' | 'finish' | 'stopDeadline' | 'failure'> {
  body: Buffer;
  /** The body was longer than the cap and only its start was kept (overflow `truncate`). */
  truncated: boolean;
}

/** Downloads a URL into memory, within the size cap and the deadline. Any HTTP status is answered. */
export async function fetchMedia(
  policy: FetchPolicy,
  url: string,
  request: MediaRequest = {},
): Promise<MediaResponse> {
  const opened = await openMedia(policy, url, request);
  const { response } = opened;
  const max = request.maxBytes ?? policy.maxBytes;
  const overflow = request.overflow ?? 'error';
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  try {
    const declared = Number(response.headers['content-length'] ?? Number.NaN);
    if (overflow === 'error' && declared > max) throw tooLarge(max);
    for await (const chunk of response as AsyncIterable<Buffer>) {
      if (size + chunk.length > max) {
        if (overflow === 'error') throw tooLarge(max);
        chunks.push(chunk.subarray(0, max - size));
        size = max;
        truncated = true;
        break;
      }
      chunks.push(chunk);
      size += chunk.length;
    }
  } catch (err) {
    throw opened.failure(err);
  } finally {
    response.destroy();
    opened.finish();
  }
  const { url: finalUrl, status, headers, redirects, address } = opened;
  return { url: finalUrl, status, headers, redirects, address, body: Buffer.concat(chunks, size), truncated };
}

export function tooLarge(max: number): MediaFetchError {
  return new MediaFetchError('too-large', `the file is larger than the ${max}-byte limit`);
}
