import type { FanoutRun } from './fanout.ts';
import type { LatenessFigures } from './lateness.ts';
import type { Row, Scenario } from './report.ts';

const NAMES: Record<Scenario, string> = {
  baseline: 'baseline',
  immediate: 'immediate',
  scheduled: 'accept_scheduled',
};

/**
 * The named figures of one `npm run bench` (`--json`), so two runs can be compared by a
 * script. Headline names follow the issue: `accept_scheduled_rps` (64 clients),
 * `baseline_rps` (the bare server, 64 clients, same run), `ratio` (their quotient),
 * `p99_ms` (the scheduled accept's p99 at 64 clients); every line is also there by name
 * and client count (`immediate_16_rps`, `accept_scheduled_64_p99_ms`, ...), with the CPU
 * one request cost the server process and PostgreSQL (`..._server_cpu_ms_per_request`),
 * which a machine shared with other work disturbs less than requests per second.
 */
export function benchFigures(input: {
  rows: Row[];
  rssAtRestBytes: number;
  fanout?: Record<string, number | string> | undefined;
  lateness?: LatenessFigures | undefined;
  revision: string;
  /** Warm-up + window of each line, s: CPU per request = cores × this ÷ requests sent. */
  lineSeconds: number;
}): Record<string, unknown> {
  const figures: Record<string, unknown> = { revision: input.revision };
  const baselineOf = (clients: number) =>
    input.rows.find((r) => r.scenario === 'baseline' && r.concurrency === clients)?.result.requestsPerSecond;
  for (const row of input.rows) {
    const name = `${NAMES[row.scenario]}_${row.concurrency}`;
    const baseline = baselineOf(row.concurrency);
    figures[`${name}_rps`] = row.result.requestsPerSecond;
    figures[`${name}_p50_ms`] = row.result.latency.p50;
    figures[`${name}_p99_ms`] = row.result.latency.p99;
    figures[`${name}_errors`] = row.result.errors;
    if (baseline) figures[`${name}_ratio`] = row.result.requestsPerSecond / baseline;
    if (row.statementsPerRequest !== undefined)
      figures[`${name}_statements_per_request`] = row.statementsPerRequest;
    if (row.cpu) {
      figures[`${name}_cpu_server_cores`] = row.cpu.server;
      figures[`${name}_cpu_postgres_cores`] = row.cpu.postgres;
      figures[`${name}_cpu_other_cores`] = row.cpu.other;
      figures[`${name}_cpu_steal_cores`] = row.cpu.steal;
      // Less sensitive to a busy machine than req/s: what one request costs each party.
      const perRequest = (cores: number) => (cores * input.lineSeconds * 1000) / Math.max(1, row.result.sent);
      figures[`${name}_server_cpu_ms_per_request`] = perRequest(row.cpu.server);
      figures[`${name}_postgres_cpu_ms_per_request`] = perRequest(row.cpu.postgres);
    }
  }
  const top = Math.max(...input.rows.map((r) => r.concurrency));
  const line = (scenario: Scenario, clients: number) =>
    input.rows.find((r) => r.scenario === scenario && r.concurrency === clients);
  const scheduled = line('scheduled', top);
  const immediate = line('immediate', Math.min(...input.rows.map((r) => r.concurrency)));
  const baseline = baselineOf(top);
  if (scheduled) {
    figures.accept_scheduled_rps = scheduled.result.requestsPerSecond;
    figures.p99_ms = scheduled.result.latency.p99;
  }
  if (baseline) figures.baseline_rps = baseline;
  if (scheduled && baseline) figures.ratio = scheduled.result.requestsPerSecond / baseline;
  if (immediate) {
    figures.immediate_rps = immediate.result.requestsPerSecond;
    figures.immediate_p99_ms = immediate.result.latency.p99;
  }
  figures.bench_process_rss_at_rest_mib = input.rssAtRestBytes / 1024 ** 2;
  if (input.fanout) Object.assign(figures, input.fanout);
  if (input.lateness) {
    const { rss_mib, herald_cpu_ms_per_delivery, ...rest } = input.lateness;
    Object.assign(figures, Object.fromEntries(Object.entries(rest).map(([k, v]) => [lateName(k), v])));
    figures.rss_mib = rss_mib;
    figures.lateness_herald_cpu_ms_per_delivery = herald_cpu_ms_per_delivery;
  }
  return figures;
}

const lateName = (key: string) => (key.startsWith('lateness_') ? key : `lateness_${key}`);

export type { FanoutRun };
