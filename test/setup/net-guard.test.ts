import net from 'node:net';
import { describe, expect, it } from 'vitest';

function attempt(host: string, port = 9): Promise<Error | 'connected'> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err) => resolve(err));
  });
}

describe('net guard', () => {
  it.each(['10.0.0.1', '169.254.169.254', '8.8.8.8', '::ffff:10.0.0.1', '2001:4860:4860::8888'])(
    'refuses %s before any packet leaves',
    async (host) => {
      const result = await attempt(host);
      expect(result).toBeInstanceOf(Error);
      expect((result as Error).message).toMatch(/^net-guard:/);
    },
  );

  it('lets loopback through', async () => {
    const server = net.createServer((s) => s.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    expect(await attempt('127.0.0.1', port)).toBe('connected');
    server.close();
  });

  it('makes a server asked to listen everywhere bind loopback', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, resolve));
    expect((server.address() as net.AddressInfo).address).toBe('127.0.0.1');
    server.close();
  });

  it('refuses fetch to a public address', async () => {
    const error = await fetch('http://93.184.216.34/').then(
      () => undefined,
      (err: Error) => err,
    );
    expect((error?.cause as Error | undefined)?.message).toMatch(/^net-guard:/);
  });
});
