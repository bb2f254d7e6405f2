import WebSocket from 'ws';
import { isObject } from './wire.ts';

/**
 * Reddit answers a `kind=image` submit without the post: it sends one message on the
 * submit's `websocket_url` once the image is processed, `{"type":"success","payload":
 * {"redirect":"…/comments/<id>/…"}}` or `{"type":"failed"}`. Node 20 has no global
 * WebSocket, hence the `ws` package.
 */

export type ImageNews =
  | { kind: 'success'; redirect: string }
  | { kind: 'failed' }
  /** No verdict (timeout, socket error, closed, aborted): the post may exist. */
  | { kind: 'silent'; reason: string };

function verdict(data: WebSocket.RawData): ImageNews | undefined {
  let message: unknown;
  try {
    message = JSON.parse(data.toString());
  } catch {
    return undefined;
  }
  if (!isObject(message)) return undefined;
  if (message.type === 'failed') return { kind: 'failed' };
  const redirect = isObject(message.payload) ? message.payload.redirect : undefined;
  if (message.type === 'success' && typeof redirect === 'string') return { kind: 'success', redirect };
  // Other message types carry no verdict: keep listening.
  return undefined;
}

/** Waits at most `waitMs` for Reddit's verdict on the image post. */
export function awaitImageNews(
  url: string,
  options: { waitMs: number; userAgent: string; signal?: AbortSignal },
): Promise<ImageNews> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers: { 'user-agent': options.userAgent } });
    const onAbort = () => settle({ kind: 'silent', reason: 'aborted while waiting for Reddit’s websocket' });
    const timer = setTimeout(
      () => settle({ kind: 'silent', reason: `no websocket message within ${options.waitMs} ms` }),
      options.waitMs,
    );
    let done = false;
    function settle(news: ImageNews): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners();
      // An error after settling (e.g. while closing) must not crash the process.
      socket.on('error', () => {});
      socket.terminate();
      resolve(news);
    }
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort);
    socket.on('message', (data) => {
      const news = verdict(data);
      if (news) settle(news);
    });
    socket.on('error', (error) => settle({ kind: 'silent', reason: `websocket: ${error.message}` }));
    socket.on('close', (code) =>
      settle({ kind: 'silent', reason: `websocket closed (${code}) before a verdict` }),
    );
  });
}

/** `t3_<id>` from the redirect `https://www.reddit.com/r/<sr>/comments/<id>/<slug>/`. */
export function fullnameOf(redirect: string): string | undefined {
  const id = /\/comments\/([a-z0-9]+)(?:\/|$)/i.exec(redirect)?.[1];
  return id ? `t3_${id.toLowerCase()}` : undefined;
}
