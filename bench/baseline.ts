import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Baseline {
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

/**
 * The floor: a bare node:http server that reads the request body, parses it as
 * JSON and answers a small JSON, with no framework, no auth and no database.
 */
export async function startBaseline(): Promise<Baseline> {
  let next = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let status = 200;
      let answer: string;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { post?: unknown };
        answer = JSON.stringify({ status: 'success', id: `baseline-${next++}`, post: body.post });
      } catch {
        status = 400;
        answer = JSON.stringify({ status: 'error' });
      }
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(answer),
      });
      res.end(answer);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
