import type { FastifyInstance } from 'fastify';

const IDLE_SWEEP_MS = 200;

/**
 * Closes a listening server: no new connections; requests in flight may finish within
 * `graceMs`, then every connection left is cut. Node closes idle keep-alive connections
 * once, when close() is called; one that a client has just finished using may not count
 * as idle yet and would hold close() open for good, so idle ones are swept again until
 * the server has closed.
 */
export async function closeServer(server: FastifyInstance, graceMs: number): Promise<void> {
  const http = server.server;
  const sweep = setInterval(() => http.closeIdleConnections(), IDLE_SWEEP_MS);
  const cut = setTimeout(() => http.closeAllConnections(), graceMs);
  try {
    await server.close();
  } finally {
    clearInterval(sweep);
    clearTimeout(cut);
  }
}
