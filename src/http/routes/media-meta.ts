import { Type } from 'typebox';
import { mediaMeta } from '../../media/library/media-meta.ts';
import { documented } from '../answer.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { MediaMeta } from '../schemas/media-library-responses.ts';
import type { RegisterRoute } from '../types.ts';

/** GET /api/media/meta?url= (Ayrshare): type, size, width, height, duration and codecs of a media URL. */
export const registerMediaMeta: RegisterRoute = (server, app) => {
  server.get(
    '/api/media/meta',
    {
      schema: {
        summary: 'What a media file is: type, size, dimensions, duration, codecs (ffprobe for videos)',
        tags: ['media'],
        querystring: Type.Object({
          url: Type.String({ minLength: 1, maxLength: 4096, pattern: '^https?://' }),
        }),
        response: { 200: MediaMeta, ...ErrorResponses },
      },
    },
    async (request) => documented(await mediaMeta(app, request.profile.id, request.query.url)),
  );
};
