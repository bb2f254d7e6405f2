// The parts `npm run test:mutation` mutates, each with only the tests that pin it down.
// Most mutants in these files are static (the catalog's rows, the error tables' rows, the
// state machine's table: module-level data), and Stryker runs every related test file for
// a static mutant; one group per part keeps that to the tests of that part (seconds per
// mutant instead of the whole mutation suite, DB tests included, for every catalog row).
export const GROUPS = {
  tables: {
    what: 'every connector’s error tables (publishing and analytics) and their shared lookup',
    mutate: [
      'src/connectors/*/errors.ts',
      'src/connectors/*/analytics-errors.ts',
      'src/connectors/shared/error-table.ts',
      'src/connectors/shared/graph-errors.ts',
    ],
    tests: [
      'src/connectors/*/errors.test.ts',
      'src/connectors/*/analytics-errors.test.ts',
      'src/connectors/shared/graph.test.ts',
      'src/connectors/shared/graph-analytics.test.ts',
    ],
    database: false,
  },
  state: {
    what: 'the target state machine and the SQL guards that apply it',
    mutate: ['src/posts/target-state.ts', 'src/db/targets.ts'],
    tests: ['src/posts/*.test.ts', 'src/db/targets*.test.ts', 'test/jobs/publish-target.test.ts'],
    database: true,
  },
  errors: {
    what: 'the error catalog, error bodies, translations and the generated error docs',
    mutate: ['src/errors/**/*.ts', '!src/errors/**/*.test.ts'],
    tests: ['src/errors/**/*.test.ts', 'src/connectors/networks-doc.test.ts'],
    database: false,
  },
};
