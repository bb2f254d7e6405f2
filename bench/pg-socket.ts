/**
 * `npm run bench:pg-socket`: what one statement's round trip to the embedded PostgreSQL costs
 * over loopback TCP (the baseline) and over the cluster's Unix socket, which Herald uses since
 * the embedded cluster has one (src/db/embedded.ts). Both from this process, against the same
 * cluster, alternated (`--rounds N`, 3 by default): a pool of 20 connections, 40 callers each
 * sending `SELECT $1::int, now()` until `--statements N` (40,000 by default) are answered.
 * CPU per round trip from /proc: this process (the client), PostgreSQL (postmaster and
 * backends), and the interrupts where the kernel does loopback TCP's receiving. `--json` prints
 * the figures as one JSON object.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startCpuMeter } from './cpu.ts';
import { startBenchPostgres } from './postgres.ts';
import { median } from './stats.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const POOL = 20;
const CALLERS = 40;

interface Round {
  statements_per_s: number;
  client_cpu_us_per_statement: number;
  postgres_cpu_us_per_statement: number;
  interrupts_cpu_us_per_statement: number;
}

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} takes a positive integer`);
  return value;
}

async function round(url: string, statements: number, postmaster: number): Promise<Round> {
  const pool = new pg.Pool({ connectionString: url, max: POOL });
  try {
    // Every connection opened before the clock starts.
    await Promise.all(Array.from({ length: POOL }, () => pool.query('SELECT 1')));
    let sent = 0;
    const meter = startCpuMeter({ server: process.pid, loadGenerator: -1, postmaster });
    const cpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CALLERS }, async () => {
        while (sent < statements) {
          sent++;
          await pool.query('SELECT $1::int AS n, now() AS at', [sent]);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const split = meter.stop();
    const perStatement = (cores: number | undefined) =>
      cores === undefined ? Number.NaN : (cores * seconds * 1e6) / statements;
    return {
      statements_per_s: statements / seconds,
      client_cpu_us_per_statement: (used.user + used.system) / statements,
      postgres_cpu_us_per_statement: perStatement(split?.postgres),
      interrupts_cpu_us_per_statement: perStatement(split?.kernel),
    };
  } finally {
    await pool.end();
  }
}

function summary(rounds: Round[]): Round {
  const of = (key: keyof Round) => Math.round(median(rounds.map((r) => r[key])) * 10) / 10;
  return {
    statements_per_s: Math.round(median(rounds.map((r) => r.statements_per_s))),
    client_cpu_us_per_statement: of('client_cpu_us_per_statement'),
    postgres_cpu_us_per_statement: of('postgres_cpu_us_per_statement'),
    interrupts_cpu_us_per_statement: of('interrupts_cpu_us_per_statement'),
  };
}

async function main() {
  const statements = flag('--statements', 40_000);
  const rounds = flag('--rounds', 3);
  const postgres = await startBenchPostgres(path.join(ROOT, '.tmp', `bench-pg-socket-${process.pid}`));
  try {
    if (postgres.url === postgres.tcpUrl) throw new Error('the embedded cluster has no Unix socket here');
    const tcp: Round[] = [];
    const socket: Round[] = [];
    for (let i = 0; i < rounds; i++) {
      tcp.push(await round(postgres.tcpUrl, statements, postgres.pid));
      socket.push(await round(postgres.url, statements, postgres.pid));
      process.stderr.write(`bench:pg-socket: round ${i + 1}/${rounds} done\n`);
    }
    const base = summary(tcp);
    const sock = summary(socket);
    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    const figures = {
      pg_statements: statements,
      pg_rounds: rounds,
      pg_tcp: base,
      pg_socket: sock,
      pg_socket_rate_ratio: ratio(sock.statements_per_s, base.statements_per_s),
      pg_socket_client_cpu_ratio: ratio(sock.client_cpu_us_per_statement, base.client_cpu_us_per_statement),
      pg_socket_postgres_cpu_ratio: ratio(
        sock.postgres_cpu_us_per_statement,
        base.postgres_cpu_us_per_statement,
      ),
    };
    if (process.argv.includes('--json')) {
      process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
      return;
    }
    const row = (name: string, r: Round) =>
      `| ${name} | ${r.statements_per_s} | ${r.client_cpu_us_per_statement} | ${r.postgres_cpu_us_per_statement} | ${r.interrupts_cpu_us_per_statement} |`;
    process.stdout.write(
      [
        `PostgreSQL ${postgres.version}, ${statements} statements per round, ${rounds} rounds each, medians; ${os.cpus().length} logical cores, Node.js ${process.version}.`,
        '',
        '| connection | statements/s | client CPU µs / statement | PostgreSQL CPU µs | interrupts CPU µs |',
        '| --- | ---: | ---: | ---: | ---: |',
        row('loopback TCP (baseline)', base),
        row('Unix socket', sock),
        `| ratio, socket ÷ TCP | ${figures.pg_socket_rate_ratio}× | ${figures.pg_socket_client_cpu_ratio}× | ${figures.pg_socket_postgres_cpu_ratio}× | |`,
        '',
      ].join('\n'),
    );
  } finally {
    await postgres.stop();
  }
}

await main();
