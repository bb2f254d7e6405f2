import { Type } from 'typebox';
import { listMedia, pendingOf } from '../../db/media.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { mediaAnswer, settlePending } from '../../media/library/library.ts';
import { mediaService } from '../../media/media-service.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { MediaList } from '../schemas/media-library-responses.ts';
import type { RegisterRoute } from '../types.ts';

/**
 * GET /api/media (Ayrshare): the profile's library, newest first, as Ayrshare's array.
 * Paginated: `limit` (1–1000, default 100) and `cursor`; a further page is announced by
 * `Link: <…?cursor=…>; rel="next"` and the `X-Next-Cursor` header, since the body is a bare array.
 */
export const registerMediaList: RegisterRoute = (server, app) => {
  server.get(
    '/api/media',
    {
      schema: {
        summary: 'The profile’s media library (uploads), newest first',
        tags: ['media'],
        querystring: Type.Object({
          limit: Type.Optional(
            Type.String({ pattern: '^[0-9]{1,4}$', description: '1 to 1000; default 100.' }),
          ),
          cursor: Type.Optional(
            Type.String({ maxLength: 200, description: 'X-Next-Cursor of the previous page.' }),
          ),
        }),
        response: { 200: MediaList, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const limit = Number(request.query.limit ?? 100);
      if (limit < 1 || limit > 1000)
        throw new HeraldError({ code: 604, params: { problem: 'limit must be from 1 to 1000' } });
      const after = request.query.cursor ? decodeCursor(request.query.cursor) : undefined;
      // Uploads to a presigned bucket URL arrive without telling Herald: looked at now.
      for (const pending of await pendingOf(app.pool, request.profile.id)) await settlePending(app, pending);
      const page = await listMedia(app.pool, request.profile.id, limit + 1, after);
      const items = page.slice(0, limit);
      const last = items.at(-1);
      if (page.length > limit && last) {
        const cursor = Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString('base64url');
        reply.header('x-next-cursor', cursor);
        reply.header('link', `</api/media?limit=${limit}&cursor=${cursor}>; rel="next"`);
      }
      const service = mediaService(app);
      return items.map((media) => mediaAnswer(service, media));
    },
  );
};

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime()))
    throw new HeraldError({ code: 604, params: { problem: 'cursor is not one Herald gave' } });
  return { createdAt, id };
}
