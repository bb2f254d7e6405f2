import { Type } from 'typebox';
import { deleteMedia } from '../../db/media.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { mediaService } from '../../media/media-service.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { MediaDeleted } from '../schemas/media-library-responses.ts';
import type { RegisterRoute } from '../types.ts';

/** DELETE /api/media/:id: removes one file of the profile's library (607 for any other profile's). */
export const registerMediaDelete: RegisterRoute = (server, app) => {
  server.delete(
    '/api/media/:id',
    {
      schema: {
        summary: 'Delete a file of the profile’s media library',
        tags: ['media'],
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: MediaDeleted, ...ErrorResponses },
      },
    },
    async (request) => {
      const media = await deleteMedia(app.pool, request.profile.id, request.params.id);
      if (!media) throw new HeraldError({ code: 607, params: { what: `Media ${request.params.id}` } });
      // The row is gone first: a failed store delete leaves a file the hourly cleanup removes.
      await mediaService(app)
        .store.delete(media.fileName, new Date(Date.now() + 60_000))
        .catch((err: Error) => app.log.warn({ err: err.message, id: media.id }, 'media file not deleted'));
      return { status: 'success' as const, id: media.id, deleted: true as const };
    },
  );
};
