import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Queryable } from '../db/pool.ts';
import { countTargetsByState } from '../db/targets.ts';
import { countEventsByStatus } from '../db/webhook-events.ts';

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  jobs: Counter<'task' | 'outcome'>;
  publishes: Counter<'platform' | 'outcome'>;
  /** Webhook attempts by what they led to: delivered, retry (scheduled again), dead (dead-lettered). */
  webhookDeliveries: Counter<'action' | 'outcome'>;
}

/** Prometheus metrics; target counts are read from the database at scrape time, so every process agrees. */
export function createMetrics(db: Queryable): Metrics {
  const registry = new Registry();
  const httpRequests = new Counter({
    name: 'herald_http_requests_total',
    help: 'HTTP requests answered',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'herald_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const jobs = new Counter({
    name: 'herald_jobs_total',
    help: 'Jobs run by this process',
    labelNames: ['task', 'outcome'] as const,
    registers: [registry],
  });
  const publishes = new Counter({
    name: 'herald_publish_attempts_total',
    help: 'Publish attempts by network and outcome',
    labelNames: ['platform', 'outcome'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'herald_targets',
    help: 'Targets by network and state',
    labelNames: ['platform', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await countTargetsByState(db))
        this.set({ platform: row.platform, state: row.state }, row.n);
    },
  });
  const webhookDeliveries = new Counter({
    name: 'herald_webhook_deliveries_total',
    help: 'Webhook delivery attempts by action and outcome (delivered, retry, dead)',
    labelNames: ['action', 'outcome'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'herald_webhook_events',
    help: 'Webhook events by delivery status (pending, delivered, failed = dead-lettered)',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await countEventsByStatus(db)) this.set({ status: row.status }, row.n);
    },
  });
  return { registry, httpRequests, httpDuration, jobs, publishes, webhookDeliveries };
}
