import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

/** The fault tests that run Herald as separate processes and kill them: `npm run test:faults`. */
export const PROCESS_FAULT_TESTS = ['test/faults/crash.test.ts', 'test/faults/database-restart.test.ts'];

const source = (file: string) => fileURLToPath(new URL(`./packages/sdk/src/${file}`, import.meta.url));

export default defineConfig({
  // Tests run the SDK's sources (as tsconfig.json's "@herald/source" condition does for the
  // typecheck); plain Node and the build resolve @herald/sdk to packages/sdk/dist.
  resolve: {
    alias: [
      { find: /^@herald\/sdk$/, replacement: source('index.ts') },
      { find: /^@herald\/sdk\/ayrshare$/, replacement: source('ayrshare.ts') },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...PROCESS_FAULT_TESTS],
    globalSetup: [
      'test/setup/build-global.ts',
      'test/setup/postgres-global.ts',
      'test/setup/dashboard-global.ts',
    ],
    setupFiles: ['test/setup/net-guard.ts'],
    pool: 'forks',
    // Most of a test file's time is waiting (on PostgreSQL, a fake network, a child process),
    // so one file per core leaves the cores idle: vitest's default (cores - 1) ran the suite
    // one file at a time on a 2-core machine. One more worker than cores keeps them busy;
    // at most 4: a file's Herald may hold over 30 PostgreSQL connections (a pool of 20, the
    // engine's 10, its listeners), and the run's one PostgreSQL allows 200.
    maxWorkers: Math.min(4, availableParallelism() + 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
