import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { API_KEY, freePort } from './herald.ts';

/**
 * `herald serve --role api|worker` as a real child process (what an operator runs), on a
 * database the test names. What crash and database-fault tests kill, restart and watch.
 */
export interface HeraldProcess {
  readonly role: 'api' | 'worker';
  readonly pid: number;
  /** http://127.0.0.1:<port> for the API role. */
  readonly url?: string;
  /** Resolves with the exit code (or signal) when the process ends, whatever the reason. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
  /** Whether it has exited. */
  readonly alive: boolean;
  /** The last lines it wrote (stdout and stderr), for a failure message. */
  output(): string;
  /** SIGKILL (`kill -9`): no drain, no goodbye; resolves once it is gone. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for the drain. */
  stop(): Promise<void>;
}

/** The environment every process of one test shares: one database, one API key, one secret key. */
export function sharedEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    HERALD_API_KEY: API_KEY,
    HERALD_SECRET_KEY: createHash('sha256').update(databaseUrl).digest('base64'),
    HERALD_DATA_DIR: path.resolve('.tmp', 'test-data'),
    HERALD_RATE_LIMIT_PROFILE: '10000000',
    ...extra,
  };
}

const READY: Record<HeraldProcess['role'], string> = {
  api: 'Herald API listening',
  worker: 'Herald worker running',
};

/** Starts `herald serve --role <role>` and resolves once it says it is running. */
export async function startHeraldProcess(
  role: 'api' | 'worker',
  env: Record<string, string>,
): Promise<HeraldProcess> {
  const port = role === 'api' ? await freePort() : undefined;
  const child: ChildProcess = spawn(process.execPath, ['bin/herald.mjs', 'serve', '--role', role], {
    env: {
      ...process.env,
      ...env,
      // The ready line is an info line, whatever level the test asked for otherwise.
      HERALD_LOG_LEVEL: 'info',
      ...(port ? { HERALD_PORT: String(port), HERALD_HOST: '127.0.0.1' } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  let ready = false;
  let onReady: () => void = () => {};
  const readyLine = new Promise<void>((resolve) => {
    onReady = resolve;
  });
  const onData = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-20_000);
    if (!ready && tail.includes(READY[role])) {
      ready = true;
      onReady();
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  let alive = true;
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => {
      alive = false;
      resolve(code ?? signal);
    }),
  );
  const started = await Promise.race([readyLine.then(() => true), exited.then(() => false)]);
  if (!started) throw new Error(`herald serve --role ${role} exited before it was ready:\n${tail}`);
  return {
    role,
    pid: child.pid as number,
    ...(port ? { url: `http://127.0.0.1:${port}` } : {}),
    exited,
    get alive() {
      return alive;
    },
    output: () => tail,
    async kill9() {
      if (alive) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (alive) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** One call to the API of a process, as a client over HTTP; never throws on an HTTP status. */
export async function callApi(
  api: HeraldProcess,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  route: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${api.url}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${API_KEY}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
