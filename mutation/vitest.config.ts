import { defineConfig } from 'vitest/config';
import base from '../vitest.config.ts';

/**
 * The tests Stryker runs against each mutant (`npm run test:mutation`): the ones that
 * pin down the mutated files (the catalog and its docs, the target state machine and
 * its SQL guards, every connector's error table), not the whole suite, so one mutant
 * costs seconds, not minutes.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    globalSetup: ['mutation/postgres-global.ts'],
    include: [
      'src/errors/**/*.test.ts',
      'src/connectors/networks-doc.test.ts',
      'src/connectors/*/errors.test.ts',
      'src/connectors/*/analytics-errors.test.ts',
      'src/connectors/shared/graph.test.ts',
      'src/posts/*.test.ts',
      'src/db/targets*.test.ts',
    ],
  },
});
