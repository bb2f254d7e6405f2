import { spawnSync } from 'node:child_process';

/**
 * The JavaScript build (dist/, packages/sdk/dist/) made again when the sources changed since
 * (`npm run build -- --if-stale`): the tests that start `bin/herald.mjs` as a process, or
 * import `@herald/sdk` from plain Node, then run what the sources say, and bin/herald.mjs
 * never refuses them a stale build. Tests that import the sources run them through vitest.
 */
export default function setup() {
  // A suite that starts no Herald and imports no build (test/cli/test-command.test.ts's fixtures).
  if (process.env.HERALD_TEST_SKIP_BUILD === '1') return;
  const result = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status ?? result.signal})`);
}
