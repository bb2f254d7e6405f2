import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { hasNullBody } from '../net/null-body.ts';
import { isAllowListed } from './allow-list.ts';
import { parseIp } from './ip-address.ts';
import { outgoingOf } from './outgoing-request.ts';
import type { FetchPolicy } from './safe-fetch.ts';
import { decideUrl } from './url-decision.ts';

/**
 * The SSRF-safe fetcher for the API of a server a user named (a Mastodon instance),
 * in the shape of `fetch`: any method and body, the same address decision as media
 * downloads (public addresses only, unless HERALD_MEDIA_ALLOW lists them), the socket
 * pinned to the address decided (no second resolution: DNS rebinding changes nothing; a
 * kept-alive connection is reused only for the same name at the same address),
 * https only unless the host is allowlisted, and redirects never followed (a 3xx is
 * answered as is: an API that redirects a POST elsewhere is not followed there).
 */

/** The error code of a URL refused before any connection (connectors classify by it). */
export const URL_REFUSED = 'ERR_URL_REFUSED';

/** A URL refused before any connection: the request certainly never left. */
export class RefusedUrlError extends Error {
  readonly code = URL_REFUSED;
  constructor(reason: string) {
    super(reason);
    this.name = 'RefusedUrlError';
  }
}

/** API answers are JSON documents of a few kilobytes: anything past this is not read. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/** Servers whose connections are kept: past this many the least recent is let go. */
const MAX_AGENTS = 256;
/**
 * How long an idle kept connection waits for the next call: below the 5 s after which a
 * Node server (and most proxies later) closes one, as undici's fetch does (4 s), so a
 * connection is not reused just as the server closes it.
 */
const IDLE_KEEP_MS = 4000;
const agents = new Map<string, http.Agent>();

/**
 * The kept-alive connections to one server at one address: every socket of an agent was
 * opened to `address` (its lookup is pinned), so reusing one never leads anywhere the
 * address decision did not allow. A name that resolves elsewhere later gets another agent,
 * with fresh connections. One per (scheme, name, port, address); a TLS session is reused too.
 */
function agentFor(url: URL, hostname: string, address: string, family: 4 | 6): http.Agent {
  const key = `${url.protocol}//${hostname}:${url.port}@${address}`;
  const known = agents.get(key);
  if (known) {
    // The most recent last: the first is the one let go when there are too many.
    agents.delete(key);
    agents.set(key, known);
    return known;
  }
  const options = { keepAlive: true, timeout: IDLE_KEEP_MS, lookup: pinned(address, family) };
  const agent = url.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
  agents.set(key, agent);
  if (agents.size > MAX_AGENTS) {
    // Let go, not destroyed: its calls in flight finish; its idle sockets close on their own.
    const [oldest] = agents.keys();
    if (oldest !== undefined) agents.delete(oldest);
  }
  return agent;
}

function pinned(address: string, family: 4 | 6): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

function headersOf(response: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

async function readAnswer(response: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_ANSWER_BYTES) {
      response.destroy();
      throw new Error(`the answer is larger than ${MAX_ANSWER_BYTES} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

export function apiFetch(policy: Pick<FetchPolicy, 'allow' | 'resolve' | 'timeoutMs'>): typeof fetch {
  const adapted = async (resource: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    // Any body serialised (JSON text, URLSearchParams, FormData with its boundary), as a Request would.
    const request = await outgoingOf(resource, init);
    const decision = await decideUrl(request.url, policy.allow, policy.resolve);
    if (!decision.allowed) throw new RefusedUrlError(decision.reason);
    const ip = parseIp(decision.address);
    if (decision.url.protocol !== 'https:' && !(ip && isAllowListed(policy.allow, decision.hostname, ip))) {
      throw new RefusedUrlError(`only https is used for ${decision.hostname} (got ${decision.url.protocol})`);
    }
    const { body, headers } = request;
    if (body) headers['content-length'] = String(body.length);
    const transport = decision.url.protocol === 'https:' ? https : http;
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const outgoing = transport.request(
        {
          protocol: decision.url.protocol,
          hostname: decision.hostname,
          port: decision.url.port || undefined,
          path: `${decision.url.pathname}${decision.url.search}`,
          method: request.method,
          headers,
          lookup: pinned(decision.address, decision.family),
          // Kept connections to this very address only (agentFor): never another's.
          agent: agentFor(decision.url, decision.hostname, decision.address, decision.family),
          ...(init?.signal ? { signal: init.signal } : {}),
        },
        resolve,
      );
      // An idle limit, not a whole-call one: a video upload may stream for minutes (the
      // caller's signal bounds the attempt).
      outgoing.setTimeout(policy.timeoutMs, () =>
        outgoing.destroy(
          Object.assign(new Error(`no data for ${policy.timeoutMs} ms`), { code: 'ETIMEDOUT' }),
        ),
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
    const status = response.statusCode ?? 0;
    const answer = await readAnswer(response);
    return new Response(hasNullBody(request.method, status) ? null : new Uint8Array(answer), {
      status,
      headers: headersOf(response),
    });
  };
  return adapted as typeof fetch;
}
