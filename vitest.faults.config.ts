import { defineConfig } from 'vitest/config';
import base, { PROCESS_FAULT_TESTS } from './vitest.config.ts';

/**
 * `npm run test:faults` (also in .ci/run): Herald as separate `herald serve` processes,
 * killed (`kill -9`) mid-fan-out and cut off from a PostgreSQL that is stopped and
 * started again. Minutes, not seconds: kept apart from `npm test` and run once in CI.
 */
export default defineConfig({
  ...base,
  // One file at a time: each kills processes and stops PostgreSQL on a timetable of its own.
  test: { ...base.test, include: PROCESS_FAULT_TESTS, exclude: [], maxWorkers: 1 },
});
