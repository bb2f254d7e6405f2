import { documented } from '../answer.ts';
import { callerOf, operations } from '../operations.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { MediaVerifyBody } from '../schemas/media.ts';
import { MediaVerification } from '../schemas/media-responses.ts';
import type { RegisterRoute } from '../types.ts';

/**
 * POST /api/media/verify: what each network's crawler meets at a media URL (robots.txt
 * verdict and the rule that decided it, HTTP status, type from the bytes, bytes
 * received), the verdict and the fix. `herald media check <url>` prints the same.
 */
export const registerMediaVerify: RegisterRoute = (server, app) => {
  server.post(
    '/api/media/verify',
    {
      schema: {
        summary: 'Check a media URL the way each network’s crawler will fetch it',
        tags: ['media'],
        body: MediaVerifyBody,
        response: { 200: MediaVerification, ...ErrorResponses },
      },
    },
    async (request) => documented((await operations.verifyMedia(callerOf(app, request), request.body)).body),
  );
};
