import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (no browser download): headless, no
 * sandbox (containers), nothing that phones home, and a fresh profile per launch so no
 * cookie or cache leaks from one test file to the next. `scripts/ensure-chromium.mjs`
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
] as const;

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
  return {
    context,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
