import { readFile } from 'node:fs/promises';
import { Type } from 'typebox';
import { DASHBOARD_DIST, type DASHBOARD_FILES } from '../../dashboard/build.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import type { RegisterRoute } from '../types.ts';

/**
 * The dashboard: one page at /app and its two bundled files under /app/assets/, read
 * from dist/dashboard/ (built by `npm install`'s prepare script, or by `herald serve`
 * when missing). Public: the page holds no secret; it asks for the API key and keeps it
 * in the tab's sessionStorage. The CSP lets the page load and call nothing but Herald.
 */

const TYPES: Readonly<Record<(typeof DASHBOARD_FILES)[number], string>> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Files read once: a build replaces the folder, a restart serves the new one. */
const cache = new Map<string, string>();

async function dashboardFile(file: (typeof DASHBOARD_FILES)[number]): Promise<string> {
  const cached = cache.get(file);
  if (cached !== undefined) return cached;
  try {
    const body = await readFile(`${DASHBOARD_DIST}${file}`, 'utf8');
    cache.set(file, body);
    return body;
  } catch {
    throw new HeraldError({
      code: 607,
      params: { what: 'The dashboard build (run npm run build:dashboard)' },
    });
  }
}

function isAsset(file: string): file is 'app.js' | 'app.css' {
  return file === 'app.js' || file === 'app.css';
}

export const registerDashboard: RegisterRoute = (server) => {
  for (const url of ['/app', '/app/']) {
    server.get(url, { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type(TYPES['index.html'])
        .header('content-security-policy', CSP)
        .header('referrer-policy', 'no-referrer')
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-cache')
        .send(await dashboardFile('index.html')),
    );
  }
  server.get(
    '/app/assets/:file',
    { schema: { hide: true, params: Type.Object({ file: Type.String({ maxLength: 64 }) }) } },
    async (request, reply) => {
      const { file } = request.params as { file: string };
      if (!isAsset(file)) throw new HeraldError({ code: 607, params: { what: 'This file' } });
      return reply
        .type(TYPES[file])
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-cache')
        .send(await dashboardFile(file));
    },
  );
};
