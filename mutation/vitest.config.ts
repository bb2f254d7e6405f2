import { defineConfig } from 'vitest/config';
import base from '../vitest.config.ts';
import { GROUPS } from './groups.mjs';

/**
 * The tests Stryker runs against each mutant of one group (HERALD_MUTATION_GROUP, set by
 * scripts/mutation.mjs): the ones that pin that part down, not the whole suite. PostgreSQL
 * only for the group whose tests need it.
 */
const group = GROUPS[(process.env.HERALD_MUTATION_GROUP ?? 'tables') as keyof typeof GROUPS];

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    globalSetup: group.database ? ['mutation/postgres-global.ts'] : [],
    include: group.tests,
    exclude: [],
  },
});
