/**
 * `npm run bench:start`: how long `herald serve` takes from `node` starting to `/readyz`
 * answering 200, and its RSS at rest once ready, for each way of starting it, in the same run:
 * - `tsx`: the sources compiled as they load (what `npm start` ran before issue 16:
 *   bin/run-ts.mjs registers tsx exactly as bin/herald.mjs did);
 * - `dist`: the JavaScript build (`node bin/herald.mjs serve`, what `npm start` runs now).
 * Starts alternate (tsx, dist, tsx, dist, ...) so the machine's load falls on both alike.
 * One throw-away PostgreSQL (migrated by a first start that is not counted), API + worker.
 * Also the CPU (user + system) each process used until ready: steadier than wall time on a
 * loaded machine. `--runs N` (5) starts per variant, `--rest S` (5) seconds at rest before
 * RSS is read, `--node <path>` another Node binary for Herald (e.g. 24), `--no-compile-cache`
 * starts without Node's module compile cache; `--json` prints the figures as one JSON object.
 *
 * Then the CLI's client commands, which start once per command: `herald --help` and
 * `herald history` (against a loopback port where nothing listens: it loads, calls, is
 * refused and exits 1), each against its baseline in the same run, a bare `node -e 0`.
 * Wall time from spawn to exit and the CPU the child used (the bench's children's
 * user + system time, read from /proc), medians of `--runs` × 3, alternated.
 */
import '../test/setup/net-guard.ts';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSON_OUTPUT, numberFlag, printFigures, writesDoc } from './flags.ts';
import { startBenchPostgres } from './postgres.ts';
import { median } from './stats.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const START = '<!-- bench:start:start -->';
const END = '<!-- bench:start:end -->';
const log = (line: string) => process.stderr.write(`bench:start: ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const VARIANTS = {
  tsx: ['bin/run-ts.mjs', 'src/main.ts', 'serve'],
  dist: ['bin/herald.mjs', 'serve'],
} as const;
type Variant = keyof typeof VARIANTS;

interface Start {
  variant: Variant;
  readyMs: number;
  cpuMs: number;
  rssMiB: number;
}

function nodeFlag(): string {
  const at = process.argv.indexOf('--node');
  return at < 0 ? process.execPath : path.resolve(String(process.argv[at + 1]));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)\s+kB/m);
  return line ? Number(line[1]) / 1024 : 0;
}

function cpuMs(pid: number): number {
  // Fields after the command name: utime and stime are the 12th and 13th (clock ticks of 10 ms).
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function startOnce(
  node: string,
  variant: Variant,
  env: Record<string, string>,
  restMs: number,
): Promise<Start> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/readyz`;
  const started = performance.now();
  const child: ChildProcess = spawn(node, VARIANTS[variant], {
    cwd: ROOT,
    env: { ...env, HERALD_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = child.pid ?? 0;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${variant} exited before ready:\n${output}`);
      if (performance.now() - started > 120_000) throw new Error(`${variant} not ready in 120 s:\n${output}`);
      const answer = await fetch(url).catch(() => undefined);
      if (answer?.status === 200) break;
      await answer?.body?.cancel();
      await sleep(10);
    }
    const readyMs = performance.now() - started;
    const cpu = cpuMs(pid);
    await sleep(restMs);
    return { variant, readyMs, cpuMs: cpu, rssMiB: rssMiB(pid) };
  } finally {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

const CLIENT_VARIANTS = {
  node: ['-e', '0'],
  help: ['bin/herald.mjs', '--help'],
  history: ['bin/herald.mjs', 'history'],
} as const;
type ClientVariant = keyof typeof CLIENT_VARIANTS;

/** CPU ms the bench's reaped children used so far: cutime + cstime (clock ticks of 10 ms). */
function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

async function clientOnce(node: string, variant: ClientVariant, env: Record<string, string>) {
  const before = childrenCpuMs();
  const started = performance.now();
  const child = spawn(node, CLIENT_VARIANTS[variant], { cwd: ROOT, env, stdio: 'ignore' });
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  const wallMs = performance.now() - started;
  const expected = variant === 'history' ? 1 : 0;
  if (code !== expected) throw new Error(`${variant} exited ${code}, not ${expected}`);
  return { variant, wallMs, cpuMs: childrenCpuMs() - before };
}

function writeSection(section: string): void {
  const page = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n';
  const block = `${START}\n${section}\n${END}`;
  const next = page.includes(START)
    ? page.replace(new RegExp(`${START}[\\s\\S]*?${END}`), block)
    : `${page.trimEnd()}\n\n## Cold start\n\n${block}\n`;
  writeFileSync(DOC, next);
}

async function main(): Promise<void> {
  const runs = numberFlag('runs', 5);
  const restMs = numberFlag('rest', 5) * 1000;
  const node = nodeFlag();
  const nodeVersion = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('npm run build failed');
  const load = os.loadavg()[0] ?? 0;
  const dataDir = path.join(ROOT, '.tmp', `bench-start-${process.pid}`);
  const postgres = await startBenchPostgres(path.join(dataDir, 'pg'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    DATABASE_URL: postgres.url,
    HERALD_API_KEY: `bench-${randomBytes(16).toString('hex')}`,
    HERALD_SECRET_KEY: randomBytes(32).toString('base64'),
    HERALD_LOG_LEVEL: 'warn',
    HERALD_HOST: '127.0.0.1',
    HERALD_DATA_DIR: path.join(dataDir, 'herald'),
    // Node 22.1+: bin/herald.mjs enables the module compile cache unless this says not to.
    ...(process.argv.includes('--no-compile-cache') ? { NODE_DISABLE_COMPILE_CACHE: '1' } : {}),
  };
  const starts: Start[] = [];
  const clients: Awaited<ReturnType<typeof clientOnce>>[] = [];
  try {
    log(`first start (migrates the database, not counted), Node ${nodeVersion}`);
    await startOnce(node, 'dist', env, 0);
    for (let i = 0; i < runs; i++) {
      for (const variant of Object.keys(VARIANTS) as Variant[]) {
        const start = await startOnce(node, variant, env, restMs);
        log(
          `${variant}: ready in ${start.readyMs.toFixed(0)} ms (${start.cpuMs} ms CPU), ${start.rssMiB.toFixed(1)} MiB at rest`,
        );
        starts.push(start);
      }
    }
    const clientEnv = {
      PATH: env.PATH ?? '',
      HERALD_URL: `http://127.0.0.1:${await freePort()}`,
      HERALD_API_KEY: env.HERALD_API_KEY ?? '',
      XDG_CONFIG_HOME: dataDir,
    };
    for (let i = 0; i < runs * 3; i++)
      for (const variant of Object.keys(CLIENT_VARIANTS) as ClientVariant[])
        clients.push(await clientOnce(node, variant, clientEnv));
  } finally {
    await postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  const of = (variant: Variant, key: 'readyMs' | 'cpuMs' | 'rssMiB') =>
    median(starts.filter((s) => s.variant === variant).map((s) => s[key]));
  const figures = {
    node: nodeVersion,
    runs,
    start_ms_tsx: of('tsx', 'readyMs'),
    start_ms_dist: of('dist', 'readyMs'),
    start_ratio: of('dist', 'readyMs') / of('tsx', 'readyMs'),
    start_cpu_ms_tsx: of('tsx', 'cpuMs'),
    start_cpu_ms_dist: of('dist', 'cpuMs'),
    rss_mib_tsx: of('tsx', 'rssMiB'),
    rss_mib_dist: of('dist', 'rssMiB'),
    load_average: load,
    ...clientFigures(),
  };
  function clientFigures() {
    const of = (variant: ClientVariant, key: 'wallMs' | 'cpuMs') =>
      median(clients.filter((c) => c.variant === variant).map((c) => c[key]));
    return {
      client_ms_node: of('node', 'wallMs'),
      client_ms_help: of('help', 'wallMs'),
      client_ms_history: of('history', 'wallMs'),
      client_cpu_ms_node: of('node', 'cpuMs'),
      client_cpu_ms_help: of('help', 'cpuMs'),
      client_cpu_ms_history: of('history', 'cpuMs'),
      client_ratio_history: of('history', 'wallMs') / of('node', 'wallMs'),
    };
  }
  if (JSON_OUTPUT) {
    printFigures(figures);
    return;
  }
  const cpus = os.cpus();
  const row = (variant: Variant, what: string) =>
    `| ${what} | ${of(variant, 'readyMs').toFixed(0)} | ${of(variant, 'cpuMs').toFixed(0)} | ${of(variant, 'rssMiB').toFixed(1)} |`;
  const section = [
    `\`herald serve\` (API + worker) on a throw-away PostgreSQL already migrated: time from \`node\` starting to \`/readyz\` answering 200, the process's CPU until then, and its RSS after ${restMs / 1000} s at rest. Medians of ${runs} starts per variant, alternated.`,
    `Machine: ${cpus[0]?.model.trim() ?? 'unknown'}, ${cpus.length} logical cores; Herald on Node.js ${nodeVersion}; 1-minute load average ${load.toFixed(2)} when the run started; run ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '| start | ready ms | CPU ms until ready | RSS at rest MiB |',
    '| --- | ---: | ---: | ---: |',
    row('tsx', 'before: the sources through tsx (`bin/run-ts.mjs src/main.ts serve`)'),
    row('dist', 'now: the build (`node bin/herald.mjs serve`, `npm start`)'),
    '',
    `Ready in ${(figures.start_ratio * 100).toFixed(0)} % of the time tsx took; ${(figures.rss_mib_tsx - figures.rss_mib_dist).toFixed(1)} MiB less at rest.`,
    '',
    `The CLI's client commands, from spawn to exit (\`history\` against a loopback port where nothing listens), against a bare Node start in the same run; medians of ${runs * 3}, alternated:`,
    '',
    '| command | ms | ÷ bare `node -e 0` | CPU ms |',
    '| --- | ---: | ---: | ---: |',
    ...(['node', 'help', 'history'] as const).map((variant) => {
      const ms = figures[`client_ms_${variant}`];
      const what =
        variant === 'node'
          ? 'baseline: `node -e 0`'
          : `\`herald ${variant === 'help' ? '--help' : 'history'}\``;
      return `| ${what} | ${ms.toFixed(0)} | ${(ms / figures.client_ms_node).toFixed(1)}× | ${figures[`client_cpu_ms_${variant}`].toFixed(0)} |`;
    }),
  ].join('\n');
  process.stdout.write(`${section}\n`);
  if (writesDoc()) {
    writeSection(section);
    log(`wrote ${path.relative(ROOT, DOC)}`);
  }
}

await main();
