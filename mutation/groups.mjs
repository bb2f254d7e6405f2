// The parts `npm run test:mutation` mutates, each with only the tests that pin it down.
// Most mutants in these files are static (the catalog's rows, the error tables' rows, the
// state machine's table: module-level data), and Stryker runs every related test file for
// a static mutant; one group per part keeps that to the tests of that part (seconds per
// mutant instead of the whole mutation suite, DB tests included, for every catalog row).
// `ignoreStatic`: the catalog's and the tables' ~2,800 static mutants take hours here, so
// those two groups leave them out unless HERALD_MUTATION_STATIC=1 (docs/testing.md).
export const GROUPS = {
  tables: {
    what: 'every connector’s error tables (publishing and analytics) and their shared lookup',
    mutate: [
      'src/connectors/*/errors.ts',
      'src/connectors/*/analytics-errors.ts',
      'src/connectors/shared/error-table.ts',
      'src/connectors/shared/graph-errors.ts',
    ],
    // The tables' own tests, and the shared and Reddit connector tests against their fakes
    // (what a lost answer or a refused submit becomes is pinned there). All connector tests
    // would cover more, but their first run alone passes Stryker's 5-minute limit here.
    tests: [
      'src/connectors/*/errors.test.ts',
      'src/connectors/*/analytics-errors.test.ts',
      'src/connectors/shared/*.test.ts',
      'src/connectors/reddit/*.test.ts',
    ],
    database: false,
    ignoreStatic: true,
  },
  machine: {
    what: 'the target state machine (its one table of edges)',
    mutate: ['src/posts/target-state.ts'],
    // Every mutant of the table is static: the edge-by-edge guard test, not a publish job, pins it.
    tests: ['src/posts/*.test.ts', 'src/db/targets-guards.test.ts'],
    database: true,
    ignoreStatic: false,
  },
  state: {
    what: 'the SQL guards and queries that apply the state machine',
    mutate: ['src/db/targets.ts'],
    tests: ['src/db/targets*.test.ts', 'test/jobs/publish-target.test.ts'],
    database: true,
    ignoreStatic: false,
  },
  errors: {
    what: 'the error catalog, error bodies, translations and the generated error docs',
    mutate: ['src/errors/**/*.ts', '!src/errors/**/*.test.ts'],
    tests: ['src/errors/**/*.test.ts', 'src/connectors/networks-doc.test.ts'],
    database: false,
    ignoreStatic: true,
  },
};
