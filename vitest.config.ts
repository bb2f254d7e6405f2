import { configDefaults, defineConfig } from 'vitest/config';

/** The fault tests that run Herald as separate processes and kill them: `npm run test:faults`. */
export const PROCESS_FAULT_TESTS = ['test/faults/crash.test.ts', 'test/faults/database-restart.test.ts'];

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...PROCESS_FAULT_TESTS],
    globalSetup: ['test/setup/postgres-global.ts', 'test/setup/dashboard-global.ts'],
    setupFiles: ['test/setup/net-guard.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
