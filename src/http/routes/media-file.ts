import { Type } from 'typebox';
import { HeraldError } from '../../errors/herald-error.ts';
import { mediaService } from '../../media/media-service.ts';
import { documented } from '../answer.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { MediaBytes } from '../schemas/media-responses.ts';
import type { RegisterRoute } from '../types.ts';

/**
 * GET /media/:file (public, no API key): the JPEGs Herald converted, fetched by the
 * networks' crawlers. Names are unguessable HMACs; a name of any other form is never
 * looked up. HEAD is answered too (fastify adds it).
 */
export const registerMediaFile: RegisterRoute = (server, app) => {
  server.get(
    '/media/:file',
    {
      schema: {
        summary: 'A media file Herald converted for the networks (public)',
        tags: ['media'],
        security: [],
        params: Type.Object({ file: Type.String({ maxLength: 64 }) }),
        response: { 200: MediaBytes, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const bytes = await mediaService(app).store.get(request.params.file);
      if (!bytes) throw new HeraldError({ code: 607, params: { what: 'Media file' } });
      return reply
        .header('content-type', 'image/jpeg')
        .header('cache-control', 'public, max-age=86400, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(documented(bytes));
    },
  );
};
