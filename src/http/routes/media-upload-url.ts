import { Type } from 'typebox';
import { HeraldError } from '../../errors/herald-error.ts';
import { declaredType, issueUploadUrl } from '../../media/library/upload-url.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { UploadUrlAnswer } from '../schemas/media-library-responses.ts';
import type { RegisterRoute } from '../types.ts';

/** GET /api/media/uploadUrl (Ayrshare): a single-use signed PUT for one large file, and where it will be served. */
export const registerMediaUploadUrl: RegisterRoute = (server, app) => {
  server.get(
    '/api/media/uploadUrl',
    {
      schema: {
        summary: 'A URL to PUT one large file to (30 minutes, once), and its public URL',
        tags: ['media'],
        querystring: Type.Object({
          fileName: Type.String({ minLength: 1, maxLength: 1024 }),
          contentType: Type.Optional(
            Type.String({
              maxLength: 100,
              description:
                'mp4, mov, webm, png, jpg, jpeg, gif, webp, heic, avif or a MIME type; default: from fileName.',
            }),
          ),
        }),
        response: { 200: UploadUrlAnswer, ...ErrorResponses },
      },
    },
    async (request) => {
      const { fileName, contentType } = request.query;
      const type = declaredType(contentType, fileName);
      if (!type)
        throw new HeraldError({
          code: 604,
          params: {
            problem:
              'contentType must be an image or video type (mp4, mov, webm, png, jpg, gif, webp, heic, avif)',
          },
        });
      return issueUploadUrl(app, request.profile.id, fileName, type);
    },
  );
};
