import { shortenUrl, shortUrlFor } from '../../links/links-service.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { LegacyShortened } from '../schemas/link-responses.ts';
import { LegacyShortenBody } from '../schemas/links.ts';
import { refuseUnsupported } from '../schemas/unsupported.ts';
import type { RegisterRoute } from '../types.ts';

/**
 * Ayrshare's older shortener, `POST /api/short` (its docs' examples call `/api/shorten`,
 * and so does its SDK's `shorten`): `{status, shortUrl, originalUrl}`. Same links as /api/links.
 */
export const registerLinksShortenLegacy: RegisterRoute = (server, app) => {
  for (const path of ['/api/shorten', '/api/short']) {
    server.post(
      path,
      {
        schema: {
          summary: 'Shorten a URL (Ayrshare’s older shape)',
          tags: ['links'],
          body: LegacyShortenBody,
          response: { 200: LegacyShortened, ...ErrorResponses },
        },
      },
      async (request) => {
        const body = request.body as { url: string; socialMeta?: unknown };
        refuseUnsupported(body, ['socialMeta']);
        const link = await shortenUrl(app, request.profile, body.url, {});
        return {
          status: 'success' as const,
          shortUrl: shortUrlFor(app, link),
          originalUrl: link.originalUrl,
        };
      },
    );
  }
};
