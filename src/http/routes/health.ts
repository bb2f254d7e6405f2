import type { RegisterRoute } from '../types.ts';

/** /healthz: the process is up. /readyz: it can reach its database and is not draining. */
export const registerHealth: RegisterRoute = (server, app) => {
  server.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  server.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    if (app.draining.value) return reply.status(503).send({ status: 'draining' });
    try {
      await app.pool.query('SELECT 1');
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'database unreachable' });
    }
  });
  server.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('content-type', app.metrics.registry.contentType);
    return app.metrics.registry.metrics();
  });
};
