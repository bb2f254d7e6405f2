#!/usr/bin/env node
// Runs Herald's build (dist/, JavaScript made by `npm run build`, which `npm install` runs):
// no TypeScript compiler is loaded at start. In a checkout with its sources (src/), a build
// that is missing or older than them stops here, loudly, rather than run code that is not
// what the sources say: `npm run build` makes it again.
import { existsSync } from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildState } from '../scripts/build-state.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builds = [
  ['src', 'dist'],
  [path.join('packages', 'sdk', 'src'), path.join('packages', 'sdk', 'dist')],
];
for (const [src, out] of builds) {
  if (!existsSync(path.join(ROOT, src))) continue;
  const state = buildState(ROOT, src, out);
  if (!state.fresh) {
    process.stderr.write(
      `herald: the JavaScript build is missing or out of date: ${state.reason}.\n` +
        `Run \`npm run build\` (npm install runs it too), then start again.\n`,
    );
    process.exit(1);
  }
}
// Node 22.1+ keeps the compiled bytecode of the modules it loads on disk: later starts are faster.
module.enableCompileCache?.();
await import(pathToFileURL(path.join(ROOT, 'dist', 'main.js')).href);
