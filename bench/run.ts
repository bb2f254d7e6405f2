/**
 * `npm run bench`: Herald's POST /api/post against a bare node:http baseline,
 * over real HTTP on loopback, on a throw-away embedded PostgreSQL. Prints the
 * results table and rewrites the generated part of docs/benchmarks.md
 * (`npm run bench -- --no-doc` leaves the page alone; `-- --quick` is a short
 * smoke run, 1 s warm-up and 2 s windows, that never writes the page). Then the
 * fan-out bench (bench/fanout.ts, default settings, networks answering in 100 ms) and the
 * lateness bench (bench/lateness.ts: 100,000 pending, 500 due/s, and the RSS of a Herald
 * process at rest with them); `--skip fanout,lateness` leaves either out (`immediate` and
 * `scheduled` leave out a line of the table). `--json` prints one JSON object of named figures
 * on stdout (bench/figures.ts) and leaves the page alone. `--statement-kinds` prints each
 * line's statements per request by kind; `--statements` starts PostgreSQL with
 * pg_stat_statements and prints each line's costliest statements.
 */
// The tests' loopback guard: a connection to anything but 127.0.0.0/8 or ::1 fails
// at once (and shows up as errors), so the run can never reach outside the machine.
import '../test/setup/net-guard.ts';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { analyzeTablesWithRows } from './analyze.ts';
import { type Baseline, startBaseline } from './baseline.ts';
import { workerBreakdown } from './breakdown.ts';
import { startCpuMeter } from './cpu.ts';
import { writeResults } from './doc.ts';
import { fanoutFigures, runFanout } from './fanout.ts';
import { benchFigures } from './figures.ts';
import { JSON_OUTPUT, printFigures, STATEMENT_KINDS, writesDoc } from './flags.ts';
import { type BenchHerald, startBenchHerald } from './herald.ts';
import { type LatenessFigures, runLateness } from './lateness.ts';
import type { LoadPlan } from './load.ts';
import { type LoadDriver, startLoadDriver } from './load-driver.ts';
import { describeMachine } from './machine.ts';
import { STATEMENT_STATS, startActivity, topStatements } from './pg-activity.ts';
import { type BenchPostgres, startBenchPostgres } from './postgres.ts';
import { installQueryCounter } from './query-counter.ts';
import {
  breakdownTable,
  DISTURBED_CORES,
  type Row,
  resultsSection,
  resultsTable,
  type Scenario,
} from './report.ts';
import { describeRevision } from './revision.ts';
import { startSampler } from './sampler.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const WORK_DIR = path.join(ROOT, '.tmp', `bench-${process.pid}`);
/** `--clients 1,16`: other client counts (the page keeps 16 and 64: it is then left alone). */
const CLIENTS_FLAG = (() => {
  const at = process.argv.indexOf('--clients');
  if (at < 0) return undefined;
  const counts = String(process.argv[at + 1])
    .split(',')
    .map(Number);
  if (counts.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error('--clients needs counts like 1,16,64');
  return counts;
})();
const CONCURRENCY = CLIENTS_FLAG ?? [16, 64];
const QUICK = process.argv.includes('--quick');
const WARMUP_SECONDS = QUICK ? 1 : 2;
const WINDOW_SECONDS = QUICK ? 2 : 10;
/** `--statements`: PostgreSQL with pg_stat_statements, each Herald line's costliest statements on stderr. */
const STATEMENTS = process.argv.includes('--statements');
const SKIP = (() => {
  const at = process.argv.indexOf('--skip');
  return new Set(at > 0 ? String(process.argv[at + 1]).split(',') : []);
})();
/** Past this the run is abandoned (cleanly): it normally takes about 80 s, 4 minutes with the others. */
const HARD_LIMIT_MS = 600_000;
const DAY_MS = 86_400_000;

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let postgres: BenchPostgres | undefined;
let bench: BenchHerald | undefined;
let baseline: Baseline | undefined;
let load: LoadDriver | undefined;
let admin: pg.Client | undefined;

async function cleanup(): Promise<void> {
  await load?.stop().catch((err) => log(`stopping the load generator: ${err}`));
  await baseline?.close().catch((err) => log(`stopping the baseline: ${err}`));
  await admin?.end().catch(() => undefined);
  await bench?.herald.stop().catch((err) => log(`stopping Herald: ${err}`));
  await postgres?.stop().catch((err) => log(`stopping PostgreSQL: ${err}`));
  await rm(WORK_DIR, { recursive: true, force: true });
  load = baseline = admin = bench = postgres = undefined;
}

function abandon(reason: string): void {
  log(`${reason}; cleaning up`);
  void cleanup().finally(() => process.exit(1));
}

async function main(): Promise<void> {
  const writeDoc = writesDoc() && !CLIENTS_FLAG;
  const rssBeforeHerald = process.memoryUsage.rss();

  log(`starting PostgreSQL in ${path.relative(ROOT, WORK_DIR)}`);
  postgres = await startBenchPostgres(path.join(WORK_DIR, 'postgres'), STATEMENTS ? STATEMENT_STATS : []);
  log(`PostgreSQL ${postgres.version}; starting Herald`);
  bench = await startBenchHerald(postgres.url, path.join(WORK_DIR, 'herald'));
  const herald = bench.herald;
  admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  baseline = await startBaseline();
  load = await startLoadDriver();
  await sleep(1000);
  const rssAtRest = process.memoryUsage.rss();
  log(
    `Herald at ${bench.url}, baseline at ${baseline.url}; RSS at rest ${(rssAtRest / 1024 ** 2).toFixed(0)} MiB`,
  );

  const queries = installQueryCounter();
  const rows: Row[] = [];
  let nextN = 1;
  const scenarios: Scenario[] = ['baseline', 'immediate', 'scheduled'];
  for (const scenario of scenarios) {
    if (SKIP.has(scenario) && scenario !== 'baseline') continue;
    for (const concurrency of CONCURRENCY) {
      const origin = scenario === 'baseline' ? baseline.url : bench.url;
      const plan: LoadPlan = {
        origin,
        path: '/api/post',
        headers: { authorization: `Bearer ${bench.apiKey}` },
        fields: {
          platforms: ['facebook', 'instagram'],
          mediaUrls: ['https://media.example.com/a.jpg'],
          ...(scenario === 'scheduled' ? { scheduleDate: new Date(Date.now() + DAY_MS).toISOString() } : {}),
        },
        firstN: nextN,
        expectStatus: scenario === 'scheduled' ? 'scheduled' : 'success',
        concurrency,
        warmupMs: WARMUP_SECONDS * 1000,
        durationMs: WINDOW_SECONDS * 1000,
      };
      // What autovacuum does in a long-running install: fresh statistics for the tables that
      // have rows (bench/analyze.ts says why not the empty ones).
      if (scenario !== 'baseline') await analyzeTablesWithRows(admin);
      log(`${scenario}, ${concurrency} clients: ${WARMUP_SECONDS} s warm-up + ${WINDOW_SECONDS} s`);
      if (STATEMENTS && scenario !== 'baseline') await startActivity(admin, true);
      const queriesBefore = queries.read();
      const kindsBefore = new Map(queries.kinds());
      const sampler = startSampler({
        rss: () => process.memoryUsage.rss(),
        poolWaiting: () => herald.app.pool.waitingCount,
      });
      const cpu = startCpuMeter({ server: process.pid, loadGenerator: load.pid, postmaster: postgres.pid });
      const result = await load.run(plan);
      const cpuSplit = cpu.stop();
      const samples = sampler.stop();
      const statements = queries.read() - queriesBefore;
      nextN += result.sent;
      if (result.errors > 0 || result.warmupErrors > 0) {
        log(`  ${result.errors} errors (+${result.warmupErrors} in warm-up); first: ${result.firstError}`);
      }
      const row: Row = { scenario, concurrency, result, peakRssBytes: samples.rss?.max ?? 0 };
      if (cpuSplit) row.cpu = cpuSplit;
      if (scenario !== 'baseline') {
        row.statementsPerRequest = statements / Math.max(1, result.sent);
        row.peakPoolWaiting = samples.poolWaiting?.max ?? 0;
      }
      if (STATEMENT_KINDS && scenario !== 'baseline') {
        const perRequest = queries
          .kinds()
          .map(([kind, n]) => [kind, (n - (kindsBefore.get(kind) ?? 0)) / Math.max(1, result.sent)] as const)
          .filter(([, n]) => n >= 0.01);
        log(
          `  statements per request by kind:\n${perRequest.map(([k, n]) => `    ${n.toFixed(2)}  ${k}`).join('\n')}`,
        );
      }
      if (STATEMENTS && scenario !== 'baseline')
        log(`  costliest statements:\n${(await topStatements(admin)).map((l) => `    ${l}`).join('\n')}`);
      if (scenario === 'immediate')
        row.breakdown = await workerBreakdown(admin, result.windowStart, result.windowEnd);
      log(
        `  ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.latency.p50.toFixed(2)} ms, p99 ${result.latency.p99.toFixed(2)} ms`,
      );
      rows.push(row);
    }
  }
  queries.uninstall();

  const section = resultsSection({
    date: new Date().toISOString().slice(0, 10),
    revision: describeRevision(ROOT),
    machine: describeMachine(postgres.version),
    warmupSeconds: WARMUP_SECONDS,
    windowSeconds: WINDOW_SECONDS,
    rssBeforeHeraldBytes: rssBeforeHerald,
    rssAtRestBytes: rssAtRest,
    rows,
  });
  const table = `${resultsTable(rows)}\n`;
  if (JSON_OUTPUT) process.stderr.write(table);
  else process.stdout.write(table);
  const disturbance = Math.max(0, ...rows.map((r) => r.cpu?.other ?? 0));
  if (disturbance > DISTURBED_CORES) {
    log(
      `other processes used up to ${disturbance.toFixed(2)} cores during a line: these figures are disturbed`,
    );
  }
  if (QUICK) log(`where the time goes:\n${breakdownTable(rows)}`);
  if (writeDoc) {
    await writeResults(DOC, section);
    log(`results written to ${path.relative(ROOT, DOC)}`);
  }
  // The other benches start their own PostgreSQL and Herald: this run's are stopped first.
  await cleanup();
  let fanout: Record<string, number | string> | undefined;
  if (!SKIP.has('fanout')) {
    const latencyMs = 100;
    const run = await runFanout({ posts: QUICK ? 150 : 1000, latencyMs, ...(QUICK ? { warmup: 50 } : {}) });
    fanout = fanoutFigures(run, latencyMs);
    log(
      `fan-out: ${run.perSecond.toFixed(0)} deliveries/s at ${latencyMs} ms, lateness p99 ${run.lateness.p99.toFixed(0)} ms`,
    );
  }
  let lateness: LatenessFigures | undefined;
  if (!SKIP.has('lateness')) {
    lateness = await runLateness(
      QUICK ? { pending: 10_000, rate: 500, seconds: 4 } : { pending: 100_000, rate: 500, seconds: 20 },
    );
    log(
      `lateness: p99 ${lateness.lateness_p99_ms.toFixed(0)} ms with ${lateness.pending} pending; RSS at rest ${lateness.rss_mib.toFixed(0)} MiB`,
    );
  }
  if (JSON_OUTPUT)
    printFigures(
      benchFigures({
        rows,
        rssAtRestBytes: rssAtRest,
        fanout,
        lateness,
        revision: describeRevision(ROOT),
        lineSeconds: WARMUP_SECONDS + WINDOW_SECONDS,
      }),
    );
}

const watchdog = setTimeout(() => abandon(`still running after ${HARD_LIMIT_MS / 1000} s`), HARD_LIMIT_MS);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => abandon(`got ${signal}`));

try {
  await main();
  await cleanup();
} catch (err) {
  log(`failed: ${(err as Error).stack ?? err}`);
  await cleanup();
  process.exitCode = 1;
}
clearTimeout(watchdog);
