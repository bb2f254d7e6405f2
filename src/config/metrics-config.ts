import type { Env } from './env.ts';

export interface MetricsConfig {
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  token?: string;
  /** When set, /metrics is served on this port only (on `host`), not on the API's. */
  port?: number;
  host: string;
}

export const METRICS_VARIABLES: readonly { name: string; default: string; meaning: string }[] = [
  {
    name: 'HERALD_METRICS_TOKEN',
    default: '(unset)',
    meaning:
      'When set, GET /metrics answers only with `Authorization: Bearer <token>` (Prometheus: `authorization: {credentials: …}`); unset, it answers without a key (Prometheus convention).',
  },
  {
    name: 'HERALD_METRICS_PORT',
    default: '(unset)',
    meaning:
      'When set, /metrics is served on this port only (on HERALD_METRICS_HOST), not on the API port: keep it off the public interface.',
  },
  { name: 'HERALD_METRICS_HOST', default: '127.0.0.1', meaning: 'Interface of HERALD_METRICS_PORT.' },
];

export function metricsConfig(env: Env, problems: string[]): MetricsConfig {
  const token = env.HERALD_METRICS_TOKEN || undefined;
  if (token !== undefined && !/^[\x21-\x7e]{16,}$/.test(token))
    problems.push('HERALD_METRICS_TOKEN must be at least 16 visible ASCII characters');
  const rawPort = env.HERALD_METRICS_PORT;
  let port: number | undefined;
  if (rawPort) {
    port = Number(rawPort);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      problems.push(`HERALD_METRICS_PORT must be a port number (0-65535); got "${rawPort}"`);
      port = undefined;
    }
  }
  return {
    ...(token ? { token } : {}),
    ...(port !== undefined ? { port } : {}),
    host: env.HERALD_METRICS_HOST || '127.0.0.1',
  };
}
