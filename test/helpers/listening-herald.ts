import { createServer } from 'node:net';
import { startTestHerald, type TestHerald } from './herald.ts';

/** A loopback port nobody listens on now (the OS's pick). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Herald listening on loopback, its HERALD_PUBLIC_URL that address: for what only a real
 * socket shows (crawlers fetching Herald's media, streamed uploads, dropped connections).
 * `start` builds the Herald (a plain test Herald, or one with fakes around it) from the env.
 */
export async function listeningHerald<T extends { t: TestHerald }>(
  start: (env: Record<string, string>) => Promise<T>,
  env: Record<string, string> = {},
): Promise<T & { origin: string }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const started = await start({ HERALD_PUBLIC_URL: origin, ...env });
  if (!started.t.herald.server) throw new Error('this Herald has no API role');
  await started.t.herald.server.listen({ host: '127.0.0.1', port });
  return { ...started, origin };
}

export const plainHerald = async (env: Record<string, string>) => ({ t: await startTestHerald({ env }) });
