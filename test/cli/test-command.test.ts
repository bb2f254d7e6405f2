import { spawn } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verdict } from '../../scripts/test-verdict.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/test-command');
// What the real command needs to run a suite: its script, the config, the global
// setup (embedded PostgreSQL, the thing whose exit hook once swallowed the code).
const COPIED = [
  'package.json',
  'tsconfig.json',
  'vitest.config.ts',
  'scripts',
  'src',
  'test/setup',
  'test/helpers',
];
const scratch: string[] = [];

afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A copy of the project holding only `fixtures` as its tests, run through `npm test`. */
async function runTestCommand(fixtures: string[]): Promise<{ code: number | null; out: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'herald-test-command-'));
  scratch.push(dir);
  await chmod(dir, 0o755); // as root, PostgreSQL runs as another user that must reach its data folder
  const notATest = (source: string) => !source.endsWith('.test.ts');
  for (const entry of COPIED) {
    await cp(path.join(ROOT, entry), path.join(dir, entry), {
      recursive: true,
      filter: notATest,
    });
  }
  await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  await mkdir(path.join(dir, 'packages'));
  await symlink(path.join(ROOT, 'packages/sdk'), path.join(dir, 'packages/sdk'));
  await mkdir(path.join(dir, 'test/suite'), { recursive: true });
  for (const name of fixtures) {
    await cp(path.join(FIXTURES, `${name}.ts`), path.join(dir, 'test/suite', `${name}.test.ts`));
  }
  // The child is a vitest run of its own: none of this worker's VITEST_* settings.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));
  delete env.NODE_OPTIONS;
  // The fixtures start no Herald: no build. (A linked dist/ was rebuilt in place, under the
  // running suite, whenever the copy's modification times rounded above the originals'.)
  env.HERALD_TEST_SKIP_BUILD = '1';
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['test'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      out += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out }));
  });
}

describe('npm test (the command CI runs)', () => {
  it.concurrent('exits non-zero when one test fails', { timeout: 120_000 }, async () => {
    const { code, out } = await runTestCommand(['failing']);
    expect(out).toContain('1 passed, 1 failed');
    expect(code).not.toBe(0);
  });

  it.concurrent('exits non-zero when a test file cannot be loaded', { timeout: 120_000 }, async () => {
    const { code, out } = await runTestCommand(['passing', 'broken-import']);
    expect(out).toMatch(/2 passed, 0 failed \(1 test file\(s\) did not pass/);
    expect(code).not.toBe(0);
  });

  it.concurrent('exits non-zero on an unhandled error outside any assertion', {
    timeout: 120_000,
  }, async () => {
    const { code, out } = await runTestCommand(['unhandled']);
    expect(out).toContain('unhandled on purpose');
    expect(code).not.toBe(0);
  });

  it.concurrent('exits 0 when every test passes', { timeout: 120_000 }, async () => {
    const { code, out } = await runTestCommand(['passing']);
    expect(out).toMatch(/\n2 passed, 0 failed\n/);
    expect(code).toBe(0);
  });
});

describe('the verdict drawn from the report', () => {
  const green = {
    numPassedTests: 3,
    numFailedTests: 0,
    numFailedTestSuites: 0,
    numPendingTests: 0,
    numTodoTests: 0,
    numTotalTests: 3,
    success: true,
    testResults: [{ name: 'a.test.ts', status: 'passed' }],
  };
  it.each([
    ['a green report and status 0', green, 0, null, 0, '3 passed, 0 failed'],
    ['no report', undefined, 0, null, 1, 'no test report was written'],
    [
      'a failed test, status swallowed to 0',
      { ...green, numPassedTests: 2, numFailedTests: 1, success: false },
      0,
      null,
      1,
      '2 passed, 1 failed (the report says the run failed)',
    ],
    [
      'a file that failed to load',
      { ...green, testResults: [{ name: 'b', status: 'failed' }], numFailedTestSuites: 1, success: false },
      0,
      null,
      1,
      '3 passed, 0 failed (1 test file(s) did not pass)',
    ],
    [
      'no test at all',
      { ...green, numPassedTests: 0, numTotalTests: 0, testResults: [], success: false },
      0,
      null,
      1,
      '0 passed, 0 failed (no test ran)',
    ],
    [
      'a green report but vitest exited 1 (an unhandled error)',
      green,
      1,
      null,
      1,
      '3 passed, 0 failed (vitest exited 1)',
    ],
    [
      'a green report but vitest was killed',
      green,
      null,
      'SIGKILL',
      1,
      '3 passed, 0 failed (vitest was ended by SIGKILL)',
    ],
    [
      'skipped tests are counted but do not fail',
      { ...green, numPendingTests: 2 },
      0,
      null,
      0,
      '3 passed, 0 failed, 2 skipped',
    ],
  ] as const)('%s', (_name, summary, status, signal, exitCode, line) => {
    expect(verdict(summary, status, signal)).toEqual({ exitCode, line });
  });
});
