// Mutation testing (`npm run test:mutation`, docs/mutation.md): the error catalog, the
// target state machine and its SQL guards, and every connector's error table.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'mutation/vitest.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner', './mutation/ignore-row-notes.mjs'],
  ignorers: ['error-row-notes'],
  mutate: [
    'src/errors/**/*.ts',
    '!src/errors/**/*.test.ts',
    'src/posts/target-state.ts',
    'src/db/targets.ts',
    'src/connectors/*/errors.ts',
    'src/connectors/*/analytics-errors.ts',
    'src/connectors/shared/error-table.ts',
    'src/connectors/shared/graph-errors.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20_000,
  thresholds: { high: 90, low: 80, break: 80 },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: '.tmp/mutation/report.html' },
  jsonReporter: { fileName: '.tmp/mutation/report.json' },
  tempDirName: '.tmp/stryker',
  ignorePatterns: ['.tmp', 'data', 'bench', '.ci'],
  cleanTempDir: 'always',
};
