import { Type } from 'typebox';
import { HeraldError } from '../../errors/herald-error.ts';
import { byteRange } from '../../media/byte-range.ts';
import { typeOfName } from '../../media/media-names.ts';
import { mediaService } from '../../media/media-service.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { MediaBytes, MediaRangeRefused } from '../schemas/media-responses.ts';
import type { RegisterRoute } from '../types.ts';

/**
 * GET /media/:file (public, no API key): what Herald stores for the networks to fetch —
 * converted images, fixed videos, uploads. Names are unguessable and never reused for
 * other bytes, so answers are cacheable for a year. `Range` is answered (206, or 416),
 * as crawlers and players ask for parts; the type is the one read from the bytes when
 * the file was stored (its extension). No cookie is ever set. HEAD is answered too.
 */
export const registerMediaFile: RegisterRoute = (server, app) => {
  server.get(
    '/media/:file',
    {
      schema: {
        summary: 'A media file Herald stores for the networks (public)',
        tags: ['media'],
        security: [],
        params: Type.Object({ file: Type.String({ maxLength: 64 }) }),
        response: { 200: MediaBytes, 206: MediaBytes, 416: MediaRangeRefused, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const { store } = mediaService(app);
      const name = request.params.file;
      const info = await store.stat(name);
      if (!info) throw new HeraldError({ code: 607, params: { what: 'Media file' } });
      reply
        .header('content-type', typeOfName(name) ?? 'application/octet-stream')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('accept-ranges', 'bytes')
        .header('last-modified', info.lastModified.toUTCString())
        .header('x-content-type-options', 'nosniff');
      const range = byteRange(request.headers.range, info.size);
      if (range.kind === 'unsatisfiable')
        return reply.status(416).header('content-range', `bytes */${info.size}`).send();
      const part = range.kind === 'part' ? { start: range.start, end: range.end } : undefined;
      // HEAD too: Node writes no body for HEAD, and a stream leaves the Content-Length set here.
      const body = await store.read(name, part);
      if (!body) throw new HeraldError({ code: 607, params: { what: 'Media file' } });
      if (part)
        reply
          .status(206)
          .header('content-range', `bytes ${part.start}-${part.end}/${info.size}`)
          .header('content-length', part.end - part.start + 1);
      else reply.header('content-length', info.size);
      return reply.send(body);
    },
  );
};
