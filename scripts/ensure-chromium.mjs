// Debian's Chromium drives the connect page's browser tests (test/helpers/chromium.ts,
// through playwright-core: no browser download). `npm test` calls this first: when the
// browser is missing it is installed with apt, except where that cannot work — no apt
// (another distribution: install chromium yourself), or no network (under
// ../shared/tools/offline only loopback exists: install first, outside it). It never
// fails the test command itself: a missing browser fails the browser tests, by name.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

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
  return (
    spawnSync(command, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
      .status === 0
  );
}

export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (!has('apt-get')) {
    process.stderr.write(
      `ensure-chromium: ${CHROMIUM} is missing and apt-get is not available; install Chromium to run the browser tests\n`,
    );
    return;
  }
  if (offline()) {
    process.stderr.write(
      `ensure-chromium: ${CHROMIUM} is missing and this run is offline; install it first (apt-get install chromium)\n`,
    );
    return;
  }
  process.stdout.write('ensure-chromium: installing Debian’s chromium for the browser tests\n');
  if (apt(['install', '-y', '--no-install-recommends', 'chromium'])) return;
  // A fresh machine may have no package lists yet.
  if (apt(['update']) && apt(['install', '-y', '--no-install-recommends', 'chromium'])) return;
  process.stderr.write('ensure-chromium: could not install chromium; the browser tests will fail\n');
}
