// Debian packages the test suite uses from the system: chromium, which the browser tests
// drive through playwright-core (test/helpers/chromium.ts: no browser download), and ffmpeg
// (with ffprobe), which the media tests run on real encoder output (test/media/video-fix.test.ts
// runs both the system's build and the static one shipped in @ffmpeg-installer/linux-x64).
// `npm test` calls this first: a missing package is installed with apt, except where that
// cannot work — no apt (another distribution: install it yourself), or no network (under
// ../shared/tools/offline only loopback exists: install first, outside it). It never fails
// the test command itself: a missing package fails the tests that need it, by name.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

/** Package → a file it installs, whose presence says it is there. */
const PACKAGES = { chromium: '/usr/bin/chromium', ffmpeg: '/usr/bin/ffprobe' };

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Only loopback in this network namespace (the offline tool): apt could not reach its mirrors. */
function offline() {
  try {
    return readdirSync('/sys/class/net').every((name) => name === 'lo');
  } catch {
    return false;
  }
}

function apt(args) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const [command, rest] = root ? ['apt-get', args] : ['sudo', ['-n', 'apt-get', ...args]];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  return spawnSync(command, rest, { stdio: 'inherit', env }).status === 0;
}

export function ensureSystemPackages() {
  const missing = Object.entries(PACKAGES)
    .filter(([, file]) => !existsSync(file))
    .map(([name]) => name);
  if (missing.length === 0) return;
  const list = missing.join(' ');
  if (!has('apt-get')) {
    process.stderr.write(
      `ensure-system-packages: ${list} missing and apt-get is not available; install them to run the browser and media tests\n`,
    );
    return;
  }
  if (offline()) {
    process.stderr.write(
      `ensure-system-packages: ${list} missing and this run is offline; install it first (apt-get install ${list})\n`,
    );
    return;
  }
  process.stdout.write(
    `ensure-system-packages: installing Debian’s ${list} for the browser and media tests\n`,
  );
  const install = ['install', '-y', '--no-install-recommends', ...missing];
  if (apt(install)) return;
  // A fresh machine may have no package lists yet.
  if (apt(['update']) && apt(install)) return;
  process.stderr.write(
    `ensure-system-packages: could not install ${list}; the tests that need it will fail\n`,
  );
}
