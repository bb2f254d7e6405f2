import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** `herald serve` as a real process on its embedded PostgreSQL: what `npm start` runs. */
const KEY = 'serve-test-key-0123456789';
const dataDir = path.resolve('.tmp', `serve-${process.pid}-${Date.now()}`);
const earlyDataDir = `${dataDir}-early`;
let child: ChildProcess | undefined;

/** The pid of the embedded PostgreSQL running on this data folder, if one is. */
function postmasterPid(dir: string): number | undefined {
  const file = path.join(dir, 'postgres', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * `herald serve` with `env`, sent SIGTERM as soon as its output shows `signalOn`; resolves
 * when it has exited, with its exit code (null: ended by the signal itself) and output.
 */
async function serveUntil(
  env: Record<string, string>,
  signalOn: string,
): Promise<{ code: number | null; signalled: boolean; output: string }> {
  const spawned = spawn(process.execPath, ['bin/herald.mjs', 'serve'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = spawned;
  let output = '';
  let signalled = false;
  const onOutput = (chunk: unknown) => {
    output += String(chunk);
    if (!signalled && output.includes(signalOn)) {
      signalled = true;
      spawned.kill('SIGTERM');
    }
  };
  spawned.stdout?.on('data', onOutput);
  spawned.stderr?.on('data', onOutput);
  const code = await new Promise<number | null>((resolve) => spawned.once('exit', (c) => resolve(c)));
  child = undefined;
  return { code, signalled, output };
}

afterAll(async () => {
  child?.kill('SIGKILL');
  // A cluster a failed test left running (the process ended by the signal, not Herald).
  const orphan = postmasterPid(earlyDataDir);
  if (orphan) process.kill(orphan, 'SIGQUIT');
  await rm(dataDir, { recursive: true, force: true });
  await rm(earlyDataDir, { recursive: true, force: true });
  await rm(`${dataDir}-wait`, { recursive: true, force: true });
});

describe('herald serve', () => {
  it('starts on its embedded PostgreSQL, prints the key once, and drains in-flight publishes on SIGTERM', async () => {
    const port = await freePort();
    const pgPort = String(await freePort());
    child = spawn(process.execPath, ['bin/herald.mjs', 'serve'], {
      env: {
        ...process.env,
        HERALD_DATA_DIR: dataDir,
        HERALD_PORT: String(port),
        HERALD_EMBEDDED_PG_PORT: pgPort,
        HERALD_API_KEY: KEY,
        HERALD_LOG_LEVEL: 'info',
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += String(chunk);
    });
    child.stderr?.on('data', (chunk) => {
      output += String(chunk);
    });
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    // The banner follows the "listening" log line (written when startHerald returns): wait for both.
    const started = () => output.includes('Herald API listening') && output.includes('Try: curl');
    for (let i = 0; i < 300 && !started(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(output).toContain(`Primary API key (shown once, store it now):\n\n    ${KEY}`);

    const base = `http://127.0.0.1:${port}`;
    const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
    const linked = await fetch(`${base}/api/accounts`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ platform: 'facebook', credentials: { sandbox: true } }),
    });
    expect(linked.status).toBe(200);

    const posting = fetch(`${base}/api/post`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ post: 'in flight #sandbox-delay-1500', platforms: ['facebook'] }),
    });
    await new Promise((r) => setTimeout(r, 400));
    child.kill('SIGTERM');
    const answered = await posting;
    expect(answered.status).toBe(200);
    expect(((await answered.json()) as { status: string }).status).toBe('success');
    expect(await exited).toBe(0);
    expect(output).toContain('"msg":"stopped"');
    child = undefined;

    // A second start on the same data folder says a key exists and how to make another.
    child = spawn(process.execPath, ['bin/herald.mjs', 'serve'], {
      env: {
        ...process.env,
        HERALD_DATA_DIR: dataDir,
        HERALD_PORT: String(port),
        HERALD_EMBEDDED_PG_PORT: pgPort,
        HERALD_LOG_LEVEL: 'warn',
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let again = '';
    child.stdout?.on('data', (chunk) => {
      again += String(chunk);
    });
    const exitedAgain = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    for (let i = 0; i < 300 && !again.includes('keys create'); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(again).toContain('An API key already exists');
    expect(again).toContain('npx herald keys create');
    expect(again).not.toContain(KEY);
    child.kill('SIGTERM');
    expect(await exitedAgain).toBe(0);
    child = undefined;
  }, 120_000);

  it('stopped by SIGTERM while it starts, finishes starting, prints the key, stops its PostgreSQL and exits 0', async () => {
    const run = await serveUntil(
      {
        HERALD_DATA_DIR: earlyDataDir,
        HERALD_PORT: String(await freePort()),
        HERALD_EMBEDDED_PG_PORT: String(await freePort()),
        HERALD_API_KEY: KEY,
        // The embedded PostgreSQL's own lines are debug: the first one says it is starting.
        HERALD_LOG_LEVEL: 'debug',
        DATABASE_URL: '',
      },
      '"component":"postgres"',
    );
    expect(run.code).toBe(0);
    expect(run.signalled).toBe(true);
    // Not yet listening when the signal came: the start went on, then stopped at once.
    expect(run.output.indexOf('"msg":"shutting down"')).toBeLessThan(
      run.output.indexOf('Herald API listening'),
    );
    expect(run.output).toContain(`Primary API key (shown once, store it now):\n\n    ${KEY}`);
    expect(run.output).toContain('"msg":"stopped"');
    expect(postmasterPid(earlyDataDir)).toBeUndefined();
  }, 120_000);

  it('stopped by SIGTERM while it waits for a DATABASE_URL that is not up, exits 0 at once, not after the wait', async () => {
    // A loopback port nothing listens on: connection refused, which start waits out (60 s by default).
    const closed = await freePort();
    const run = await serveUntil(
      {
        HERALD_DATA_DIR: `${dataDir}-wait`,
        HERALD_PORT: String(await freePort()),
        HERALD_LOG_LEVEL: 'info',
        HERALD_DB_START_WAIT_MS: '60000',
        DATABASE_URL: `postgres://herald:secret@127.0.0.1:${closed}/herald`,
      },
      'waiting up to 60 s for the database',
    );
    expect(run.code).toBe(0);
    expect(run.signalled).toBe(true);
    expect(run.output).toContain('"msg":"shutting down"');
  }, 60_000);
});
