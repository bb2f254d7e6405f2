// Mutation testing (`npm run test:mutation`, docs/testing.md): one Stryker run per group of
// mutation/groups.mjs (the error catalog, the target state machine and its SQL guards,
// every connector's error table), chosen by HERALD_MUTATION_GROUP (scripts/mutation.mjs sets it).
import { GROUPS } from './mutation/groups.mjs';

const name = process.env.HERALD_MUTATION_GROUP ?? 'tables';
const group = GROUPS[name];
if (!group) throw new Error(`unknown mutation group ${name}: one of ${Object.keys(GROUPS).join(', ')}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'mutation/vitest.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner', './mutation/ignore-row-notes.mjs'],
  ignorers: ['error-row-notes'],
  mutate: group.mutate,
  ignoreStatic: group.ignoreStatic && process.env.HERALD_MUTATION_STATIC !== '1',
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20_000,
  dryRunTimeoutMinutes: 10,
  thresholds: { high: 90, low: 80, break: 80 },
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: `.tmp/mutation/${name}.html` },
  jsonReporter: { fileName: `.tmp/mutation/${name}.json` },
  tempDirName: '.tmp/stryker',
  ignorePatterns: ['.tmp', 'data', 'bench', '.ci'],
  cleanTempDir: 'always',
};
