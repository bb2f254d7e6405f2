import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Which ffmpeg and ffprobe Herald runs: the operator's (HERALD_FFMPEG_PATH /
 * HERALD_FFPROBE_PATH), else the system's (Debian's `ffmpeg` package, found on PATH),
 * else the static builds shipped inside the npm packages @ffmpeg-installer/linux-x64
 * and @ffprobe-installer/linux-x64 (the binaries are in the tarball itself; their only
 * install script is a chmod). Nothing is ever downloaded at run time.
 */

export type BinaryName = 'ffmpeg' | 'ffprobe';

export interface Binary {
  path: string;
  source: 'config' | 'system' | 'npm';
}

const NPM_PACKAGES: Record<BinaryName, string> = {
  ffmpeg: '@ffmpeg-installer/linux-x64',
  ffprobe: '@ffprobe-installer/linux-x64',
};

const executable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

function onPath(name: string, searchPath: string | undefined): string | undefined {
  for (const dir of (searchPath ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    if (existsSync(file) && executable(file)) return file;
  }
  return undefined;
}

function fromNpm(name: BinaryName): string | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  try {
    const manifest = createRequire(import.meta.url).resolve(`${NPM_PACKAGES[name]}/package.json`);
    const file = path.join(path.dirname(manifest), name);
    return existsSync(file) && executable(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The binary to run, or undefined when none is found. `searchPath` is the PATH to look
 * in (the caller passes the one it read from the environment; `process.env` is read
 * only in src/config/env.ts).
 */
export function locateBinary(
  name: BinaryName,
  override: string | undefined,
  searchPath: string | undefined,
): Binary | undefined {
  if (override) return { path: override, source: 'config' };
  const system = onPath(name, searchPath);
  if (system) return { path: system, source: 'system' };
  const shipped = fromNpm(name);
  return shipped ? { path: shipped, source: 'npm' } : undefined;
}
