import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Herald as users run it: `node bin/herald.mjs serve` (what `npm start` runs) in its own
 * process, so its RSS and CPU are its own, not the bench's or the fakes'.
 */
export interface ChildHerald {
  url: string;
  apiKey: string;
  pid: number;
  /** Resident set size now, MiB (/proc/<pid>/status VmRSS). */
  rssMiB(): number;
  /** User + system CPU the process has used so far, ms (/proc/<pid>/stat). */
  cpuMs(): number;
  /** What the process printed (warnings and errors: its log level is warn). */
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

export async function startChildHerald(
  databaseUrl: string,
  dataDir: string,
  env: Record<string, string> = {},
  /** Node options for the process, e.g. `--cpu-prof`. */
  nodeArgs: readonly string[] = [],
): Promise<ChildHerald> {
  const apiKey = `bench-${randomBytes(16).toString('hex')}`;
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, path.join(ROOT, 'bin', 'herald.mjs'), 'serve'],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: databaseUrl,
        HERALD_API_KEY: apiKey,
        HERALD_SECRET_KEY: randomBytes(32).toString('base64'),
        HERALD_LOG_LEVEL: 'warn',
        HERALD_HOST: '127.0.0.1',
        HERALD_PORT: String(port),
        HERALD_DATA_DIR: dataDir,
        // Benches send far more than a tenant may: counted, never refused.
        HERALD_RATE_LIMIT_PROFILE: '10000000',
        HERALD_RATE_LIMIT_KEY: '10000000',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const pid = child.pid ?? 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 60_000;
  while (!/Herald is ready/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`herald serve did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    pid,
    rssMiB() {
      const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)\s+kB/m);
      return line ? Number(line[1]) / 1024 : 0;
    },
    cpuMs() {
      // Fields after the command name: utime and stime are the 12th and 13th (ticks of 10 ms).
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    output: () => output,
    stop,
  };
}

/** One authenticated JSON call; throws on anything but HTTP 200. */
export async function callHerald(
  herald: { url: string; apiKey: string },
  method: string,
  route: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const res = await fetch(`${herald.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${herald.apiKey}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${method} ${route}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}
