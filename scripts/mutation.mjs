#!/usr/bin/env node
// `npm run test:mutation [group ...] [-- stryker flags]`: one Stryker run per group of
// mutation/groups.mjs (all of them by default), then one line per group and one for all:
// mutation score (killed and timed out over every mutant that ran or had no test), mutants,
// minutes. Exits non-zero when a run fails or a score is under 80 % (Stryker's own `break`
// threshold, per group). Arguments starting with `--` go to Stryker as they are, e.g.
// `--ignoreStatic` (leave out the mutants of module-level data: minutes instead of hours) or
// `--mutate src/connectors/bluesky/errors.ts` (one file of a group).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { GROUPS } from '../mutation/groups.mjs';

const args = process.argv.slice(2);
const flagAt = args.findIndex((a) => a.startsWith('--'));
const named = flagAt === -1 ? args : args.slice(0, flagAt);
const strykerFlags = flagAt === -1 ? [] : args.slice(flagAt);
const names = named.length > 0 ? named : Object.keys(GROUPS);
const lines = [];
const total = { detected: 0, valid: 0, ms: 0 };
let failed = false;
for (const name of names) {
  if (!GROUPS[name]) throw new Error(`unknown group ${name}: one of ${Object.keys(GROUPS).join(', ')}`);
  const report = `.tmp/mutation/${name}.json`;
  rmSync(report, { force: true });
  const started = Date.now();
  const run = spawnSync('npx', ['stryker', 'run', ...strykerFlags], {
    stdio: 'inherit',
    env: { ...process.env, HERALD_MUTATION_GROUP: name },
  });
  const ms = Date.now() - started;
  if (run.status !== 0) failed = true;
  let counts;
  try {
    const files = JSON.parse(readFileSync(report, 'utf8')).files;
    counts = {};
    for (const file of Object.values(files))
      for (const m of file.mutants) counts[m.status] = (counts[m.status] ?? 0) + 1;
  } catch {
    lines.push(`${name}: no report (stryker exited ${run.status})`);
    failed = true;
    continue;
  }
  const ignored = counts.Ignored ?? 0;
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  total.detected += detected;
  total.valid += valid;
  total.ms += ms;
  lines.push(
    `${name} (${GROUPS[name].what}): ${((100 * detected) / valid).toFixed(1)} % ` +
      `${JSON.stringify(counts)}${ignored ? ` (${ignored} ignored)` : ''} in ${(ms / 60_000).toFixed(1)} min` +
      (strykerFlags.length > 0 ? ` [${strykerFlags.join(' ')}]` : ''),
  );
}
if (total.valid > 0)
  lines.push(
    `all: ${((100 * total.detected) / total.valid).toFixed(1)} % of ${total.valid} mutants in ${(total.ms / 60_000).toFixed(1)} min`,
  );
process.stdout.write(`\n${lines.join('\n')}\n`);
process.exit(failed ? 1 : 0);
