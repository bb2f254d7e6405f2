import { existsSync } from 'node:fs';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { networkOptions } from './option-fields.ts';

/**
 * Bundles the dashboard (Preact, src/dashboard/ui/) into dist/dashboard-bundle/ with esbuild:
 * one script, one stylesheet, one page, no CDN. `npm install` runs it (the `prepare`
 * script), and `herald serve` runs it when the folder is missing, so the dashboard works
 * offline from the installed packages alone.
 */

// Through the repository root: the same folders whether this runs from src/ or from dist/.
const UI = fileURLToPath(new URL('../../src/dashboard/ui/', import.meta.url));
export const DASHBOARD_DIST = fileURLToPath(new URL('../../dist/dashboard-bundle/', import.meta.url));

/** The files Herald serves under /app/assets/ (index.html is the page at /app). */
export const DASHBOARD_FILES = ['index.html', 'app.js', 'app.css'] as const;

export function dashboardBuilt(): boolean {
  return DASHBOARD_FILES.every((file) => existsSync(`${DASHBOARD_DIST}${file}`));
}

/**
 * Built beside the folder, then swapped in: a Herald serving the old build never finds
 * the folder half-written.
 */
export async function buildDashboard(): Promise<void> {
  const dist = DASHBOARD_DIST.replace(/\/$/, '');
  const fresh = `${dist}.building-${process.pid}/`;
  const old = `${dist}.old-${process.pid}`;
  await rm(fresh, { recursive: true, force: true });
  await mkdir(fresh, { recursive: true });
  // Loaded only to build: a Herald serving a built dashboard never loads the bundler.
  const { build } = await import('esbuild');
  await build({
    entryPoints: { app: `${UI}main.tsx` },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: fresh,
    logLevel: 'warning',
    legalComments: 'none',
    // The composer's simple option fields, from the networks' declarations.
    define: { __HERALD_NETWORK_OPTIONS__: JSON.stringify(networkOptions()) },
  });
  await copyFile(`${UI}styles.css`, `${fresh}app.css`);
  await copyFile(`${UI}index.html`, `${fresh}index.html`);
  await rename(dist, old).catch(() => undefined);
  // Another build (same sources) swapped its folder in first: keep that one.
  await rename(fresh, dist).catch(() => rm(fresh, { recursive: true, force: true }));
  await rm(old, { recursive: true, force: true });
}

/** Builds only when a file is missing (herald serve, tests). */
export async function ensureDashboard(): Promise<void> {
  if (!dashboardBuilt()) await buildDashboard();
}
