import { readFileSync } from 'node:fs';
import { Type } from 'typebox';
import { HeraldError } from '../../errors/herald-error.ts';
import { textResponse } from '../schemas/common.ts';
import { ConnectErrors } from '../schemas/connect-responses.ts';
import type { RegisterRoute } from '../types.ts';

/** The page's own stylesheet and script (no CDN: the page renders offline), read once. */
const ASSETS: Readonly<Record<string, { type: string; body: string }>> = Object.fromEntries(
  [
    ['connect.css', 'text/css; charset=utf-8'],
    ['connect.js', 'text/javascript; charset=utf-8'],
  ].map(([file, type]) => [
    file,
    { type, body: readFileSync(new URL(`../../connect-page/assets/${file}`, import.meta.url), 'utf8') },
  ]),
);

export const registerConnectAssets: RegisterRoute = (server) => {
  server.get(
    '/connect/assets/:file',
    {
      schema: {
        summary: 'A stylesheet or script of the hosted connect page (public)',
        tags: ['connect'],
        security: [],
        params: Type.Object({ file: Type.String({ maxLength: 64 }) }),
        response: {
          200: textResponse('text/css; charset=utf-8', 'The file (CSS or JavaScript).', 'body{margin:0}'),
          ...ConnectErrors,
        },
      },
    },
    async (request, reply) => {
      const file = (request.params as { file: string }).file;
      // Own keys only: `__proto__` or `constructor` must not reach Object.prototype.
      const asset = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
      if (!asset) throw new HeraldError({ code: 607, params: { what: 'This file' } });
      // Cacheable but revalidated: the scope's no-store is for pages, not these.
      return reply.type(asset.type).header('cache-control', 'public, max-age=300').send(asset.body);
    },
  );
};
