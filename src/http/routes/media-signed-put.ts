import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import { receiveSignedPut } from '../../media/library/upload-url.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { RawBytes, SignedPutAnswer } from '../schemas/media-library-responses.ts';
import { RAW_BODY } from '../schemas/raw-body.ts';
import type { RegisterRoute } from '../types.ts';

/**
 * PUT /media/upload/:token (public: the token is the authorisation): the body of a
 * signed upload from GET /api/media/uploadUrl, streamed to the store. Once: the token
 * is spent by the first PUT that reaches it, whatever its outcome.
 */
export const registerMediaSignedPut: RegisterRoute = (server, app) => {
  server.put(
    '/media/upload/:token',
    {
      schema: {
        summary: 'The signed PUT of GET /api/media/uploadUrl (local store)',
        tags: ['media'],
        security: [],
        params: Type.Object({ token: Type.String({ minLength: 20, maxLength: 100 }) }),
        consumes: ['application/octet-stream'],
        [RAW_BODY]: RawBytes,
        response: { 200: SignedPutAnswer, ...ErrorResponses },
      },
    },
    async (request) => {
      const result = await receiveSignedPut(
        app,
        request.params.token,
        request.headers['content-type'],
        // The raw-body scope (server.ts) hands the request stream over unread.
        request.body as unknown as Readable,
      );
      return { status: 'success' as const, ...result };
    },
  );
};
