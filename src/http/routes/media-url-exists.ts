import { Type } from 'typebox';
import { mediaService } from '../../media/media-service.ts';
import { mediaUrlExists } from '../../media/url-exists.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { UrlExists } from '../schemas/media-responses.ts';
import type { RegisterRoute } from '../types.ts';

/** POST /api/media/urlExists (Ayrshare): whether a media URL answers, and its content type. */
export const registerMediaUrlExists: RegisterRoute = (server, app) => {
  server.post(
    '/api/media/urlExists',
    {
      schema: {
        summary: 'Whether a media URL is reachable (HEAD, then a ranged GET for hosts that refuse HEAD)',
        tags: ['media'],
        body: Type.Object({ mediaUrl: Type.String({ minLength: 1, maxLength: 4096 }) }),
        response: { 200: UrlExists, ...ErrorResponses },
      },
    },
    async (request) => ({
      status: 'success' as const,
      ...(await mediaUrlExists(mediaService(app), request.body.mediaUrl)),
    }),
  );
};
