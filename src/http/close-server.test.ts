import { Agent, request } from 'node:http';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';

import { closeServer } from './close-server.ts';

async function listening() {
  const server = Fastify();
  server.get('/hang', () => new Promise(() => {})); // a request that never finishes
  server.get('/ok', async () => ({ ok: true }));
  await server.listen({ host: '127.0.0.1', port: 0 });
  const { port } = server.server.address() as { port: number };
  return { server, origin: `http://127.0.0.1:${port}` };
}

function get(url: string): Promise<string> {
  return new Promise((resolve) => {
    const req = request(url, { agent: new Agent({ keepAlive: true }) });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve('answered'));
    });
    req.on('error', () => resolve('cut'));
    req.end();
  });
}

describe('closeServer', () => {
  it('cuts a request still in flight once the grace is over (close never waits for good)', async () => {
    const { server, origin } = await listening();
    const hanging = get(`${origin}/hang`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await closeServer(server, 100);
    expect(await hanging).toBe('cut');
  });

  it('closes with a kept-alive idle connection open', async () => {
    const { server, origin } = await listening();
    expect(await get(`${origin}/ok`)).toBe('answered');
    await closeServer(server, 60_000);
  });
});
