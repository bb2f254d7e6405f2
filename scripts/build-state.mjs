// Whether a build output (dist/) was made from the sources as they are now. Plain JavaScript:
// bin/herald.mjs checks it at every start, before anything else is loaded.
//
// The build records what it compiled in <out>/build-stamp.json: the list of source files and
// the newest modification time among them, taken before compiling (a file saved during the
// build counts as newer). Sources are newer, added or removed since → stale.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const STAMP_FILE = 'build-stamp.json';

/** Files that are not compiled into the build (tests), relative to the source folder. */
function isSource(relative) {
  return !/\.test\.[cm]?[jt]sx?$/.test(relative);
}

/** Every source file under `dir` (relative paths, sorted) and the newest modification time. */
export function inventory(dir) {
  const files = [];
  let newest = 0;
  let newestFile;
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const relative = path.relative(dir, full);
        if (!isSource(relative)) continue;
        files.push(relative);
        const { mtimeMs } = statSync(full);
        if (mtimeMs > newest) [newest, newestFile] = [mtimeMs, relative];
      }
    }
  };
  walk(dir);
  files.sort();
  const list = createHash('sha256').update(files.join('\n')).digest('hex');
  return { files: files.length, list, newest, newestFile };
}

/** Records, before compiling, what the build in `outDir` is made from. */
export function writeStamp(outDir, taken) {
  writeFileSync(path.join(outDir, STAMP_FILE), `${JSON.stringify({ ...taken, node: process.version })}\n`);
}

/**
 * `{ fresh: true }`, or `{ fresh: false, reason }`: no build in `out`, or `src` holds files
 * newer than it, or files were added or removed since. `src` and `out` are relative to `root`
 * (and so are the paths in `reason`).
 */
export function buildState(root, src, out) {
  const stampPath = path.join(root, out, STAMP_FILE);
  if (!existsSync(stampPath)) return { fresh: false, reason: `${out}${path.sep} has no build` };
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampPath, 'utf8'));
  } catch {
    return { fresh: false, reason: `${path.join(out, STAMP_FILE)} is unreadable` };
  }
  const now = inventory(path.join(root, src));
  if (now.list !== stamp.list)
    return {
      fresh: false,
      reason: `files were added to or removed from ${src}${path.sep} since the last build`,
    };
  if (now.newest > stamp.newest)
    return { fresh: false, reason: `${path.join(src, now.newestFile)} changed after the last build` };
  return { fresh: true };
}
