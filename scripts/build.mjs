#!/usr/bin/env node
// `npm run build` (and `npm install`'s prepare): Herald as JavaScript, so that `npm start` runs
// no TypeScript compiler.
//   1. the SDK: packages/sdk/src → packages/sdk/dist (JS + .d.ts), what `@herald/sdk` is in Node;
//   2. the server: src → dist (tsc, tsconfig.build.json), then the files the code reads from
//      disk beside itself (SQL migrations, the connect page's assets, the HEIC worker, ...)
//      copied to the same places under dist/, and the dashboard bundled into dist/dashboard-bundle/.
// Each output gets a stamp (scripts/build-state.mjs) that bin/herald.mjs checks at start.
// `--if-stale` builds only what its sources changed since (the test suite's global setup).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildState, inventory, STAMP_FILE, writeStamp } from './build-state.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TSC = createRequire(import.meta.url).resolve('typescript/lib/tsc.js');
const ifStale = process.argv.includes('--if-stale');

/** Sources the server build does not compile or copy: the dashboard's UI (bundled) and tests. */
const SERVER_SKIPS = [path.join('dashboard', 'ui')];
const skipped = (relative) =>
  SERVER_SKIPS.some((skip) => relative === skip || relative.startsWith(`${skip}${path.sep}`)) ||
  /\.test\.[cm]?[jt]sx?$/.test(relative);

function tsc(project) {
  const result = spawnSync(process.execPath, [TSC, '-p', project], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0)
    throw new Error(`tsc -p ${project} failed (exit ${result.status ?? result.signal})`);
}

function walk(dir, visit, relative = '') {
  for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) walk(dir, visit, child);
    else if (entry.isFile()) visit(child);
  }
}

/** Every file of src/ that is not TypeScript, copied beside the compiled code that reads it. */
function copyAssets(src, out) {
  let copied = 0;
  walk(src, (relative) => {
    if (relative.endsWith('.ts') || skipped(relative)) return;
    mkdirSync(path.dirname(path.join(out, relative)), { recursive: true });
    copyFileSync(path.join(src, relative), path.join(out, relative));
    copied += 1;
  });
  return copied;
}

/** Removes what a deleted or renamed source left in dist/ (not the bundle, not the stamps). */
function pruneOrphans(src, out) {
  const kept = (relative) =>
    relative.startsWith(`dashboard-bundle${path.sep}`) ||
    relative === STAMP_FILE ||
    relative === '.tsbuildinfo';
  walk(out, (relative) => {
    if (kept(relative)) return;
    const base = relative.replace(/\.map$/, '');
    const candidates = [base, base.replace(/\.js$/, '.ts')];
    if (!candidates.some((candidate) => existsSync(path.join(src, candidate))))
      rmSync(path.join(out, relative));
  });
}

const targets = [
  {
    name: '@herald/sdk',
    src: path.join('packages', 'sdk', 'src'),
    out: path.join('packages', 'sdk', 'dist'),
    build() {
      tsc(path.join('packages', 'sdk', 'tsconfig.build.json'));
    },
  },
  {
    name: 'Herald',
    src: 'src',
    out: 'dist',
    async build() {
      tsc('tsconfig.build.json');
      const [src, out] = [path.join(ROOT, this.src), path.join(ROOT, this.out)];
      const copied = copyAssets(src, out);
      pruneOrphans(src, out);
      // The compiled bundler (no tsx): the dashboard from src/dashboard/ui into dist/dashboard-bundle/.
      const { buildDashboard } = await import(pathToFileURL(path.join(out, 'dashboard', 'build.js')).href);
      await buildDashboard();
      return `${copied} asset files copied, dashboard bundled into dist/dashboard-bundle/`;
    },
  },
];

for (const target of targets) {
  if (ifStale && buildState(ROOT, target.src, target.out).fresh) continue;
  const started = Date.now();
  const taken = inventory(path.join(ROOT, target.src));
  mkdirSync(path.join(ROOT, target.out), { recursive: true });
  // No stamp while the output is being rewritten: an interrupted build is never taken as current.
  rmSync(path.join(ROOT, target.out, STAMP_FILE), { force: true });
  // A full build re-emits every file (tsc's incremental state does not notice a deleted output);
  // --if-stale keeps it, so a rebuild after a small change takes seconds.
  if (!ifStale) rmSync(path.join(ROOT, target.out, '.tsbuildinfo'), { force: true });
  const detail = await target.build();
  writeStamp(path.join(ROOT, target.out), taken);
  process.stdout.write(
    `built ${target.name} into ${target.out}/ in ${((Date.now() - started) / 1000).toFixed(1)} s${detail ? ` (${detail})` : ''}\n`,
  );
}
