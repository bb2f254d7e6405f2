import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { buildErrorBody } from '../../errors/build.ts';
import { ErrorResponses, textResponse } from '../schemas/common.ts';
import type { RegisterRoute } from '../types.ts';

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function handler(app: AppContext) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const { token } = app.config.metrics;
    const given = request.headers.authorization;
    if (token && !tokenMatches(given, token)) {
      // No token: 102 (403); a wrong one: 601 (401), as for API keys.
      return reply.status(given ? 401 : 403).send(buildErrorBody({ code: given ? 601 : 102 }));
    }
    reply.header('content-type', app.metrics.registry.contentType);
    return app.metrics.registry.metrics();
  };
}

/**
 * GET /metrics (Prometheus). Without a key by default, as Prometheus expects; with
 * HERALD_METRICS_TOKEN it wants that bearer token; with HERALD_METRICS_PORT it is served
 * on that port only (metricsServer below), not on the API's.
 */
export const registerMetrics: RegisterRoute = (server, app) => {
  if (app.config.metrics.port !== undefined) return;
  server.get(
    '/metrics',
    {
      schema: {
        summary: 'Prometheus metrics (public, or HERALD_METRICS_TOKEN as a bearer token)',
        tags: ['operations'],
        security: [],
        response: {
          200: textResponse(
            'text/plain; version=0.0.4; charset=utf-8',
            'Prometheus text exposition.',
            'herald_targets{platform="bluesky",state="published"} 1\n',
          ),
          ...ErrorResponses,
        },
      },
    },
    handler(app),
  );
};

/** The separate listener of HERALD_METRICS_PORT, when set. */
export async function startMetricsServer(app: AppContext): Promise<FastifyInstance | undefined> {
  const { port, host } = app.config.metrics;
  if (port === undefined) return undefined;
  const server = Fastify({ logger: false });
  server.get('/metrics', handler(app));
  await server.listen({ host, port });
  app.log.info({ url: metricsUrlOf(server) }, 'metrics listening');
  return server;
}

/** The address the metrics listener actually took (HERALD_METRICS_PORT=0 picks a free port). */
export function metricsUrlOf(server: FastifyInstance): string {
  const address = server.server.address();
  if (address === null || typeof address === 'string') return String(address);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}/metrics`;
}
