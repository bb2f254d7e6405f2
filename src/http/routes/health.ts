import { Alive, Readiness } from '../schemas/meta-responses.ts';
import type { RegisterRoute } from '../types.ts';

/**
 * /healthz: the process is up. /readyz: whether it should take traffic, with what is
 * degraded. 503 only when it cannot do its job: draining, or the database unreachable.
 * A LISTEN connection being re-established or a job runner restarting after a database
 * outage is `degraded` (200): requests still work (waiting requests poll every second
 * meanwhile), and Herald is repairing it itself.
 */
export const registerHealth: RegisterRoute = (server, app) => {
  server.get(
    '/healthz',
    {
      schema: {
        summary: 'Liveness: the process is up (public)',
        tags: ['operations'],
        security: [],
        response: { 200: Alive },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  server.get(
    '/readyz',
    {
      schema: {
        summary: 'Readiness: whether to send traffic here, and what is degraded (public)',
        tags: ['operations'],
        security: [],
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      if (app.draining.value) return reply.status(503).send({ status: 'draining' });
      const checks: { database?: string; notifications?: string; worker?: string } = {};
      try {
        await app.pool.query('SELECT 1');
        checks.database = 'ok';
      } catch {
        checks.database = 'unreachable';
      }
      if (app.api) checks.notifications = app.waiter.listening ? 'listening' : 'reconnecting';
      if (app.workers?.length) checks.worker = app.workers.every((w) => w.running) ? 'running' : 'restarting';
      if (checks.database !== 'ok') return reply.status(503).send({ status: 'unavailable', checks });
      const degraded = Object.values(checks).some((v) => v === 'reconnecting' || v === 'restarting');
      return { status: degraded ? ('degraded' as const) : ('ready' as const), checks };
    },
  );
};
