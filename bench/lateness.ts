/**
 * `npm run bench:lateness`: how late scheduled posts go out when many are pending.
 * One `herald serve` process (defaults, API + worker) on a throw-away PostgreSQL with
 * `--pending` scheduled posts (100,000), of which `--rate` (500) fall due each second for
 * `--seconds` (20); the rest are due tomorrow. Each post goes to one sandbox account (no
 * network wait), so this measures Herald's scheduling and worker, not a network.
 * Lateness = `published_at − scheduleDate` per post. Also reads Herald's RSS at rest with
 * all of them pending (just before the first falls due) and its CPU per delivery.
 * `--json` prints the figures as one JSON object.
 */
import '../test/setup/net-guard.ts';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { analyzeTablesWithRows } from './analyze.ts';
import { callHerald, startChildHerald } from './child-herald.ts';
import { JSON_OUTPUT, numberFlag, printFigures } from './flags.ts';
import { STATEMENT_STATS, startActivity, topStatements } from './pg-activity.ts';
import { startBenchPostgres } from './postgres.ts';
import { seedScheduledCopies } from './seed-scheduled.ts';
import { summarize } from './stats.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => process.stderr.write(`bench:lateness: ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DAY_MS = 86_400_000;

export type LatenessFigures = {
  pending: number;
  due_per_s: number;
  measured: number;
  published: number;
  lateness_p50_ms: number;
  lateness_p90_ms: number;
  lateness_p99_ms: number;
  lateness_max_ms: number;
  /** Published ÷ (last published − first due): keeps up with the rate when ≈ due_per_s. */
  deliveries_per_s: number;
  /** RSS of the Herald process at rest with every post pending, MiB. */
  rss_mib: number;
  /** CPU of the Herald process from the first due time to the last publish, per delivery. */
  herald_cpu_ms_per_delivery: number;
  /** PostgreSQL commits (all clients, the bench's few polls included) per delivery. */
  commits_per_delivery: number;
  /** WAL flushes per delivery: commits that waited together share one. */
  wal_fsyncs_per_delivery: number;
};

/** `--statements`: PostgreSQL with pg_stat_statements, the costliest statements printed on stderr. */
const STATEMENTS = process.argv.includes('--statements');

export async function runLateness(opts: {
  pending: number;
  rate: number;
  seconds: number;
}): Promise<LatenessFigures> {
  const workDir = path.join(ROOT, '.tmp', `bench-lateness-${process.pid}`);
  const postgres = await startBenchPostgres(path.join(workDir, 'pg'), STATEMENTS ? STATEMENT_STATS : []);
  const db = new pg.Client({ connectionString: postgres.url });
  let herald: Awaited<ReturnType<typeof startChildHerald>> | undefined;
  try {
    herald = await startChildHerald(postgres.url, path.join(workDir, 'herald'), {
      // Thousands of posts through one sandbox account: Facebook has no daily budget, but be explicit.
      HERALD_INSTAGRAM_DAILY_BUDGET: '100000',
    });
    await db.connect();
    await callHerald(herald, 'POST', '/api/accounts', {
      platform: 'facebook',
      credentials: { sandbox: true },
    });
    const template = await callHerald(herald, 'POST', '/api/post', {
      post: 'lateness bench',
      platforms: ['facebook'],
      scheduleDate: new Date(Date.now() + 2 * DAY_MS).toISOString(),
    });
    const templateId = String(template.id);
    const measured = Math.round(opts.rate * opts.seconds);
    const background = Math.max(0, opts.pending - measured - 1);
    log(`seeding ${background} posts due tomorrow (database ${postgres.url})`);
    const seedStart = Date.now();
    const tomorrow = Date.now() + DAY_MS;
    await seedScheduledCopies(db, templateId, {
      first: 0,
      count: background,
      dueAt: (i) => new Date(tomorrow + i * 10),
    });
    const perRowMs = (Date.now() - seedStart) / Math.max(1, background);
    // Room to write the measured posts and let the process settle before the first is due.
    const firstDue = Date.now() + measured * perRowMs * 2 + 8000;
    log(`seeding ${measured} posts due from ${new Date(firstDue).toISOString()}, ${opts.rate}/s`);
    await seedScheduledCopies(db, templateId, {
      first: background,
      count: measured,
      dueAt: (i) => new Date(firstDue + (i * 1000) / opts.rate),
    });
    await analyzeTablesWithRows(db);
    if (Date.now() > firstDue - 2000) throw new Error('seeding ran past the first due time');
    await sleep(firstDue - 1000 - Date.now());
    const rssMiB = herald.rssMiB();
    const cpuStart = herald.cpuMs();
    const activity = await startActivity(db, STATEMENTS);
    log(`RSS at rest with ${opts.pending} pending: ${rssMiB.toFixed(0)} MiB; measuring`);
    const measuredIds = `B${String(background).padStart(19, '0')}`;
    const deadline = firstDue + opts.seconds * 1000 + numberFlag('drain-limit', 120) * 1000;
    for (;;) {
      await sleep(500);
      const { rows } = await db.query<{ open: string }>(
        `SELECT count(*) AS open FROM targets WHERE post_id >= $1 AND post_id ~ '^B[0-9]{19}$'
           AND state IN ('queued', 'sending')`,
        [measuredIds],
      );
      if (Number(rows[0]?.open) === 0 && Date.now() > firstDue + opts.seconds * 1000) break;
      if (Date.now() > deadline) {
        log(`gave up waiting: ${rows[0]?.open} still open; Herald said:\n${herald.output().slice(-3000)}`);
        break;
      }
    }
    const cpuMs = herald.cpuMs() - cpuStart;
    const pgDid = await activity();
    if (STATEMENTS) for (const line of await topStatements(db)) log(line);
    const { rows } = await db.query<{ ms: number; done: Date }>(
      `SELECT extract(epoch FROM (t.published_at - p.schedule_date)) * 1000 AS ms, t.published_at AS done
       FROM targets t JOIN posts p ON p.id = t.post_id
       WHERE t.post_id >= $1 AND t.post_id ~ '^B[0-9]{19}$' AND t.state = 'published'`,
      [measuredIds],
    );
    const lateness = summarize(rows.map((r) => Number(r.ms)));
    const lastDone = Math.max(firstDue, ...rows.map((r) => r.done.getTime()));
    return {
      pending: opts.pending,
      due_per_s: opts.rate,
      measured,
      published: rows.length,
      lateness_p50_ms: lateness.p50,
      lateness_p90_ms: lateness.p90,
      lateness_p99_ms: lateness.p99,
      lateness_max_ms: lateness.max,
      deliveries_per_s: rows.length / Math.max(0.001, (lastDone - firstDue) / 1000),
      rss_mib: rssMiB,
      herald_cpu_ms_per_delivery: cpuMs / Math.max(1, rows.length),
      commits_per_delivery: pgDid.commits / Math.max(1, rows.length),
      wal_fsyncs_per_delivery: pgDid.walFsyncs / Math.max(1, rows.length),
    };
  } finally {
    await db.end().catch(() => undefined);
    await herald?.stop().catch((err) => log(`stopping Herald: ${err}`));
    await postgres.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('bench/lateness.ts')) {
  const figures = await runLateness({
    pending: numberFlag('pending', 100_000),
    rate: numberFlag('rate', 500),
    seconds: numberFlag('seconds', 20),
  });
  if (JSON_OUTPUT) printFigures(figures);
  else
    process.stdout.write(
      `${figures.published}/${figures.measured} published with ${figures.pending} pending, ${figures.due_per_s} due/s: lateness p50 ${figures.lateness_p50_ms.toFixed(0)} ms, p99 ${figures.lateness_p99_ms.toFixed(0)} ms, max ${figures.lateness_max_ms.toFixed(0)} ms; ${figures.deliveries_per_s.toFixed(0)} deliveries/s; RSS at rest ${figures.rss_mib.toFixed(0)} MiB; ${figures.herald_cpu_ms_per_delivery.toFixed(2)} ms Herald CPU per delivery; ${figures.commits_per_delivery.toFixed(1)} commits, ${figures.wal_fsyncs_per_delivery.toFixed(2)} WAL flushes per delivery\n`,
    );
}
