import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as sent: what signatures are checked against. */
  body: string;
  json: Record<string, unknown>;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  /** The receiver answers this much later (a slow receiver), or never with `hang`. */
  delayMs?: number;
  hang?: boolean;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedHook[];
  /** The requests that reached one path (each test registers its own). */
  at(path: string): ReceivedHook[];
  /** What the n-th request (0-based) is answered; replaceable between tests. */
  answer: (n: number, hook: ReceivedHook) => Answer;
  close(): Promise<void>;
}

/** A real HTTP receiver on loopback that records every request and answers as told. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    at: (path) => receiver.received.filter((hook) => hook.path === path),
    answer: () => ({ status: 200 }),
    close: async () => undefined,
  };
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const hook: ReceivedHook = {
        path: request.url ?? '/',
        headers: request.headers,
        body,
        json: JSON.parse(body || '{}'),
      };
      const n = receiver.received.length;
      receiver.received.push(hook);
      const answer = receiver.answer(n, hook);
      if (answer.hang) return;
      const send = () => response.writeHead(answer.status, answer.headers ?? {}).end('ok');
      if (!answer.delayMs) return send();
      const timer = setTimeout(() => {
        timers.delete(timer);
        send();
      }, answer.delayMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = async () => {
    for (const timer of timers) clearTimeout(timer);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return receiver;
}

/** Polls until `check` holds (never a fixed sleep), or fails naming what it waited for. */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 15_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
