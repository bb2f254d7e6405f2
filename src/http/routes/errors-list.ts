import { CATALOG } from '../../errors/catalog/index.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { CatalogAnswer } from '../schemas/meta-responses.ts';
import type { RegisterRoute } from '../types.ts';

/** GET /api/errors: the machine-readable catalog (public: it holds no secret). */
export const registerErrorsList: RegisterRoute = (server) => {
  server.get(
    '/api/errors',
    {
      schema: {
        summary: 'Every error code with its HTTP status, message, flags and remedy',
        tags: ['meta'],
        response: { 200: CatalogAnswer, ...ErrorResponses },
      },
    },
    async () => ({
      errors: CATALOG.map((entry) => ({
        code: entry.code,
        httpStatus: entry.http,
        title: entry.title,
        scope: entry.scope,
        action: entry.action,
        message: entry.variants.default.message,
        retryAvailable: entry.variants.default.retryAvailable ?? false,
        relink: entry.variants.default.relink ?? false,
        platforms: [...(entry.platforms ?? [])],
        variants: Object.entries(entry.variants).map(([name, v]) => ({
          name,
          message: v.message,
          ...(v.action ? { action: v.action } : {}),
          retryAvailable: v.retryAvailable ?? false,
          relink: v.relink ?? false,
          ...(v.resolution ? { resolution: v.resolution } : {}),
          ...(v.source ? { source: v.source } : {}),
          ...(v.details ? { details: v.details } : {}),
        })),
        remedy: entry.remedy,
        origin: entry.origin,
        docs: `docs/errors.md#${entry.code}`,
      })),
    }),
  );
};
