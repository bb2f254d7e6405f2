import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A reverse proxy on 127.0.0.1 that holds every request for a network-like delay before
 * passing it to a fake, so the fakes stay as the tests use them and Herald's connectors
 * meet the latency of a real API (the answer comes back without added delay: the wait
 * stands for the whole round trip). Deterministic jitter: `baseMs` ± `jitterMs`.
 */
export interface LatencyProxy {
  url: string;
  requests: number;
  close(): Promise<void>;
}

export async function startLatencyProxy(
  target: string,
  baseMs: number,
  jitterMs: number,
): Promise<LatencyProxy> {
  const upstream = new URL(target);
  let seed = 7;
  const delay = () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return baseMs + ((seed % (2 * jitterMs + 1)) - jitterMs);
  };
  const stats = { requests: 0 };
  const server = createServer((req, res) => {
    stats.requests += 1;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      setTimeout(() => {
        const forwarded = request(
          {
            hostname: upstream.hostname,
            port: upstream.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: upstream.host },
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        forwarded.on('error', () => res.writeHead(502).end());
        forwarded.end(Buffer.concat(chunks));
      }, delay());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return stats.requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
