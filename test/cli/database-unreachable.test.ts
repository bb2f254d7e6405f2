import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { freePort } from '../helpers/herald.ts';

/** Runs the built `herald` with `env` added; its exit code and what it wrote. */
function herald(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/herald.mjs', ...args], {
      env: { ...process.env, HERALD_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.once('exit', (code) => resolve({ code, out, err }));
  });
}

describe('a DATABASE_URL nobody answers at start', () => {
  it('herald migrate exits 1 with one line naming the database, never its password nor a stack', async () => {
    const port = await freePort();
    const run = await herald(['migrate'], {
      DATABASE_URL: `postgres://herald:never-printed@127.0.0.1:${port}/herald`,
      HERALD_DB_START_WAIT_MS: '0',
    });
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      `herald: cannot reach the database at 127.0.0.1:${port}/herald: connect ECONNREFUSED 127.0.0.1:${port}. ` +
        'Is PostgreSQL running there, and does DATABASE_URL name it? `herald doctor` checks the whole configuration.\n',
    );
    expect(run.out).toBe('');
  }, 60_000);

  it('herald serve waits for it first, says so once, then gives up the same way', async () => {
    const port = await freePort();
    const run = await herald(['serve', '--role', 'worker'], {
      DATABASE_URL: `postgres://herald:never-printed@127.0.0.1:${port}/herald`,
      HERALD_DB_START_WAIT_MS: '1500',
      HERALD_SECRET_KEY: 'a'.repeat(64),
    });
    expect(run.code).toBe(1);
    const waiting = run.out
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(waiting).toEqual([
      expect.objectContaining({
        level: 40,
        msg: `waiting up to 2 s for the database at 127.0.0.1:${port}/herald (connect ECONNREFUSED 127.0.0.1:${port})`,
      }),
    ]);
    expect(run.err).toMatch(
      new RegExp(
        `^herald: cannot reach the database at 127\\.0\\.0\\.1:${port}/herald, after waiting [12] s: connect ECONNREFUSED`,
      ),
    );
    expect(`${run.out}${run.err}`).not.toContain('never-printed');
  }, 60_000);
});
