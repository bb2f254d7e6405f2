/**
 * `npm run bench:fanout`: how many deliveries per second one Herald process makes when
 * the networks answer like real ones — in `--latency` ms (100 by default, ± a quarter),
 * not at once. Herald (`herald serve`, its own process) runs its real LinkedIn, Telegram
 * and Mastodon connectors against the tests' fakes, each behind a latency proxy
 * (bench/latency-proxy.ts). A batch of posts, each to the three networks, is scheduled
 * for one instant; the bench measures how fast the worker drains them (deliveries/s),
 * how late each one went out (lateness: published_at − scheduleDate) and Herald's CPU per
 * delivery (its process only: the fakes and proxies run in the bench's). Runs with
 * Herald's default settings; `--concurrency 10,40` runs with those HERALD_WORKER_CONCURRENCY
 * values instead. Writes the "Fan-out" section of docs/benchmarks.md (`--no-doc` leaves
 * the page alone, `--json` prints the figures as one JSON object; `--posts N` changes the batch).
 *
 * The posts are spread over `--accounts N` profiles (50 by default), each with its own
 * LinkedIn member, Telegram bot and channel, and Mastodon account: Herald bounds the sends in
 * flight per account (HERALD_ACCOUNT_CONCURRENCY, 16), so three accounts alone would cap the
 * figure at 3 × 16 ÷ 100 ms = 480/s whatever Herald costs. `--cpu-prof` profiles the
 * `herald serve` child and summarises where its CPU went while it delivered. `--statements`
 * loads pg_stat_statements and prints the delivery window's commits, WAL flushes and costliest
 * statements.
 */
import '../test/setup/net-guard.ts';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startLinkedInWorld } from '../test/fakes/linkedin/fixtures.ts';
import { startMastodonWorld } from '../test/fakes/mastodon/fixtures.ts';
import { startTelegramWorld } from '../test/fakes/telegram/fixtures.ts';
import { callHerald, startChildHerald } from './child-herald.ts';
import { type CpuSplit, startCpuMeter } from './cpu.ts';
import { type CpuProfile, type ProfileSummary, summariseProfile, windowOf } from './cpu-profile.ts';
import { JSON_OUTPUT, numberFlag, printFigures, writesDoc } from './flags.ts';
import { startLatencyProxy } from './latency-proxy.ts';
import { STATEMENT_STATS, startActivity, topStatements } from './pg-activity.ts';
import { startBenchPostgres } from './postgres.ts';
import { summarize } from './stats.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const START = '<!-- bench:fanout:start -->';
const END = '<!-- bench:fanout:end -->';
const NETWORKS = ['linkedin', 'telegram', 'mastodon'] as const;
/** Time to accept the whole batch before it is due (`--lead` s; a busy machine needs more). */
const LEAD_MS = numberFlag('lead', 25) * 1000;
/** Herald's default HERALD_ACCOUNT_CONCURRENCY and HERALD_WORKER_CONCURRENCY (the bound below). */
const ACCOUNT_SLOTS = 16;
const DEFAULT_WORKER_SLOTS = 200;
/** Accounts per network by default: 50 × 3 × 16 sends in flight, above the 200 worker slots. */
export const FANOUT_ACCOUNTS = 50;
/** Posts of the warm-up burst by default (`--warmup N`): 900 deliveries compile the hot code. */
export const FANOUT_WARMUP_POSTS = 300;

const log = (line: string) => process.stderr.write(`bench:fanout: ${line}\n`);

export interface FanoutRun {
  /** HERALD_WORKER_CONCURRENCY, or undefined for Herald's default. */
  concurrency: number | undefined;
  deliveries: number;
  published: number;
  perSecond: number;
  lateness: { p50: number; p90: number; p99: number; max: number };
  proxied: number;
  /** CPU of the Herald process from the due time to the last publish, per delivery. */
  cpuMsPerDelivery: number;
  /**
   * Cores each party used while the measured burst drained (Linux): Herald, PostgreSQL, the
   * bench's process (the fakes and the latency proxies), interrupts, anything else.
   */
  cores?: CpuSplit;
  /** Linked accounts per network (one profile each). */
  accounts: number;
  /** What the slots allow at most: min(worker slots, accounts × networks × 16) ÷ the latency. */
  boundPerSecond: number;
  /**
   * The warm-up burst (`--warmup N` posts, delivered first in the fresh process): what the
   * same deliveries cost before V8 has compiled the hot code. Absent with `--warmup 0`.
   */
  cold?: { deliveries: number; published: number; perSecond: number; cpuMsPerDelivery: number };
  /** With `--cpu-prof`: where the Herald process's CPU went while it delivered. */
  profile?: ProfileSummary & { profile_file: string; busy_cpu_ms_per_delivery: number };
}

/** One profile's identities at the three fakes: a LinkedIn member, a Telegram bot and channel, a Mastodon account. */
function addIdentities(
  i: number,
  worlds: {
    linkedin: Awaited<ReturnType<typeof startLinkedInWorld>>;
    telegram: Awaited<ReturnType<typeof startTelegramWorld>>;
    mastodon: Awaited<ReturnType<typeof startMastodonWorld>>;
  },
  mastodonInstance: string,
): Record<(typeof NETWORKS)[number], Record<string, unknown>> {
  if (i === 0)
    return {
      linkedin: worlds.linkedin.credentials,
      telegram: worlds.telegram.credentials,
      mastodon: { ...worlds.mastodon.credentials, instance: mastodonInstance },
    };
  const member = worlds.linkedin.fake.addMember({
    token: `AQV-linkedin-token-of-member-${i}`,
    sub: `member${i}`,
    name: `Member ${i}`,
    roles: new Map([[worlds.linkedin.organization, 'ADMINISTRATOR']]),
  });
  const [, secret = ''] = worlds.telegram.bot.token.split(':');
  const botId = worlds.telegram.bot.id + i;
  const bot = worlds.telegram.fake.addBot({
    id: botId,
    token: `${botId}:${secret.slice(0, -4)}${String(i).padStart(4, '0')}`,
    username: `herald_bench_${i}_bot`,
    firstName: `Bench ${i}`,
  });
  worlds.telegram.fake.addChat({
    id: worlds.telegram.channel.id - i,
    type: 'channel',
    title: `Bench channel ${i}`,
    username: `benchchannel${i}`,
    members: new Map([[bot.id, { status: 'administrator', canPostMessages: true, canDeleteMessages: true }]]),
  });
  const account = worlds.mastodon.fake.addAccount({
    username: `bench${i}`,
    displayName: `Bench ${i}`,
    token: `mastodon-token-of-bench-${i}`,
  });
  return {
    linkedin: { author: `urn:li:person:${member.sub}`, accessToken: member.token },
    telegram: { botToken: bot.token, chatId: `@benchchannel${i}` },
    mastodon: { instance: mastodonInstance, accessToken: account.token },
  };
}

export async function runFanout(opts: {
  posts: number;
  latencyMs: number;
  concurrency?: number | undefined;
  /** Linked accounts per network, one profile each (the posts are spread over them). */
  accounts?: number;
  cpuProf?: boolean;
  /** PostgreSQL with pg_stat_statements: the delivery window's costliest statements, on stderr. */
  statements?: boolean;
  /** Posts of a first burst delivered before the measured one (0: measure the fresh process). */
  warmup?: number;
}): Promise<FanoutRun> {
  const { posts, latencyMs, concurrency, cpuProf = false, statements = false } = opts;
  const warmup = Math.max(0, opts.warmup ?? FANOUT_WARMUP_POSTS);
  const accounts = Math.max(1, opts.accounts ?? FANOUT_ACCOUNTS);
  const dataDir = path.join(ROOT, '.tmp', `bench-fanout-${process.pid}-${concurrency ?? 'default'}`);
  const postgres = await startBenchPostgres(path.join(dataDir, 'pg'), statements ? STATEMENT_STATS : []);
  const [linkedin, telegram, mastodon] = await Promise.all([
    startLinkedInWorld(),
    startTelegramWorld(),
    startMastodonWorld(),
  ]);
  const proxies = await Promise.all(
    [linkedin.fake.url, telegram.fake.url, mastodon.fake.url].map((url) =>
      startLatencyProxy(url, latencyMs, Math.round(latencyMs / 4)),
    ),
  );
  const [linkedinProxy, telegramProxy, mastodonProxy] = proxies as [
    (typeof proxies)[0],
    (typeof proxies)[0],
    (typeof proxies)[0],
  ];
  const db = new pg.Client({ connectionString: postgres.url });
  let herald: Awaited<ReturnType<typeof startChildHerald>> | undefined;
  const profileDir = path.join(dataDir, 'cpu-profile');
  try {
    herald = await startChildHerald(
      postgres.url,
      path.join(dataDir, 'herald'),
      {
        ...(concurrency ? { HERALD_WORKER_CONCURRENCY: String(concurrency) } : {}),
        // Thousands of requests through one profile: counted (the cost is measured), never refused.
        HERALD_RATE_LIMIT_PROFILE: '10000000',
        HERALD_LINKEDIN_API_URL: linkedinProxy.url,
        HERALD_TELEGRAM_API_URL: telegramProxy.url,
        // Mastodon instances are user-supplied: the SSRF guard lets the loopback proxy through only so.
        HERALD_MEDIA_ALLOW: '127.0.0.1',
        // The batch is far past LinkedIn's real 150 posts a day; the budget is still checked each time.
        HERALD_LINKEDIN_DAILY_BUDGET: '100000',
      },
      cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    );
    const h = herald;
    // One profile per account set: the primary profile first, then `accounts - 1` more.
    const profileKeys: (string | undefined)[] = [undefined];
    for (let i = 1; i < accounts; i++) {
      const created = await callHerald(h, 'POST', '/api/profiles', { title: `Fan-out ${i}` });
      profileKeys.push(created.profileKey as string);
    }
    const worlds = { linkedin, telegram, mastodon };
    let linking = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (linking < accounts) {
          const i = linking++;
          const key = profileKeys[i];
          const headers: Record<string, string> = key ? { 'profile-key': key } : {};
          const credentials = addIdentities(i, worlds, mastodonProxy.url);
          for (const platform of NETWORKS)
            await callHerald(
              h,
              'POST',
              '/api/accounts',
              { platform, credentials: credentials[platform] },
              headers,
            );
        }
      }),
    );
    /** Schedules `count` posts for one instant `leadMs` ahead, spread over the profiles; answers that instant. */
    const schedule = async (count: number, leadMs: number, label: string): Promise<Date> => {
      const due = new Date(Date.now() + leadMs);
      log(
        `concurrency ${concurrency ?? 'default'}, ${latencyMs} ms, ${accounts} accounts per network: scheduling ${count} posts × ${NETWORKS.length} networks for ${due.toISOString()} (${label})`,
      );
      let next = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next < count) {
            const n = next++;
            const key = profileKeys[n % accounts];
            await callHerald(
              h,
              'POST',
              '/api/post',
              {
                post: `fan-out ${label} ${n} ${randomBytes(4).toString('hex')}`,
                platforms: NETWORKS,
                scheduleDate: due.toISOString(),
              },
              key ? { 'profile-key': key } : {},
            );
          }
        }),
      );
      if (Date.now() >= due.getTime())
        throw new Error(`accepting the batch took past its due time; raise --lead`);
      return due;
    };
    /** Targets of the bursts drained so far (all settled). */
    let settled = 0;
    /** Waits for the burst due at `due` to settle; Herald's CPU from its due time to then. */
    const drain = async (
      due: Date,
      count: number,
    ): Promise<{ cpuMs: number; lateness: number[]; split: CpuSplit | undefined }> => {
      await new Promise((r) => setTimeout(r, Math.max(0, due.getTime() - Date.now())));
      const cpuStart = h.cpuMs();
      // The bench's own process runs the fakes and the proxies: it stands as the "load generator".
      const meter = startCpuMeter({ server: h.pid, loadGenerator: process.pid, postmaster: postgres.pid });
      const deadline = Date.now() + count * (latencyMs + 200) + 60_000;
      const settledBefore = settled;
      for (;;) {
        // Every earlier burst has settled: this one is done when all targets are (a cheap count,
        // made ten times a second while PostgreSQL's CPU is being measured).
        const { rows } = await db.query<{ settled: string }>(
          "SELECT count(*) AS settled FROM targets WHERE state NOT IN ('queued', 'sending')",
        );
        if (Number(rows[0]?.settled) >= settledBefore + count || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const cpuMs = h.cpuMs() - cpuStart;
      const split = meter.stop();
      settled += count;
      const { rows } = await db.query<{ ms: number }>(
        `SELECT extract(epoch FROM (t.published_at - p.schedule_date)) * 1000 AS ms
         FROM targets t JOIN posts p ON p.id = t.post_id
         WHERE p.schedule_date = $1 AND t.state = 'published'`,
        [due],
      );
      return { cpuMs, lateness: rows.map((r) => Number(r.ms)), split };
    };
    await db.connect();
    const deliveries = posts * NETWORKS.length;
    // The warm-up burst: a fresh process compiles its hot code (V8's optimising compiler, on
    // its own threads) during its first deliveries; that cost is measured apart, as `cold`.
    let cold: FanoutRun['cold'];
    if (warmup > 0) {
      const warmDue = await schedule(warmup, Math.max(5000, ((LEAD_MS * warmup) / posts) * 1.5), 'warm-up');
      const warm = await drain(warmDue, warmup * NETWORKS.length);
      const max = Math.max(0, ...warm.lateness);
      cold = {
        deliveries: warmup * NETWORKS.length,
        published: warm.lateness.length,
        perSecond: max > 0 ? warm.lateness.length / (max / 1000) : 0,
        cpuMsPerDelivery: warm.cpuMs / Math.max(1, warm.lateness.length),
      };
      log(
        `warm-up: ${cold.published}/${cold.deliveries} published, ${cold.perSecond.toFixed(1)}/s, ${cold.cpuMsPerDelivery.toFixed(2)} ms CPU each`,
      );
    }
    const due = await schedule(posts, LEAD_MS, 'measured');
    const activity = await startActivity(db, statements);
    const measured = await drain(due, deliveries);
    const cpuMs = measured.cpuMs;
    if (statements) {
      const { commits, walFsyncs, tables } = await activity();
      log(`${commits} commits, ${walFsyncs} WAL flushes; row writes (HOT: updates that changed no index):`);
      for (const t of tables)
        log(
          `  ${t.table}: ${t.inserts} inserted, ${t.updates} updated (${t.hotUpdates} HOT), ${t.deletes} deleted`,
        );
      log('costliest statements:');
      for (const line of await topStatements(db, 25)) log(`  ${line}`);
    }
    const published = measured.lateness;
    const lateness = summarize(published);
    const drainS = lateness.max / 1000;
    const slots = Math.min(concurrency ?? DEFAULT_WORKER_SLOTS, accounts * NETWORKS.length * ACCOUNT_SLOTS);
    let profile: FanoutRun['profile'];
    if (cpuProf) {
      // The profile is written when the process exits.
      await h.stop();
      const file = (await readdir(profileDir)).find((f) => f.endsWith('.cpuprofile'));
      if (!file) throw new Error('no .cpuprofile written');
      const saved = path.join(ROOT, '.tmp', `fanout-${process.pid}.cpuprofile`);
      const raw = await readFile(path.join(profileDir, file), 'utf8');
      writeFileSync(saved, raw);
      const cpu = JSON.parse(raw) as CpuProfile;
      // The delivery window: from the measured burst's due time (as long before the last
      // sample inside a publish job as the burst took) to that last sample.
      const [, end] = windowOf(cpu, 'publishTarget') ?? [cpu.startTime, cpu.endTime];
      const start = Math.max(cpu.startTime, end - drainS * 1_000_000);
      const summary = summariseProfile(cpu, start, end, 30);
      profile = {
        ...summary,
        profile_file: path.relative(ROOT, saved),
        busy_cpu_ms_per_delivery: summary.busy_ms / Math.max(1, published.length),
      };
    }
    return {
      concurrency,
      deliveries,
      published: published.length,
      perSecond: drainS > 0 ? published.length / drainS : 0,
      lateness,
      proxied: proxies.reduce((sum, p) => sum + p.requests, 0),
      cpuMsPerDelivery: cpuMs / Math.max(1, published.length),
      ...(measured.split ? { cores: measured.split } : {}),
      accounts,
      boundPerSecond: slots / (latencyMs / 1000),
      ...(profile ? { profile } : {}),
      ...(cold ? { cold } : {}),
    };
  } finally {
    await db.end().catch(() => undefined);
    await herald?.stop().catch((err) => log(`stopping Herald: ${err}`));
    await Promise.all(proxies.map((p) => p.close()));
    await Promise.all([linkedin.fake.close(), telegram.fake.close(), mastodon.fake.close()]);
    await postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The figures of one run, named for `--json`. */
export function fanoutFigures(run: FanoutRun, latencyMs: number): Record<string, number | string> {
  return {
    worker_concurrency: run.concurrency ?? 'default',
    network_latency_ms: latencyMs,
    fanout_accounts: run.accounts,
    fanout_bound_per_s: run.boundPerSecond,
    fanout_deliveries: run.deliveries,
    fanout_published: run.published,
    fanout_per_s: run.perSecond,
    fanout_lateness_p50_ms: run.lateness.p50,
    fanout_lateness_p99_ms: run.lateness.p99,
    fanout_lateness_max_ms: run.lateness.max,
    fanout_herald_cpu_ms_per_delivery: run.cpuMsPerDelivery,
    fanout_requests_through_proxies: run.proxied,
    ...(run.cores
      ? {
          fanout_cores_herald: run.cores.server,
          fanout_cores_postgres: run.cores.postgres,
          fanout_cores_fakes_and_proxies: run.cores.loadGenerator,
          fanout_cores_interrupts: run.cores.kernel,
          fanout_cores_other: run.cores.other,
          fanout_cores_steal: run.cores.steal,
        }
      : {}),
    ...(run.cold
      ? {
          fanout_warmup_deliveries: run.cold.deliveries,
          fanout_cold_per_s: run.cold.perSecond,
          fanout_cold_herald_cpu_ms_per_delivery: run.cold.cpuMsPerDelivery,
        }
      : {}),
  };
}

function writeSection(section: string): void {
  const page = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n';
  const block = `${START}\n${section}\n${END}`;
  const next = page.includes(START)
    ? page.replace(new RegExp(`${START}[\\s\\S]*?${END}`), block)
    : `${page.trimEnd()}\n\n## Fan-out\n\n${block}\n`;
  writeFileSync(DOC, next);
}

function concurrencyFlag(): (number | undefined)[] {
  const at = process.argv.indexOf('--concurrency');
  if (at < 0) return [undefined];
  return String(process.argv[at + 1])
    .split(',')
    .map(Number);
}

async function main(): Promise<void> {
  const posts = numberFlag('posts', 1000);
  const latencyMs = numberFlag('latency', 100);
  const accounts = numberFlag('accounts', FANOUT_ACCOUNTS);
  const cpuProf = process.argv.includes('--cpu-prof');
  const statements = process.argv.includes('--statements');
  const warmup = numberFlag('warmup', FANOUT_WARMUP_POSTS);
  const load = os.loadavg()[0] ?? 0;
  const runs: FanoutRun[] = [];
  for (const concurrency of concurrencyFlag()) {
    const run = await runFanout({ posts, latencyMs, concurrency, accounts, cpuProf, statements, warmup });
    if (run.profile) log(`CPU profile of the delivery window:\n${JSON.stringify(run.profile, null, 2)}`);
    log(
      `concurrency ${concurrency ?? 'default'}: ${run.published}/${run.deliveries} published, ${run.perSecond.toFixed(1)}/s, lateness p50 ${(run.lateness.p50 / 1000).toFixed(2)} s, max ${(run.lateness.max / 1000).toFixed(2)} s, ${run.cpuMsPerDelivery.toFixed(2)} ms CPU each`,
    );
    runs.push(run);
  }
  if (JSON_OUTPUT) {
    const [first, ...rest] = runs.map((r) => fanoutFigures(r, latencyMs));
    printFigures({ ...first, ...(rest.length > 0 ? { runs: [first, ...rest] } : {}) });
    return;
  }
  const cpus = os.cpus();
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const section = [
    `${posts} posts, each to LinkedIn, Telegram and Mastodon (${posts * NETWORKS.length} deliveries), all scheduled for one instant; Herald's real connectors against the tests' fakes, each behind a proxy that holds every request ${latencyMs} ± ${Math.round(latencyMs / 4)} ms. One Herald process (\`herald serve\`, API + worker), embedded PostgreSQL, loopback only. Lateness = \`published_at − scheduleDate\` per delivery; deliveries/s = published ÷ the latest lateness; CPU = the Herald process's user + system time from the due time to the end, ÷ deliveries.`,
    `Machine: ${cpus[0]?.model.trim() ?? 'unknown'}, ${cpus.length} logical cores; Node.js ${process.version}; 1-minute load average ${load.toFixed(2)} when the run started; run ${new Date().toISOString().slice(0, 10)}.`,
    '',
    `Measured after a warm-up burst of ${warmup} posts in the same process (its figures are the *cold* columns: V8 compiles the hot code during a fresh process's first deliveries). Cores: what each party used while the measured burst drained, from /proc (the bench's own process runs the fakes and the proxies).`,
    '',
    '| `HERALD_WORKER_CONCURRENCY` | published | deliveries/s | lateness p50 s | p90 s | p99 s | max s | Herald CPU ms / delivery | cold: deliveries/s, CPU ms / delivery | cores: Herald / PostgreSQL / fakes and proxies / interrupts / other / steal | requests through the proxies |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...runs.map((r) => {
      const cold = r.cold ? `${r.cold.perSecond.toFixed(1)}, ${r.cold.cpuMsPerDelivery.toFixed(2)}` : '—';
      const c = r.cores;
      const cores = c
        ? [c.server, c.postgres, c.loadGenerator, c.kernel, c.other, c.steal]
            .map((n) => n.toFixed(2))
            .join(' / ')
        : '—';
      return `| ${r.concurrency ?? 'default'} | ${r.published} / ${r.deliveries} | ${r.perSecond.toFixed(1)} | ${s(r.lateness.p50)} | ${s(r.lateness.p90)} | ${s(r.lateness.p99)} | ${s(r.lateness.max)} | ${r.cpuMsPerDelivery.toFixed(2)} | ${cold} | ${cores} | ${r.proxied} |`;
    }),
  ].join('\n');
  process.stdout.write(`${section}\n`);
  if (writesDoc()) {
    writeSection(section);
    log(`wrote ${path.relative(ROOT, DOC)}`);
  }
}

if (process.argv[1]?.endsWith('bench/fanout.ts')) await main();
