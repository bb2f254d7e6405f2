import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (no browser download): headless, no
 * sandbox (containers), nothing that phones home, and a fresh profile per launch so no
 * cookie or cache leaks from one test file to the next. `scripts/ensure-system-packages.mjs`
 * installs the browser before `npm test` when it is missing.
 */

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Tests reach nothing but loopback (the net guard cannot see into the browser's process):
  // every other host name fails to resolve inside Chromium itself.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
] as const;

/** Only 127.0.0.0/8 and localhost: what a page may load in a test. */
function loopbackUrl(url: URL): boolean {
  return (
    url.hostname === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname) || url.protocol === 'data:'
  );
}

export interface LaunchedChromium {
  /** One browser profile (its own cookies): a user's browser. */
  context: BrowserContext;
  close(): Promise<void>;
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** A browser with a fresh profile (`--user-data-dir` in a new temporary folder). */
export async function launchChromium(
  options: Parameters<typeof chromium.launchPersistentContext>[1] = {},
): Promise<LaunchedChromium> {
  if (!chromiumAvailable()) {
    throw new Error(
      `${CHROMIUM_PATH} is missing: install Debian's chromium (npm test does it with apt when it can)`,
    );
  }
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'herald-chromium-'));
  // playwright passes the profile folder as --user-data-dir itself.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_FLAGS],
    headless: true,
    ...options,
  });
  // And a request for anything else is refused before it leaves (a picture on a network's CDN).
  await context.route(
    (url) => !loopbackUrl(url),
    (route) => route.abort('blockedbyclient'),
  );
  return {
    context,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
