/**
 * `npm run bench:fanout`: how many deliveries per second one Herald process makes when
 * the networks answer like real ones — in 150–250 ms, not at once. Herald runs its real
 * LinkedIn, Telegram and Mastodon connectors against the tests' fakes, each behind a
 * latency proxy (bench/latency-proxy.ts). A batch of posts, each to the three networks,
 * is scheduled for one instant; the bench measures how fast the worker drains them
 * (deliveries/s), how late each one went out (lateness: published_at − scheduleDate),
 * and compares with the bound of the worker's slots (concurrency ÷ latency). Run for
 * HERALD_WORKER_CONCURRENCY 10 (the default) and 40. Writes the "Fan-out" section of
 * docs/benchmarks.md (`-- --no-doc` leaves the page alone; `-- --posts N` changes the batch).
 */
import '../test/setup/net-guard.ts';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startHerald } from '../src/app/start.ts';
import { loadConfig } from '../src/config/config.ts';
import { createLogger } from '../src/ops/logger.ts';
import { startLinkedInWorld } from '../test/fakes/linkedin/fixtures.ts';
import { startMastodonWorld } from '../test/fakes/mastodon/fixtures.ts';
import { startTelegramWorld } from '../test/fakes/telegram/fixtures.ts';
import { startLatencyProxy } from './latency-proxy.ts';
import { startBenchPostgres } from './postgres.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const START = '<!-- bench:fanout:start -->';
const END = '<!-- bench:fanout:end -->';
const argPosts = process.argv.indexOf('--posts');
const POSTS = argPosts > 0 ? Number(process.argv[argPosts + 1]) : 300;
const NETWORKS = ['linkedin', 'telegram', 'mastodon'] as const;
const LATENCY_MS = 200;
const JITTER_MS = 50;
const CONCURRENCY = [10, 40];
/** Time to accept the whole batch before it is due. */
const LEAD_MS = 8000;

const log = (line: string) => process.stderr.write(`bench:fanout: ${line}\n`);

interface Run {
  concurrency: number;
  deliveries: number;
  published: number;
  drainS: number;
  perSecond: number;
  bound: number;
  lateness: { p50: number; p90: number; p99: number; max: number };
  proxied: number;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function runOnce(concurrency: number): Promise<Run> {
  const dataDir = path.join(ROOT, '.tmp', `bench-fanout-${process.pid}-${concurrency}`);
  const postgres = await startBenchPostgres(path.join(dataDir, 'pg'));
  const [linkedin, telegram, mastodon] = await Promise.all([
    startLinkedInWorld(),
    startTelegramWorld(),
    startMastodonWorld(),
  ]);
  const proxies = await Promise.all(
    [linkedin.fake.url, telegram.fake.url, mastodon.fake.url].map((url) =>
      startLatencyProxy(url, LATENCY_MS, JITTER_MS),
    ),
  );
  const [linkedinProxy, telegramProxy, mastodonProxy] = proxies as [
    (typeof proxies)[0],
    (typeof proxies)[0],
    (typeof proxies)[0],
  ];
  const apiKey = `bench-${randomBytes(16).toString('hex')}`;
  const config = loadConfig({
    DATABASE_URL: postgres.url,
    HERALD_API_KEY: apiKey,
    HERALD_SECRET_KEY: randomBytes(32).toString('base64'),
    HERALD_LOG_LEVEL: 'silent',
    // Thousands of requests through one profile: counted (the cost is measured), never refused.
    HERALD_RATE_LIMIT_PROFILE: '10000000',
    HERALD_HOST: '127.0.0.1',
    HERALD_PORT: '0',
    HERALD_DATA_DIR: dataDir,
    HERALD_WORKER_CONCURRENCY: String(concurrency),
    HERALD_LINKEDIN_API_URL: linkedinProxy.url,
    HERALD_TELEGRAM_API_URL: telegramProxy.url,
    // Mastodon instances are user-supplied: the SSRF guard lets the loopback proxy through only so.
    HERALD_MEDIA_ALLOW: '127.0.0.1',
    // The batch is far past LinkedIn's real 150 posts a day; the budget is still checked each time.
    HERALD_LINKEDIN_DAILY_BUDGET: '100000',
  });
  const herald = await startHerald(config, 'all', createLogger('silent'), true);
  const call = async (method: string, route: string, body: unknown) => {
    const res = await fetch(`${herald.url}${route}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${method} ${route}: HTTP ${res.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  const db = new pg.Client({ connectionString: postgres.url });
  try {
    await call('POST', '/api/accounts', { platform: 'linkedin', credentials: linkedin.credentials });
    await call('POST', '/api/accounts', { platform: 'telegram', credentials: telegram.credentials });
    await call('POST', '/api/accounts', {
      platform: 'mastodon',
      credentials: { ...mastodon.credentials, instance: mastodonProxy.url },
    });
    const due = new Date(Date.now() + LEAD_MS);
    log(
      `concurrency ${concurrency}: scheduling ${POSTS} posts × ${NETWORKS.length} networks for ${due.toISOString()}`,
    );
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < POSTS) {
          const n = next++;
          await call('POST', '/api/post', {
            post: `fan-out ${n} ${randomBytes(4).toString('hex')}`,
            platforms: NETWORKS,
            scheduleDate: due.toISOString(),
          });
        }
      }),
    );
    if (Date.now() >= due.getTime())
      throw new Error(`accepting the batch took past its due time; raise LEAD_MS`);
    await db.connect();
    const deliveries = POSTS * NETWORKS.length;
    const deadline = Date.now() + LEAD_MS + (deliveries / concurrency) * (LATENCY_MS + 200) * 4 + 60_000;
    for (;;) {
      const { rows } = await db.query<{ settled: string }>(
        "SELECT count(*) AS settled FROM targets WHERE state NOT IN ('queued', 'sending')",
      );
      if (Number(rows[0]?.settled) >= deliveries || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const { rows } = await db.query<{ ms: number; state: string }>(
      `SELECT state, extract(epoch FROM (t.published_at - p.schedule_date)) * 1000 AS ms
       FROM targets t JOIN posts p ON p.id = t.post_id`,
    );
    const published = rows.filter((r) => r.state === 'published');
    const late = published.map((r) => Number(r.ms)).sort((a, b) => a - b);
    const drainS = (late.at(-1) ?? 0) / 1000;
    return {
      concurrency,
      deliveries,
      published: published.length,
      drainS,
      perSecond: drainS > 0 ? published.length / drainS : 0,
      bound: concurrency / (LATENCY_MS / 1000),
      lateness: { p50: pct(late, 0.5), p90: pct(late, 0.9), p99: pct(late, 0.99), max: late.at(-1) ?? 0 },
      proxied: proxies.reduce((sum, p) => sum + p.requests, 0),
    };
  } finally {
    await db.end().catch(() => undefined);
    await herald.stop();
    await Promise.all(proxies.map((p) => p.close()));
    await Promise.all([linkedin.fake.close(), telegram.fake.close(), mastodon.fake.close()]);
    await postgres.stop();
  }
}

function writeSection(section: string): void {
  const page = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n';
  const block = `${START}\n${section}\n${END}`;
  const next = page.includes(START)
    ? page.replace(new RegExp(`${START}[\\s\\S]*?${END}`), block)
    : `${page.trimEnd()}\n\n## Fan-out\n\n${block}\n`;
  writeFileSync(DOC, next);
}

async function main(): Promise<void> {
  const load = os.loadavg()[0] ?? 0;
  const runs: Run[] = [];
  for (const concurrency of CONCURRENCY) {
    const run = await runOnce(concurrency);
    log(
      `concurrency ${concurrency}: ${run.published}/${run.deliveries} published, ${run.perSecond.toFixed(1)}/s, lateness p50 ${(run.lateness.p50 / 1000).toFixed(1)} s, max ${(run.lateness.max / 1000).toFixed(1)} s`,
    );
    runs.push(run);
  }
  const cpus = os.cpus();
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const section = [
    `${POSTS} posts, each to LinkedIn, Telegram and Mastodon (${POSTS * NETWORKS.length} deliveries), all scheduled for one instant; Herald's real connectors against the tests' fakes, each behind a proxy that holds every request ${LATENCY_MS} ± ${JITTER_MS} ms. One Herald process (API + worker), embedded PostgreSQL, loopback only. Lateness = \`published_at − scheduleDate\` per delivery; deliveries/s = published ÷ the latest lateness.`,
    `Machine: ${cpus[0]?.model.trim() ?? 'unknown'}, ${cpus.length} logical cores; Node.js ${process.version}; 1-minute load average ${load.toFixed(2)} when the run started; run ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '| `HERALD_WORKER_CONCURRENCY` | published | deliveries/s | bound: slots ÷ latency | lateness p50 s | p90 s | p99 s | max s | requests through the proxies |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...runs.map(
      (r) =>
        `| ${r.concurrency} | ${r.published} / ${r.deliveries} | ${r.perSecond.toFixed(1)} | ${r.bound.toFixed(0)} | ${s(r.lateness.p50)} | ${s(r.lateness.p90)} | ${s(r.lateness.p99)} | ${s(r.lateness.max)} | ${r.proxied} |`,
    ),
  ].join('\n');
  process.stdout.write(`${section}\n`);
  if (!process.argv.includes('--no-doc')) {
    writeSection(section);
    log(`wrote ${path.relative(ROOT, DOC)}`);
  }
}

await main();
