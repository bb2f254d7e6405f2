#!/usr/bin/env node
// `npm test`: the whole suite on a fresh machine. Everything it needs comes from
// npm (embedded PostgreSQL binaries, the Bluesky PDS packages), so there is
// nothing to provision by hand. Ends with one plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('.tmp', { recursive: true });
const report = '.tmp/vitest-report.json';
rmSync(report, { force: true });
const result = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
try {
  const summary = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = summary.numPendingTests + summary.numTodoTests;
  process.stdout.write(
    `\n${summary.numPassedTests} passed, ${summary.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
  );
} catch {
  process.stdout.write('\nno test report was written\n');
}
process.exit(result.status ?? 1);
